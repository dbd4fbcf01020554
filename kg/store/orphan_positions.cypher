// Where the entity index lists the entities of one label (__LABEL__) among $ids that no article
// mentions any more (drop_orphans deletes them).
MATCH (i:IndexEntry)-[:LISTS]->(n:__LABEL__)
WHERE n.id IN $ids AND NOT EXISTS { MATCH (:Article)-[:MENTIONS]->(n) }
RETURN i.position AS position
