// The ids of the entities __ENTITIES__ picks (x) that the entity index does not list yet.
__ENTITIES__
OPTIONAL MATCH (i:IndexEntry)-[:LISTS]->(x)
WITH x, i
WHERE i IS NULL
RETURN x.id AS id
