// Each relationship from some entities of one label, once, with how many articles support it.
UNWIND $ids AS entity_id
MATCH (s:__LABEL__ {id: entity_id})-[r]->(o)
RETURN s.id AS subject, type(r) AS type, o.id AS object, labels(o)[0] AS object_label,
       count(DISTINCT r.article_id) AS articles, max(r.confidence) AS confidence,
       min(r.date) AS first_date, max(r.date) AS last_date, max(r.amount) AS amount,
       max(r.currency) AS currency
