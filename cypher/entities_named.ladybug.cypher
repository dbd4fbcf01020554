// name: entities_named
// description: The entities a name or alias stands for (exact, case-insensitive), to link names typed by people.
// param: name name The name or alias. Example: "Ant Group"
MATCH (:Lookup {key: $name})-[:NAME_OF]->(x)
RETURN x.id AS id, x.name AS name, label(x) AS type
ORDER BY id
