// Entities of one label (__LABEL__ is checked against the ontology before use), keyed by id.
UNWIND $rows AS row
MERGE (n:__LABEL__ {id: row.id})
SET n.name = row.name, n.aliases = row.aliases, n.wikidata = row.wikidata
