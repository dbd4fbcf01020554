// The articles that mention some entities (ids), with their metadata.
UNWIND $ids AS entity_id
MATCH (:Lookup {key: entity_id})-[:ID_OF]->(n)
MATCH (a:Article)-[:MENTIONS]->(n)
RETURN DISTINCT a.id AS id, a.url AS url, a.title AS title, a.source AS source,
       a.published AS published,
       a.digest AS digest
ORDER BY id
