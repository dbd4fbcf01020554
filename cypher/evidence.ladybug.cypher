// name: evidence
// description: The evidence sentences, sources and dates behind one relationship between two entities.
// param: subject name The subject's name or alias. Example: "SAMR"
// param: type string The relationship type. Example: "FINED"
// param: object name The object's name or alias. Example: "Alibaba Group"
MATCH (:Lookup {key: $subject})-[:NAME_OF]->(s)-[e]->(o)<-[:NAME_OF]-(:Lookup {key: $object})
WHERE label(e) = $type
WITH e
OPTIONAL MATCH (a:Article {id: e.article_id})
RETURN e.date AS date, e.evidence AS evidence, e.confidence AS confidence, e.method AS method,
       coalesce(a.title, a.source, a.url, e.article_id) AS source
ORDER BY date
