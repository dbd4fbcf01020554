// name: paths_between
// description: The shortest chains of relationships (up to 4 hops) connecting two entities.
// param: a string The first entity's name or alias. Example: "Jack Ma"
// param: b string The second entity's name or alias. Example: "Shanghai Stock Exchange"
MATCH (x)
WHERE toLower(x.name) = toLower($a) OR $a IN x.aliases
MATCH (y)
WHERE toLower(y.name) = toLower($b) OR $b IN y.aliases
MATCH p = (x)-[:REGULATES|INVESTIGATES|FINED|SUMMONED|SUSPENDED|ORDERED|ISSUED|TARGETS|CRITICIZED|SUPPORTED|WARNED|OWNS|FOUNDED|HOLDS_POSITION|PART_OF|OPERATES|COMPETES_WITH|MET* ALL SHORTEST 1..4]-(y)
RETURN list_transform(nodes(p), n -> n.name) AS entities,
       list_transform(rels(p), r -> label(r)) AS relations, length(p) AS hops
LIMIT 25
