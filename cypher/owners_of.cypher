// name: owners_of
// description: Who owns an entity, directly or through up to three levels of ownership.
// param: name name The company's or product's name or alias. Example: "Ant Group"
MATCH (x)
WHERE toLower(x.name) = $name OR any(alias IN coalesce(x.aliases, []) WHERE toLower(alias) = $name)
MATCH p = (o)-[:OWNS*1..3]->(x)
RETURN o.name AS owner, min(length(p)) AS hops
ORDER BY hops, owner
