// name: entity_card
// description: One entity's name, type, aliases, Wikidata QID and the dates of the first and last articles naming it.
// param: id string The entity's id. Example: "ant-group"
MATCH (:Lookup {key: $id})-[:ID_OF]->(x)
OPTIONAL MATCH (a:Article)-[:MENTIONS]->(x)
RETURN x.id AS id, x.name AS name, label(x) AS type, x.aliases AS aliases, x.wikidata AS wikidata,
       count(DISTINCT a) AS articles, min(a.published) AS first_seen, max(a.published) AS last_seen
