// name: entity_timeline
// description: An entity's dated relationships, oldest first, with evidence and source.
// param: id string The entity's id. Example: "ant-group"
// param: since string Earliest date; empty for none. Example: ""
// param: until string Latest date; empty for none. Example: ""
MATCH (s)-[e]->(o)
WHERE (s.id = $id OR o.id = $id) AND type(e) <> 'MENTIONS'
  AND ($since = '' OR e.date >= $since) AND ($until = '' OR e.date <= $until)
OPTIONAL MATCH (a:Article {id: e.article_id})
RETURN e.date AS date, s.name AS subject, type(e) AS relation, o.name AS object,
       e.evidence AS evidence, coalesce(a.title, a.source, a.url, e.article_id) AS source,
       e.amount AS amount, e.currency AS currency, e.modality AS modality
ORDER BY date, subject, relation
