// name: ask_incoming
// description: Entities with relationships of the given types pointing at an entity (who summoned X), with dates and evidence; the question answerer's main query.
// param: id string The entity's id. Example: "jack-ma"
// param: types list Relationship types, comma-separated. Example: "SUMMONED,FINED"
// param: labels list Labels of the answers, comma-separated; empty for any. Example: "Regulator"
// param: since string Earliest date (YYYY, YYYY-MM or YYYY-MM-DD); empty for none. Example: ""
// param: until string Latest date; empty for none. Example: ""
// param: modalities list How the facts were stated (asserted, hedged, planned, reported), comma-separated; empty for any. Example: ""
MATCH (:Lookup {key: $id})-[:ID_OF]->(x)
MATCH (s)-[e]->(x)
WHERE label(e) IN $types AND (size($labels) = 0 OR label(s) IN $labels)
  AND ($since = '' OR e.date >= $since) AND ($until = '' OR e.date <= $until)
  AND (size($modalities) = 0 OR e.modality IN $modalities)
WITH s, e
OPTIONAL MATCH (a:Article {id: e.article_id})
WITH s, e, {sentence: e.evidence, source: coalesce(a.title, a.source, a.url, e.article_id), url: a.url, date: e.date,
      amount: e.amount, currency: e.currency, modality: e.modality} AS ev
ORDER BY coalesce(e.date, '') DESC, e.article_id, e.evidence, label(e) SKIP 0
RETURN s.id AS id, s.name AS name, label(s) AS type, collect(DISTINCT label(e)) AS relations,
       min(e.date) AS first, max(e.date) AS last, count(DISTINCT e.article_id) AS articles,
       collect(ev) AS evidence
ORDER BY articles DESC, name
