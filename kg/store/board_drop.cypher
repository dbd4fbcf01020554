// Take entities of one label off ranking boards (LOAD FROM rows of board key and entity id).
// Both ends are found by key first: matched from the rows' columns in one pattern, LadybugDB
// joins every board's entries instead.
LOAD FROM __ROWS__
MATCH (b:Board {key: board})
MATCH (x:__LABEL__ {id: id})
MATCH (b)-[l:LEADS]->(x)
DELETE l
