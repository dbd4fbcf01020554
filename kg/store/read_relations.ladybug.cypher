// The relationships extracted from some articles (anchored on each article's mentions).
// The WITH keeps LadybugDB 0.22 expanding from each mentioned entity: with the article filter
// inside one MATCH it plans a join that outgrows a 128 MiB page cache on a graph with hubs.
UNWIND $ids AS article_id
MATCH (:Article {id: article_id})-[:MENTIONS]->(s)
WITH DISTINCT article_id, s
MATCH (s)-[r]->(o)
WHERE r.article_id = article_id
RETURN r.article_id AS article_id, s.id AS subject, label(r) AS type, o.id AS object,
       r.evidence AS evidence, r.date AS date, r.confidence AS confidence, r.method AS method,
       r.modality AS modality, r.amount AS amount, r.currency AS currency, r.role AS role,
       r.former AS former, r.detail AS detail
