// The articles that mention some entities (ids), with their metadata.
UNWIND $ids AS entity_id
MATCH (a:Article)-[:MENTIONS]->(n {id: entity_id})
RETURN DISTINCT a.id AS id, a.url AS url, a.title AS title, a.source AS source,
       a.published AS published,
       a.digest AS digest
ORDER BY id
