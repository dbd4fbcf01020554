// name: timeline
// description: Every dated relationship involving an entity, oldest first, with evidence.
// param: name name The entity's name or alias. Example: "Ant Group"
MATCH (:Lookup {key: $name})-[:NAME_OF]->(x)
MATCH (x)-[e]->(o)
WHERE e.article_id IS NOT NULL
RETURN e.date AS date, x.name AS subject, label(e) AS relation, o.name AS object,
       e.evidence AS evidence, e.article_id AS article
UNION ALL
MATCH (:Lookup {key: $name})-[:NAME_OF]->(x)
MATCH (s)-[e]->(x)
WHERE e.article_id IS NOT NULL
RETURN e.date AS date, s.name AS subject, label(e) AS relation, x.name AS object,
       e.evidence AS evidence, e.article_id AS article
ORDER BY date, subject, relation
