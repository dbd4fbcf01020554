// Entities of one label (__LABEL__ is checked against the ontology before use), keyed by id;
// stored aliases are kept and new surface forms appended.
UNWIND $rows AS row
MERGE (n:__LABEL__ {id: row.id})
SET n.name = row.name,
    n.wikidata = coalesce(row.wikidata, n.wikidata),
    n.aliases = coalesce(n.aliases, []) + [alias IN row.aliases WHERE NOT alias IN coalesce(n.aliases, [])]
