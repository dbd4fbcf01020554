// name: entity_timeline
// description: An entity's dated relationships, oldest first, with evidence and source.
// param: id string The entity's id. Example: "ant-group"
// param: since string Earliest date; empty for none. Example: ""
// param: until string Latest date; empty for none. Example: ""
// LadybugDB orders only the last part of a UNION, so both directions are gathered into one list
// and ordered once.
MATCH (:Lookup {key: $id})-[:ID_OF]->(x)
OPTIONAL MATCH (x)-[e]->(o)
WHERE e.article_id IS NOT NULL
  AND ($since = '' OR e.date >= $since) AND ($until = '' OR e.date <= $until)
OPTIONAL MATCH (a:Article {id: e.article_id})
WITH x, collect({date: e.date, subject: x.name, relation: label(e), object: o.name,
                 evidence: e.evidence, source: coalesce(a.title, a.source, a.url, e.article_id),
                 amount: e.amount, currency: e.currency, modality: e.modality}) AS outgoing
OPTIONAL MATCH (s)-[e]->(x)
WHERE e.article_id IS NOT NULL
  AND ($since = '' OR e.date >= $since) AND ($until = '' OR e.date <= $until)
OPTIONAL MATCH (a:Article {id: e.article_id})
WITH outgoing, collect({date: e.date, subject: s.name, relation: label(e), object: x.name,
                        evidence: e.evidence, source: coalesce(a.title, a.source, a.url, e.article_id),
                 amount: e.amount, currency: e.currency, modality: e.modality}) AS incoming
UNWIND list_concat(outgoing, incoming) AS r
WITH r WHERE r.relation IS NOT NULL
RETURN r.date AS date, r.subject AS subject, r.relation AS relation, r.object AS object,
       r.evidence AS evidence, r.source AS source, r.amount AS amount, r.currency AS currency,
       r.modality AS modality
ORDER BY date, subject, relation
