// The evidence of some entities' relationships on one ranking board (__PATTERN__ from x), with
// the periods __PERIODS__ puts each in (as board_scores).
UNWIND $ids AS id
MATCH (x:__LABEL__ {id: id})
MATCH __PATTERN__
WITH x, e
OPTIONAL MATCH (a:Article {id: e.article_id})
UNWIND __PERIODS__ AS period
RETURN x.id AS id, period, e.evidence AS sentence,
       coalesce(a.title, a.source, a.url, e.article_id) AS source, e.date AS date
