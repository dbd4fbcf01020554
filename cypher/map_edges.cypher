// name: map_edges
// description: The relationships touching one entity, filtered by type, date and confidence, with both ends' details and evidence, newest first (for maps).
// param: id string The entity's id. Example: "ant-group"
// param: types list Relationship types, comma-separated; empty for all. Example: ""
// param: since string Earliest date; empty for none. Example: ""
// param: until string Latest date; empty for none. Example: ""
// param: min_confidence float Lowest confidence kept. Example: 0
MATCH (s)-[e]->(o)
WHERE (s.id = $id OR o.id = $id) AND type(e) <> 'MENTIONS'
  AND (size($types) = 0 OR type(e) IN $types)
  AND ($since = '' OR e.date >= $since) AND ($until = '' OR e.date <= $until)
  AND e.confidence >= $min_confidence
OPTIONAL MATCH (a:Article {id: e.article_id})
WITH s, e, o, {sentence: e.evidence, source: coalesce(a.title, a.source, a.url, e.article_id), url: a.url, date: e.date,
      amount: e.amount, currency: e.currency, modality: e.modality} AS ev
ORDER BY coalesce(e.date, '') DESC, e.article_id, e.evidence
RETURN s.id AS subject_id, s.name AS subject, labels(s)[0] AS subject_type,
       s.aliases AS subject_aliases, s.wikidata AS subject_wikidata,
       type(e) AS relation,
       o.id AS object_id, o.name AS object, labels(o)[0] AS object_type,
       o.aliases AS object_aliases, o.wikidata AS object_wikidata,
       count(DISTINCT e.article_id) AS articles, min(e.date) AS first, max(e.date) AS last,
       max(e.confidence) AS confidence, collect(ev) AS evidence
