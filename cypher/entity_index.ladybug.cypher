// name: entity_index
// description: Entities' id, name, type and aliases, a page at a time in a fixed order (for suggesting names).
// param: offset int How many entities to skip. Example: 0
// param: limit int How many to list. Example: 1000
// The store keeps every entity at a position (kg/store/rollups.py): a page is a range of them.
MATCH (i:IndexEntry)-[:LISTS]->(x)
WHERE i.position >= $offset AND i.position < $offset + $limit
RETURN x.id AS id, x.name AS name, label(x) AS type, x.aliases AS aliases
ORDER BY i.position
