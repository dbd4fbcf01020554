// name: people_at
// description: People who hold or held positions at, or founded, an organisation, with their roles.
// param: name name The organisation's name or alias. Example: "Alibaba Group"
MATCH (:Lookup {key: $name})-[:NAME_OF]->(x)
MATCH (p:Person)-[e:HOLDS_POSITION|FOUNDED]->(x)
WITH p, e
ORDER BY coalesce(e.role, toLower(label(e))) SKIP 0
RETURN p.name AS person, collect(DISTINCT coalesce(e.role, toLower(label(e)))) AS roles
ORDER BY person
