// name: entity_articles
// description: The articles naming an entity, newest first: title, outlet, URL, publication date, the names it used and how many of its relationships each reports.
// param: id string The entity's id. Example: "ant-group"
MATCH (:Lookup {key: $id})-[:ID_OF]->(x)
MATCH (a:Article)-[m:MENTIONS]->(x)
OPTIONAL MATCH (x)-[e]-()
WHERE e.article_id = a.id
RETURN a.id AS id, a.title AS title, a.source AS source, a.url AS url, a.published AS published,
       m.surfaces AS names, count(e) AS relationships
ORDER BY published DESC, id
