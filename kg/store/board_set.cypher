// Put entities of one label on ranking boards, or update their scores there (rows carry the
// board's key); `entity` repeats the entity's id so that a ranking over several boards groups
// by it without reading the entities.
UNWIND $rows AS row
MATCH (b:Board {key: row.board})
MATCH (x:__LABEL__ {id: row.id})
MERGE (b)-[l:LEADS]->(x)
SET l.entity = row.id, l.articles = row.articles, l.actions = row.actions,
    l.partners = row.partners, l.relations = row.relations, l.first = row.first,
    l.last = row.last, l.sentences = row.sentences, l.sources = row.sources, l.dates = row.dates
