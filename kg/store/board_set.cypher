// Put entities of one label on a ranking board, or update their scores there.
UNWIND $rows AS row
MATCH (b:Board {key: $board})
MATCH (x:__LABEL__ {id: row.id})
MERGE (b)-[l:LEADS]->(x)
SET l.articles = row.articles, l.actions = row.actions, l.partners = row.partners,
    l.relations = row.relations, l.first = row.first, l.last = row.last,
    l.sentences = row.sentences, l.sources = row.sources, l.dates = row.dates
