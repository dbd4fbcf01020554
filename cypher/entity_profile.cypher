// name: entity_profile
// description: An entity's type, aliases, Wikidata QID and number of articles naming it.
// param: name name The entity's name or alias. Example: "Jack Ma"
MATCH (x)
WHERE toLower(x.name) = $name OR any(alias IN coalesce(x.aliases, []) WHERE toLower(alias) = $name)
OPTIONAL MATCH (a:Article)-[:MENTIONS]->(x)
RETURN x.name AS name, labels(x)[0] AS type, x.aliases AS aliases, x.wikidata AS wikidata,
       count(DISTINCT a) AS articles
