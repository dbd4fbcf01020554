// Lookup keys (ids and lower-cased names and aliases of entities), before they are joined.
UNWIND $keys AS key
MERGE (k:Lookup {key: key})
