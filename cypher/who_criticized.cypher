// name: who_criticized
// description: Who publicly criticized an entity, with dates and evidence.
// param: name string The criticized entity's name or alias. Example: "Tencent"
MATCH (x)
WHERE toLower(x.name) = toLower($name) OR $name IN x.aliases
MATCH (c)-[e:CRITICIZED]->(x)
RETURN c.name AS critic, e.date AS date, e.evidence AS evidence
ORDER BY date, critic
