// name: article_sources
// description: How evidence names each of the given articles: its title, else its URL, else its id.
// param: ids list Article ids, comma-separated. Example: "sample-samr-fines-alibaba"
UNWIND $ids AS id
MATCH (a:Article {id: id})
RETURN a.id AS id, coalesce(a.title, a.source, a.url, a.id) AS source, a.url AS url
