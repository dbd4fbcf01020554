// The mentions of some articles, before those articles are written again.
MATCH (a:Article)-[m:MENTIONS]->()
WHERE a.id IN $ids
DELETE m
