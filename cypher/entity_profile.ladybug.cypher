// name: entity_profile
// description: An entity's type, aliases, Wikidata QID and number of articles naming it.
// param: name name The entity's name or alias. Example: "Jack Ma"
MATCH (:Lookup {key: $name})-[:NAME_OF]->(x)
OPTIONAL MATCH (a:Article)-[:MENTIONS]->(x)
RETURN x.name AS name, label(x) AS type, x.aliases AS aliases, x.wikidata AS wikidata,
       count(DISTINCT a) AS articles
