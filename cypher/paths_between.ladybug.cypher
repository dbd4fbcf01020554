// name: paths_between
// description: The shortest chains of relationships (up to 4 hops) connecting two entities, by entity ids and names; one row per chain of relationships (kg ask groups them by chain of entities).
// param: a name The first entity's name or alias. Example: "Jack Ma"
// param: b name The second entity's name or alias. Example: "Shanghai Stock Exchange"
MATCH (:Lookup {key: $a})-[:NAME_OF]->(x)
MATCH (:Lookup {key: $b})-[:NAME_OF]->(y)
MATCH p = (x)-[:REGULATES|INVESTIGATES|FINED|SUMMONED|SUSPENDED|ORDERED|ISSUED|TARGETS|CRITICIZED|SUPPORTED|WARNED|OWNS|FOUNDED|HOLDS_POSITION|PART_OF|OPERATES|COMPETES_WITH|MET* ALL SHORTEST 1..4]-(y)
RETURN list_transform(nodes(p), n -> n.id) AS ids, list_transform(nodes(p), n -> n.name) AS entities,
       list_transform(rels(p), r -> label(r)) AS relations, length(p) AS hops
LIMIT 100
