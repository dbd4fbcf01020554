// name: ranked_targets_between
// description: Companies ranked by the number of articles reporting relationships of the given types against them, dated within a period (which companies were fined most in 2021); it reads every relationship of those types.
// param: types list Relationship types, comma-separated. Example: "FINED"
// param: since string Earliest date; empty for none. Example: ""
// param: until string Latest date; empty for none. Example: ""
// param: limit int How many to list. Example: 10
MATCH (r)-[e]->(c:Company)
WHERE label(e) IN $types
  AND ($since = '' OR e.date >= $since) AND ($until = '' OR e.date <= $until)
OPTIONAL MATCH (a:Article {id: e.article_id})
WITH c, e, {sentence: e.evidence, source: coalesce(a.title, a.url, e.article_id), date: e.date} AS ev
RETURN c.id AS id, c.name AS name, 'Company' AS type, collect(DISTINCT label(e)) AS relations,
       min(e.date) AS first, max(e.date) AS last, count(DISTINCT e.article_id) AS articles,
       count(e) AS relationships,
       collect(ev) AS evidence
ORDER BY articles DESC, relationships DESC, name
LIMIT $limit
