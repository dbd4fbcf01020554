// The name keys that no longer find one entity (its names and aliases lost them).
MATCH (k:Lookup)-[e:NAME_OF]->(n:__LABEL__ {id: $id})
WHERE NOT k.key IN $keys
DELETE e
