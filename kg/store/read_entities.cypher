// A page of the entities of one label (__LABEL__, checked against the ontology), in id order.
MATCH (n:__LABEL__)
WHERE n.id > $after
RETURN n.id AS id, n.name AS name, n.aliases AS aliases, n.wikidata AS wikidata
ORDER BY id
LIMIT $limit
