// name: timeline
// description: Every dated relationship involving an entity, oldest first, with evidence.
// param: name name The entity's name or alias. Example: "Ant Group"
MATCH (x)
WHERE toLower(x.name) = $name OR any(alias IN coalesce(x.aliases, []) WHERE toLower(alias) = $name)
MATCH (s)-[e]->(o)
WHERE (s = x OR o = x) AND e.article_id IS NOT NULL
RETURN e.date AS date, s.name AS subject, type(e) AS relation, o.name AS object,
       e.evidence AS evidence, e.article_id AS article
ORDER BY date, subject, relation
