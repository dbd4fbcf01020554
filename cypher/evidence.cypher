// name: evidence
// description: The evidence sentences, sources and dates behind one relationship between two entities.
// param: subject string The subject's name or alias. Example: "SAMR"
// param: type string The relationship type. Example: "FINED"
// param: object string The object's name or alias. Example: "Alibaba Group"
MATCH (s)
WHERE toLower(s.name) = toLower($subject) OR $subject IN s.aliases
MATCH (o)
WHERE toLower(o.name) = toLower($object) OR $object IN o.aliases
MATCH (s)-[e]->(o)
WHERE type(e) = $type
OPTIONAL MATCH (a:Article {id: e.article_id})
RETURN e.date AS date, e.evidence AS evidence, e.confidence AS confidence, e.method AS method,
       coalesce(a.title, a.url, a.source, e.article_id) AS source
ORDER BY date
