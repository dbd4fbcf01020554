// name: neighbourhood
// description: Every relationship touching any of the given entities, with supporting-article counts and its most confident, newest evidence (for maps).
// param: names name The canonical name of the entity at the centre. Example: "Ant Group"
MATCH (s)-[e]->(o)
WHERE (toLower(s.name) = $names OR toLower(o.name) = $names) AND e.article_id IS NOT NULL
WITH s, e, o
ORDER BY e.confidence DESC, coalesce(e.date, '') DESC, e.article_id, e.evidence
RETURN s.name AS subject, labels(s)[0] AS subject_type, type(e) AS relation, o.name AS object,
       labels(o)[0] AS object_type, count(DISTINCT e.article_id) AS articles,
       head(collect(e.evidence)) AS evidence, min(e.date) AS first, max(e.date) AS last
