// name: graph_summary
// description: How many entities of each type and relationships of each type the graph holds.
MATCH (n)
WHERE label(n) <> 'Lookup'
RETURN 'node' AS kind, label(n) AS type, count(*) AS count
UNION ALL
MATCH ()-[e]->()
WHERE NOT label(e) IN ['ID_OF', 'NAME_OF']
RETURN 'relationship' AS kind, label(e) AS type, count(*) AS count
