// name: owners_of
// description: Who owns an entity, directly or through up to three levels of ownership.
// param: name string The company's or product's name or alias. Example: "Ant Group"
MATCH (x)
WHERE toLower(x.name) = toLower($name) OR $name IN x.aliases
MATCH p = (o)-[:OWNS*1..3]->(x)
RETURN o.name AS owner, min(length(p)) AS hops
ORDER BY hops, owner
