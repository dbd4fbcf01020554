// Scores on one ranking board of the entities __ENTITIES__ picks (x), from their relationships
// of the board's types (__PATTERN__: e to counterparts p), for every period __PERIODS__ puts
// each relationship in ('' is all time; boards kept by year add the relationship's year).
__ENTITIES__
MATCH __PATTERN__
UNWIND __PERIODS__ AS period
RETURN x.id AS id, x.name AS name, period, count(DISTINCT e.article_id) AS articles,
       count(e) AS actions, count(DISTINCT p) AS partners, collect(DISTINCT label(e)) AS relations,
       min(e.date) AS first, max(e.date) AS last
