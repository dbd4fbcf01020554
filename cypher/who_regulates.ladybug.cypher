// name: who_regulates
// description: Regulators with any regulatory relationship (regulates, investigates, fines, summons, suspends, orders) to an entity.
// param: name name The entity's name or alias. Example: "Ant Group"
MATCH (:Lookup {key: $name})-[:NAME_OF]->(x)
MATCH (r:Regulator)-[e:REGULATES|INVESTIGATES|FINED|SUMMONED|SUSPENDED|ORDERED]->(x)
WITH r, e
ORDER BY label(e) SKIP 0
RETURN r.name AS regulator, collect(DISTINCT label(e)) AS actions,
       count(DISTINCT e.article_id) AS articles, min(e.date) AS first, max(e.date) AS last
ORDER BY articles DESC, regulator
