// The mentions of some articles, before those articles are written again; the entities they
// named, for drop_orphans.
MATCH (a:Article)-[m:MENTIONS]->(n)
WHERE a.id IN $ids
WITH m, n.id AS id, labels(n)[0] AS label
DELETE m
RETURN DISTINCT id, label
