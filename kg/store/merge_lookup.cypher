// Lookup keys of entities of one label: id keys (__LOOKUP__ = ID_OF) or lower-cased names
// and aliases (NAME_OF), each joined to its entity; LadybugDB indexes only primary keys.
UNWIND $rows AS row
MERGE (k:Lookup {key: row.key})
WITH k, row
MATCH (n:__LABEL__ {id: row.id})
MERGE (k)-[:__LOOKUP__]->(n)
