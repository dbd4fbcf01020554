// name: graph_summary
// description: How many entities of each type and relationships of each type the graph holds.
// The store recounts the tables each write adds to (kg/store/rollups.py).
MATCH (c:Count)
WHERE c.count > 0
RETURN c.kind AS kind, c.type AS type, c.count AS count
