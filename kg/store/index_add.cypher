// List entities of one label (__LABEL__) in the entity index, each at its position.
UNWIND $rows AS row
MATCH (x:__LABEL__ {id: row.id})
CREATE (i:IndexEntry {position: row.position})-[:LISTS]->(x)
