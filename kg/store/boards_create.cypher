// The ranking boards, by key; returns the keys that were not there before.
UNWIND $keys AS key
OPTIONAL MATCH (old:Board {key: key})
WITH key, old
WHERE old IS NULL
MERGE (b:Board {key: key})
RETURN key
