// Scores on one ranking board of the entities __ENTITIES__ picks (x), from their relationships
// of the board's types (__PATTERN__: e to counterparts p).
__ENTITIES__
MATCH __PATTERN__
RETURN x.id AS id, x.name AS name, count(DISTINCT e.article_id) AS articles, count(e) AS actions,
       count(DISTINCT p) AS partners, collect(DISTINCT label(e)) AS relations,
       min(e.date) AS first, max(e.date) AS last
