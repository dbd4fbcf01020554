// name: neighbourhood
// description: Every relationship touching any of the given entities, with supporting-article counts and its most confident, newest evidence (for maps).
// param: names name The canonical name of the entity at the centre. Example: "Ant Group"
MATCH (:Lookup {key: $names})-[:NAME_OF]->(x)
MATCH (x)-[e]->(o)
WHERE e.article_id IS NOT NULL
WITH x, e, o
ORDER BY e.confidence DESC, coalesce(e.date, '') DESC, e.article_id, e.evidence SKIP 0
RETURN x.name AS subject, label(x) AS subject_type, label(e) AS relation, o.name AS object,
       label(o) AS object_type, count(DISTINCT e.article_id) AS articles,
       collect(e.evidence)[1] AS evidence, min(e.date) AS first, max(e.date) AS last
UNION ALL
MATCH (:Lookup {key: $names})-[:NAME_OF]->(x)
MATCH (s)-[e]->(x)
WHERE e.article_id IS NOT NULL
WITH s, e, x
ORDER BY e.confidence DESC, coalesce(e.date, '') DESC, e.article_id, e.evidence SKIP 0
RETURN s.name AS subject, label(s) AS subject_type, label(e) AS relation, x.name AS object,
       label(x) AS object_type, count(DISTINCT e.article_id) AS articles,
       collect(e.evidence)[1] AS evidence, min(e.date) AS first, max(e.date) AS last
