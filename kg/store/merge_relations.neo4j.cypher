// Relationships of one (subject label, type, object label), keyed by article.
UNWIND $rows AS row
MATCH (s:__SUBJECT__ {id: row.subject})
MATCH (o:__OBJECT__ {id: row.object})
MERGE (s)-[r:__TYPE__ {article_id: row.article_id}]->(o)
SET r.evidence = row.evidence, r.date = row.date, r.confidence = toFloat(row.confidence),
    r.method = row.method, r.modality = row.modality, r.amount = toFloat(row.amount),
    r.currency = row.currency, r.role = row.role, r.former = row.former, r.detail = row.detail
