// name: owned_by
// description: What an entity owns, directly or through up to three levels of ownership.
// param: name string The owner's name or alias. Example: "Alibaba Group"
MATCH (x)
WHERE toLower(x.name) = toLower($name) OR $name IN x.aliases
MATCH p = (x)-[:OWNS*1..3]->(o)
RETURN o.name AS owned, min(length(p)) AS hops
ORDER BY hops, owned
