// The entities some articles mention, with the surface forms each article used.
UNWIND $ids AS article_id
MATCH (a:Article {id: article_id})-[m:MENTIONS]->(n)
RETURN a.id AS article_id, n.id AS id, labels(n)[0] AS label, n.name AS name,
       n.aliases AS aliases, n.wikidata AS wikidata, m.surfaces AS surfaces
