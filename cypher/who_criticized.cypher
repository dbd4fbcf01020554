// name: who_criticized
// description: Who publicly criticized an entity, with dates and evidence.
// param: name name The criticized entity's name or alias. Example: "Tencent"
MATCH (x)
WHERE toLower(x.name) = $name OR any(alias IN coalesce(x.aliases, []) WHERE toLower(alias) = $name)
MATCH (c)-[e:CRITICIZED]->(x)
RETURN c.name AS critic, e.date AS date, e.evidence AS evidence
ORDER BY date, critic
