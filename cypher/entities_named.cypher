// name: entities_named
// description: The entities a name or alias stands for (exact, case-insensitive), to link names typed by people.
// param: name name The name or alias. Example: "Ant Group"
MATCH (x)
WHERE NOT x:Article AND (toLower(x.name) = $name OR any(alias IN coalesce(x.aliases, []) WHERE toLower(alias) = $name))
RETURN x.id AS id, x.name AS name, labels(x)[0] AS type
ORDER BY id
