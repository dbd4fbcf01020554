// Lookup keys of entities of one label: id keys (__LOOKUP__ = ID_OF) or lower-cased names
// and aliases (NAME_OF), each joined to its entity; LadybugDB indexes only primary keys.
// The keys exist (merge_lookup_keys); their two ends are found by separate MATCH clauses,
// which LadybugDB plans as key lookups (MERGE of the key node then a MATCH scanned the table).
UNWIND $rows AS row
MATCH (k:Lookup {key: row.key})
MATCH (n:__LABEL__ {id: row.id})
MERGE (k)-[:__LOOKUP__]->(n)
