// name: related_by_type
// description: Who has a given relationship to an entity (e.g. who SUMMONED Jack Ma), with dates and evidence.
// param: name name The object's name or alias. Example: "Jack Ma"
// param: type string The relationship type. Example: "SUMMONED"
MATCH (x)
WHERE toLower(x.name) = $name OR any(alias IN coalesce(x.aliases, []) WHERE toLower(alias) = $name)
MATCH (s)-[e]->(x)
WHERE type(e) = $type
RETURN s.name AS subject, labels(s)[0] AS subject_type, min(e.date) AS first,
       count(DISTINCT e.article_id) AS articles, head(collect(e.evidence)) AS evidence
ORDER BY articles DESC, subject
