// Each relationship from some entities of one label, once, with how many articles support it.
// Here the entities are a range of ids (a page): LadybugDB joins an UNWIND list to a table
// by scanning the table.
MATCH (s:__LABEL__)
WHERE s.id >= $first AND s.id <= $last
MATCH (s)-[r]->(o)
RETURN s.id AS subject, label(r) AS type, o.id AS object, label(o) AS object_label,
       count(DISTINCT r.article_id) AS articles, max(r.confidence) AS confidence,
       min(r.date) AS first_date, max(r.date) AS last_date, max(r.amount) AS amount,
       max(r.currency) AS currency
