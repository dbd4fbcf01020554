// name: people_at
// description: People who hold or held positions at, or founded, an organisation, with their roles.
// param: name string The organisation's name or alias. Example: "Alibaba Group"
MATCH (x)
WHERE toLower(x.name) = toLower($name) OR $name IN x.aliases
MATCH (p:Person)-[e:HOLDS_POSITION|FOUNDED]->(x)
RETURN p.name AS person, collect(DISTINCT coalesce(e.role, toLower(type(e)))) AS roles
ORDER BY person
