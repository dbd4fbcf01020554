// Some articles' metadata, by id.
UNWIND $ids AS article_id
MATCH (a:Article {id: article_id})
RETURN a.id AS id, a.url AS url, a.title AS title, a.source AS source, a.published AS published,
       a.digest AS digest
ORDER BY id
