// The number of nodes or relationships in some tables.
UNWIND $rows AS row
MERGE (c:Count {key: row.key})
SET c.kind = row.kind, c.type = row.type, c.count = row.count
