// name: entity_timeline
// description: An entity's dated relationships, oldest first, with evidence and source.
// param: id string The entity's id. Example: "ant-group"
// param: since string Earliest date; empty for none. Example: ""
// param: until string Latest date; empty for none. Example: ""
MATCH (:Lookup {key: $id})-[:ID_OF]->(x)
MATCH (x)-[e]->(o)
WHERE e.article_id IS NOT NULL
  AND ($since = '' OR e.date >= $since) AND ($until = '' OR e.date <= $until)
WITH x, e, o
OPTIONAL MATCH (a:Article {id: e.article_id})
RETURN e.date AS date, x.name AS subject, label(e) AS relation, o.name AS object,
       e.evidence AS evidence, coalesce(a.title, a.url, e.article_id) AS source
UNION ALL
MATCH (:Lookup {key: $id})-[:ID_OF]->(x)
MATCH (s)-[e]->(x)
WHERE e.article_id IS NOT NULL
  AND ($since = '' OR e.date >= $since) AND ($until = '' OR e.date <= $until)
WITH s, e, x
OPTIONAL MATCH (a:Article {id: e.article_id})
RETURN e.date AS date, s.name AS subject, label(e) AS relation, x.name AS object,
       e.evidence AS evidence, coalesce(a.title, a.url, e.article_id) AS source
ORDER BY date, subject, relation
