// name: ask_incoming
// description: Entities with relationships of the given types pointing at an entity (who summoned X), with dates and evidence; the question answerer's main query.
// param: id string The entity's id. Example: "jack-ma"
// param: types list Relationship types, comma-separated. Example: "SUMMONED,FINED"
// param: labels list Labels of the answers, comma-separated; empty for any. Example: "Regulator"
// param: since string Earliest date (YYYY, YYYY-MM or YYYY-MM-DD); empty for none. Example: ""
// param: until string Latest date; empty for none. Example: ""
// param: modalities list How the facts were stated (asserted, hedged, planned, reported), comma-separated; empty for any. Example: ""
MATCH (x {id: $id})
MATCH (s)-[e]->(x)
WHERE type(e) IN $types AND (size($labels) = 0 OR labels(s)[0] IN $labels)
  AND ($since = '' OR e.date >= $since) AND ($until = '' OR e.date <= $until)
  AND (size($modalities) = 0 OR e.modality IN $modalities)
OPTIONAL MATCH (a:Article {id: e.article_id})
WITH s, e, {sentence: e.evidence, source: coalesce(a.title, a.source, a.url, e.article_id), url: a.url, date: e.date,
      amount: e.amount, currency: e.currency, modality: e.modality} AS ev
ORDER BY coalesce(e.date, '') DESC, e.article_id, e.evidence, type(e)
RETURN s.id AS id, s.name AS name, labels(s)[0] AS type, collect(DISTINCT type(e)) AS relations,
       min(e.date) AS first, max(e.date) AS last, count(DISTINCT e.article_id) AS articles,
       collect(ev) AS evidence
ORDER BY articles DESC, name
