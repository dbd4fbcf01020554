// name: ranked_targets
// description: Companies ranked by the number of articles reporting relationships of the given types against them (which companies were fined most), with the latest evidence.
// param: types ranking Relationship types, comma-separated: one type or a set the store ranks. Example: "FINED"
// param: limit int How many to list (at most 1000, the ranking the store keeps). Example: 10
MATCH (r)-[e]->(c:Company)
WHERE type(e) IN $types
OPTIONAL MATCH (a:Article {id: e.article_id})
WITH c, e, {sentence: e.evidence, source: coalesce(a.title, a.source, a.url, e.article_id), date: e.date} AS ev
ORDER BY coalesce(e.date, '') DESC, e.evidence DESC
RETURN c.id AS id, c.name AS name, 'Company' AS type, collect(DISTINCT type(e)) AS relations,
       min(e.date) AS first, max(e.date) AS last, count(DISTINCT e.article_id) AS articles,
       count(e) AS relationships,
       collect(ev)[..3] AS evidence
ORDER BY articles DESC, relationships DESC, name
LIMIT $limit
