// name: entity_index
// description: Entities' id, name, type and aliases, a page at a time in a fixed order (for suggesting names).
// param: offset int How many entities to skip. Example: 0
// param: limit int How many to list. Example: 1000
MATCH (x)
WHERE NOT x:Article
RETURN x.id AS id, x.name AS name, labels(x)[0] AS type, x.aliases AS aliases
ORDER BY id
SKIP $offset LIMIT $limit
