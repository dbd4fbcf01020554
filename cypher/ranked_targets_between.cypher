// name: ranked_targets_between
// description: Companies ranked by the number of articles reporting relationships of the given types against them, dated within a period of calendar years (which companies were fined most in 2021), added up over the years (an article counts in each year it dates such a relationship).
// param: types ranking Relationship types, comma-separated: one type or a set the store ranks. Example: "FINED"
// param: since year First year counted; empty for none. Example: "2021"
// param: until year Last year counted; empty for none. Example: ""
// param: limit int How many to list. Example: 10
// Ties at the cut go by id, as in the embedded store's text, which adds up yearly boards.
MATCH (r)-[e]->(c:Company)
WHERE type(e) IN $types AND size(coalesce(e.date, '')) >= 4
  AND ($since = '' OR left(e.date, 4) >= $since) AND ($until = '' OR left(e.date, 4) <= $until)
OPTIONAL MATCH (a:Article {id: e.article_id})
WITH c, e, a
ORDER BY e.date DESC, e.evidence DESC
WITH c, left(e.date, 4) AS year, count(DISTINCT e.article_id) AS articles, count(e) AS relationships,
     collect(DISTINCT type(e)) AS relations, min(e.date) AS first, max(e.date) AS last,
     collect({sentence: e.evidence, source: coalesce(a.title, a.source, a.url, e.article_id), date: e.date})[..3] AS evidence
ORDER BY year DESC
WITH c, sum(articles) AS articles, sum(relationships) AS relationships, collect(relations) AS relations,
     min(first) AS first, max(last) AS last, collect(evidence) AS evidence
ORDER BY articles DESC, relationships DESC, c.id
LIMIT $limit
RETURN c.id AS id, c.name AS name, 'Company' AS type,
       reduce(kinds = [], listed IN relations | kinds + [k IN listed WHERE NOT k IN kinds]) AS relations,
       first, last, articles, relationships,
       reduce(items = [], listed IN evidence | items + listed) AS evidence
ORDER BY articles DESC, relationships DESC, name
