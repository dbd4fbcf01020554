// name: entity_relations
// description: An entity's relationships by direction, type and counterpart, with supporting-article counts and dates.
// param: id string The entity's id. Example: "ant-group"
MATCH (:Lookup {key: $id})-[:ID_OF]->(x)
MATCH (x)-[e]->(o)
WHERE e.article_id IS NOT NULL
RETURN 'out' AS direction, o.id AS counterpart_id, label(e) AS relation, o.name AS counterpart, label(o) AS counterpart_type,
       count(DISTINCT e.article_id) AS articles, min(e.date) AS first, max(e.date) AS last
UNION ALL
MATCH (:Lookup {key: $id})-[:ID_OF]->(x)
MATCH (s)-[e]->(x)
WHERE e.article_id IS NOT NULL
RETURN 'in' AS direction, s.id AS counterpart_id, label(e) AS relation, s.name AS counterpart, label(s) AS counterpart_type,
       count(DISTINCT e.article_id) AS articles, min(e.date) AS first, max(e.date) AS last
