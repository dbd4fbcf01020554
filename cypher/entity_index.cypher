// name: entity_index
// description: Every entity's id, name, type and aliases (for linking names in questions).
MATCH (x)
WHERE NOT x:Article
RETURN x.id AS id, x.name AS name, labels(x)[0] AS type, x.aliases AS aliases
ORDER BY name
