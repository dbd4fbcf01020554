// name: ranked_targets_between
// description: Companies ranked by the number of articles reporting relationships of the given types against them, dated within a period of calendar years (which companies were fined most in 2021), added up over the years (an article counts in each year it dates such a relationship; a year counts only its 1000 leaders).
// param: types ranking Relationship types, comma-separated: one type or a set the store ranks. Example: "FINED"
// param: since year First year counted; empty for none. Example: "2021"
// param: until year Last year counted; empty for none. Example: ""
// param: limit int How many to list. Example: 10
// The store keeps a board per ranked type set and calendar year (kg/data/rankings.yaml), key
// "targets:", the sorted types, "@" and the year. Leaders are picked by their board entries'
// entity ids, reading no entity (ties at the cut go by id), then completed from those entries.
// The leaders are joined back row by row: collecting them after ORDER BY ... LIMIT made
// LadybugDB 0.22 take the first rows unsorted.
MATCH (b:Board)
WHERE b.key STARTS WITH ('targets:' + list_to_string(',', list_sort($types)) + '@')
  AND ($since = '' OR substring(b.key, size(b.key) - 3, 4) >= $since)
  AND ($until = '' OR substring(b.key, size(b.key) - 3, 4) <= $until)
MATCH (b)-[l:LEADS]->(:Company)
WITH l.entity AS entity, to_int64(sum(l.articles)) AS articles,
     to_int64(sum(l.actions)) AS relationships
ORDER BY articles DESC, relationships DESC, entity
LIMIT $limit
MATCH (y:Board)
WHERE y.key STARTS WITH ('targets:' + list_to_string(',', list_sort($types)) + '@')
  AND ($since = '' OR substring(y.key, size(y.key) - 3, 4) >= $since)
  AND ($until = '' OR substring(y.key, size(y.key) - 3, 4) <= $until)
MATCH (y)-[k:LEADS]->(:Company)
WHERE k.entity = entity
WITH entity, articles, relationships, y, k
ORDER BY y.key DESC SKIP 0
WITH entity, articles, relationships, min(k.first) AS first, max(k.last) AS last,
     collect(k.relations) AS relations,
     collect(list_transform(range(1, size(k.sentences)),
                            i -> {sentence: k.sentences[i], source: k.sources[i], date: k.dates[i]})) AS evidence
MATCH (c:Company {id: entity})
RETURN c.id AS id, c.name AS name, 'Company' AS type,
       list_sort(list_distinct(list_reduce(relations, (x, y) -> list_concat(x, y)))) AS relations,
       first, last, articles, relationships,
       list_reduce(evidence, (x, y) -> list_concat(x, y)) AS evidence
ORDER BY articles DESC, relationships DESC, name
