// name: entity_index
// description: Every entity's id, name, type and aliases (for linking names in questions).
MATCH (x)
WHERE NOT label(x) IN ['Article', 'Lookup']
RETURN x.id AS id, x.name AS name, label(x) AS type, x.aliases AS aliases
ORDER BY name
