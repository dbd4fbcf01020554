// The evidence of some entities' relationships on one ranking board (__PATTERN__ from x).
UNWIND $ids AS id
MATCH (x:__LABEL__ {id: id})
MATCH __PATTERN__
WITH x, e
OPTIONAL MATCH (a:Article {id: e.article_id})
RETURN x.id AS id, e.evidence AS sentence, coalesce(a.title, a.url, e.article_id) AS source,
       e.date AS date
