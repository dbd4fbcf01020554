// name: map_nodes
// description: Type, aliases and Wikidata QID of the given entities (for map tooltips).
// param: ids list Entity ids, comma-separated. Example: "ant-group,jack-ma"
MATCH (x)
WHERE NOT label(x) IN ['Article', 'Lookup'] AND x.id IN $ids
RETURN x.id AS id, x.name AS name, label(x) AS type, x.aliases AS aliases, x.wikidata AS wikidata
