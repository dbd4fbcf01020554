// name: entity_relations
// description: An entity's relationships by direction, type and counterpart, with supporting-article counts and dates.
// param: id string The entity's id. Example: "ant-group"
MATCH (x {id: $id})-[e]->(o)
WHERE type(e) <> 'MENTIONS'
RETURN 'out' AS direction, o.id AS counterpart_id, type(e) AS relation, o.name AS counterpart, labels(o)[0] AS counterpart_type,
       count(DISTINCT e.article_id) AS articles, min(e.date) AS first, max(e.date) AS last
UNION ALL
MATCH (s)-[e]->(x {id: $id})
WHERE type(e) <> 'MENTIONS'
RETURN 'in' AS direction, s.id AS counterpart_id, type(e) AS relation, s.name AS counterpart, labels(s)[0] AS counterpart_type,
       count(DISTINCT e.article_id) AS articles, min(e.date) AS first, max(e.date) AS last
