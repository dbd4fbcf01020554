// name: related_by_type
// description: Who has a given relationship to an entity (e.g. who SUMMONED Jack Ma), with dates and evidence.
// param: name name The object's name or alias. Example: "Jack Ma"
// param: type string The relationship type. Example: "SUMMONED"
MATCH (:Lookup {key: $name})-[:NAME_OF]->(x)
MATCH (s)-[e]->(x)
WHERE label(e) = $type
RETURN s.name AS subject, label(s) AS subject_type, min(e.date) AS first,
       count(DISTINCT e.article_id) AS articles, collect(e.evidence)[1] AS evidence
ORDER BY articles DESC, subject
