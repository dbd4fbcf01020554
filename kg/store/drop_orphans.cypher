// Entities of one label (__LABEL__) among $ids that no article mentions any more (an article
// written again no longer names them), with their entry in the entity index.
MATCH (n:__LABEL__)
WHERE n.id IN $ids AND NOT EXISTS { MATCH (:Article)-[:MENTIONS]->(n) }
OPTIONAL MATCH (i:IndexEntry)-[:LISTS]->(n)
DETACH DELETE i, n
