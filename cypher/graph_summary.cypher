// name: graph_summary
// description: How many entities of each type and relationships of each type the graph holds.
MATCH (n)
WHERE NOT n:Judgement
RETURN 'node' AS kind, labels(n)[0] AS type, count(*) AS count
UNION ALL
MATCH ()-[e]->()
RETURN 'relationship' AS kind, type(e) AS type, count(*) AS count
