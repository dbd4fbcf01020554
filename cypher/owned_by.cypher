// name: owned_by
// description: What an entity owns, directly or through up to three levels of ownership.
// param: name name The owner's name or alias. Example: "Alibaba Group"
MATCH (x)
WHERE toLower(x.name) = $name OR any(alias IN coalesce(x.aliases, []) WHERE toLower(alias) = $name)
MATCH p = (x)-[:OWNS*1..3]->(o)
RETURN o.name AS owned, min(length(p)) AS hops
ORDER BY hops, owned
