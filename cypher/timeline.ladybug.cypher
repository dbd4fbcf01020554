// name: timeline
// description: Every dated relationship involving an entity, oldest first, with evidence.
// param: name name The entity's name or alias. Example: "Ant Group"
// LadybugDB orders only the last part of a UNION, so both directions are gathered into one list
// and ordered once.
MATCH (:Lookup {key: $name})-[:NAME_OF]->(x)
OPTIONAL MATCH (x)-[e]->(o)
WHERE e.article_id IS NOT NULL
WITH x, collect({date: e.date, subject: x.name, relation: label(e), object: o.name,
                 evidence: e.evidence, article: e.article_id}) AS outgoing
OPTIONAL MATCH (s)-[e]->(x)
WHERE e.article_id IS NOT NULL
WITH outgoing, collect({date: e.date, subject: s.name, relation: label(e), object: x.name,
                        evidence: e.evidence, article: e.article_id}) AS incoming
UNWIND list_concat(outgoing, incoming) AS r
WITH r WHERE r.article IS NOT NULL
RETURN r.date AS date, r.subject AS subject, r.relation AS relation, r.object AS object,
       r.evidence AS evidence, r.article AS article
ORDER BY date, subject, relation
