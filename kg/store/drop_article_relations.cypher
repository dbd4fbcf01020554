// The relationships extracted from some articles, before those articles are written again.
UNWIND $ids AS article_id
MATCH (:Article {id: article_id})-[:MENTIONS]->(s)-[r]->(o)
WHERE r.article_id = article_id
DELETE r
