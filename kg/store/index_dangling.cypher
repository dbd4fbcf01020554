// Entity index entries whose entity is gone (deleted by Cypher run with kg query --write).
MATCH (i:IndexEntry)
WHERE NOT EXISTS { MATCH (i)-[:LISTS]->() }
RETURN i.position AS position
