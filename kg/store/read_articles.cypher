// Every stored article, in id order.
MATCH (a:Article)
WHERE a.id > $after
RETURN a.id AS id, a.url AS url, a.title AS title, a.source AS source, a.published AS published,
       a.digest AS digest
ORDER BY id
LIMIT $limit
