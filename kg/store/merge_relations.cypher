// Relationships of one (subject label, type, object label), keyed by article.
// CASTs: a column that is null in every row of a batch would otherwise bind as STRING.
UNWIND $rows AS row
MATCH (s:__SUBJECT__ {id: row.subject})
MATCH (o:__OBJECT__ {id: row.object})
MERGE (s)-[r:__TYPE__ {article_id: row.article_id}]->(o)
SET r.evidence = row.evidence, r.date = row.date, r.confidence = CAST(row.confidence AS DOUBLE),
    r.method = row.method, r.modality = row.modality, r.amount = CAST(row.amount AS DOUBLE),
    r.currency = row.currency, r.role = row.role, r.former = CAST(row.former AS BOOLEAN), r.detail = row.detail
