// name: fined_amounts
// description: Companies with the sums of the fines reported against them, one row per company and currency: the distinct amounts (one fine reported by several articles counts once), supporting articles and evidence; `kg ask` ranks "fined most" by their total.
// param: since string Earliest date (YYYY, YYYY-MM or YYYY-MM-DD); empty for none. Example: ""
// param: until string Latest date; empty for none. Example: ""
MATCH (r)-[e:FINED]->(c:Company)
WHERE e.amount IS NOT NULL
  AND ($since = '' OR e.date >= $since) AND ($until = '' OR e.date <= $until)
OPTIONAL MATCH (a:Article {id: e.article_id})
WITH c, e, {sentence: e.evidence, source: coalesce(a.title, a.source, a.url, e.article_id), url: a.url, date: e.date,
      amount: e.amount, currency: e.currency, modality: e.modality} AS ev
ORDER BY coalesce(e.date, '') DESC, e.article_id, e.evidence, type(e)
RETURN c.id AS id, c.name AS name, 'Company' AS type, coalesce(e.currency, '') AS currency,
       collect(DISTINCT e.amount) AS amounts, ['FINED'] AS relations, min(e.date) AS first,
       max(e.date) AS last, count(DISTINCT e.article_id) AS articles, collect(ev) AS evidence
ORDER BY name, currency
