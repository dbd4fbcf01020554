// name: evidence
// description: The evidence sentences, sources and dates behind one relationship between two entities.
// param: subject name The subject's name or alias. Example: "SAMR"
// param: type string The relationship type. Example: "FINED"
// param: object name The object's name or alias. Example: "Alibaba Group"
MATCH (s)
WHERE toLower(s.name) = $subject OR any(alias IN coalesce(s.aliases, []) WHERE toLower(alias) = $subject)
MATCH (o)
WHERE toLower(o.name) = $object OR any(alias IN coalesce(o.aliases, []) WHERE toLower(alias) = $object)
MATCH (s)-[e]->(o)
WHERE type(e) = $type
OPTIONAL MATCH (a:Article {id: e.article_id})
RETURN e.date AS date, e.evidence AS evidence, e.confidence AS confidence, e.method AS method,
       coalesce(a.title, a.source, a.url, e.article_id) AS source
ORDER BY date
