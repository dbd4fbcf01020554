// name: ranked_targets
// description: Companies ranked by the number of articles reporting relationships of the given types against them (which companies were fined most), with the latest evidence.
// param: types ranking Relationship types, comma-separated: one type or a set the store ranks. Example: "FINED"
// param: limit int How many to list (at most 1000, the ranking the store keeps). Example: 10
// The store keeps one board per ranked type set (kg/data/rankings.yaml); keys sort the types.
// The LIMIT-th best score is found from the board's entries alone, so that only the entities
// scoring at least that much (ties included, for the order by name) are read. The board is
// matched again rather than carried over the WITH: carried, LadybugDB read every board's entries.
MATCH (b:Board)
WHERE b.key = 'targets:' + list_to_string(',', list_sort($types))
MATCH (b)-[l:LEADS]->(:Company)
WITH list_sort(collect(l.articles * 4294967296 + l.actions), 'DESC') AS keys
WITH keys[CASE WHEN size(keys) < $limit THEN size(keys) ELSE $limit END] AS floor
MATCH (b:Board)
WHERE b.key = 'targets:' + list_to_string(',', list_sort($types))
MATCH (b)-[l:LEADS]->(c:Company)
WHERE l.articles * 4294967296 + l.actions >= floor
RETURN c.id AS id, c.name AS name, 'Company' AS type, l.relations AS relations,
       l.first AS first, l.last AS last, l.articles AS articles, l.actions AS relationships,
       list_transform(range(1, size(l.sentences)),
                      i -> {sentence: l.sentences[i], source: l.sources[i], date: l.dates[i]}) AS evidence
ORDER BY articles DESC, relationships DESC, name
LIMIT $limit
