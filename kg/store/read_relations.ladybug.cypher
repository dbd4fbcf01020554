// The relationships extracted from some articles (anchored on each article's mentions).
UNWIND $ids AS article_id
MATCH (:Article {id: article_id})-[:MENTIONS]->(s)-[r]->(o)
WHERE r.article_id = article_id
RETURN r.article_id AS article_id, s.id AS subject, label(r) AS type, o.id AS object,
       r.evidence AS evidence, r.date AS date, r.confidence AS confidence, r.method AS method,
       r.modality AS modality, r.amount AS amount, r.currency AS currency, r.role AS role,
       r.former AS former, r.detail AS detail
