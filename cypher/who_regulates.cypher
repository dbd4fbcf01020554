// name: who_regulates
// description: Regulators with any regulatory relationship (regulates, investigates, fines, summons, suspends, orders) to an entity.
// param: name name The entity's name or alias. Example: "Ant Group"
MATCH (x)
WHERE toLower(x.name) = $name OR any(alias IN coalesce(x.aliases, []) WHERE toLower(alias) = $name)
MATCH (r:Regulator)-[e:REGULATES|INVESTIGATES|FINED|SUMMONED|SUSPENDED|ORDERED]->(x)
WITH r, e
ORDER BY type(e)
RETURN r.name AS regulator, collect(DISTINCT type(e)) AS actions,
       count(DISTINCT e.article_id) AS articles, min(e.date) AS first, max(e.date) AS last
ORDER BY articles DESC, regulator
