// name: paths_between
// description: The shortest chains of relationships (up to 4 hops) connecting two entities, by entity ids and names; one row per chain of relationships (kg ask groups them by chain of entities).
// param: a name The first entity's name or alias. Example: "Jack Ma"
// param: b name The second entity's name or alias. Example: "Shanghai Stock Exchange"
MATCH (x)
WHERE toLower(x.name) = $a OR any(alias IN coalesce(x.aliases, []) WHERE toLower(alias) = $a)
MATCH (y)
WHERE toLower(y.name) = $b OR any(alias IN coalesce(y.aliases, []) WHERE toLower(alias) = $b)
MATCH p = allShortestPaths((x)-[:REGULATES|INVESTIGATES|FINED|SUMMONED|SUSPENDED|ORDERED|ISSUED|TARGETS|CRITICIZED|SUPPORTED|WARNED|OWNS|FOUNDED|HOLDS_POSITION|PART_OF|OPERATES|COMPETES_WITH|MET*..4]-(y))
RETURN [n IN nodes(p) | n.id] AS ids, [n IN nodes(p) | n.name] AS entities, [r IN relationships(p) | type(r)] AS relations,
       length(p) AS hops
LIMIT 100
