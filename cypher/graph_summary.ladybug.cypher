// name: graph_summary
// description: How many entities of each type and relationships of each type the graph holds.
MATCH (n)
RETURN 'node' AS kind, label(n) AS type, count(*) AS count
UNION ALL
MATCH ()-[e]->()
RETURN 'relationship' AS kind, label(e) AS type, count(*) AS count
