// name: people_at
// description: People who hold or held positions at, or founded, an organisation, with their roles.
// param: name name The organisation's name or alias. Example: "Alibaba Group"
MATCH (x)
WHERE toLower(x.name) = $name OR any(alias IN coalesce(x.aliases, []) WHERE toLower(alias) = $name)
MATCH (p:Person)-[e:HOLDS_POSITION|FOUNDED]->(x)
WITH p, e
ORDER BY coalesce(e.role, toLower(type(e)))
RETURN p.name AS person, collect(DISTINCT coalesce(e.role, toLower(type(e)))) AS roles
ORDER BY person
