// name: owned_by
// description: What an entity owns, directly or through up to three levels of ownership.
// param: name name The owner's name or alias. Example: "Alibaba Group"
MATCH (:Lookup {key: $name})-[:NAME_OF]->(x)
MATCH p = (x)-[:OWNS*1..3]->(o)
RETURN o.name AS owned, min(length(p)) AS hops
ORDER BY hops, owned
