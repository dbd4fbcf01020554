// name: entity_profile
// description: An entity's type, aliases, Wikidata QID and number of articles naming it.
// param: name string The entity's name or alias. Example: "Jack Ma"
MATCH (x)
WHERE toLower(x.name) = toLower($name) OR $name IN x.aliases
OPTIONAL MATCH (a:Article)-[:MENTIONS]->(x)
RETURN x.name AS name, labels(x)[0] AS type, x.aliases AS aliases, x.wikidata AS wikidata,
       count(DISTINCT a) AS articles
