// Entity index entries at some positions.
MATCH (i:IndexEntry)
WHERE i.position IN $positions
DETACH DELETE i
