// The relationships extracted from some articles, before those articles are written again.
// Expanded from each mentioned entity after a WITH, as read_relations.ladybug.cypher explains.
UNWIND $ids AS article_id
MATCH (:Article {id: article_id})-[:MENTIONS]->(s)
WITH DISTINCT article_id, s
MATCH (s)-[r]->(o)
WHERE r.article_id = article_id
DELETE r
