// name: who_criticized
// description: Who publicly criticized an entity, with dates and evidence.
// param: name name The criticized entity's name or alias. Example: "Tencent"
MATCH (:Lookup {key: $name})-[:NAME_OF]->(x)
MATCH (c)-[e:CRITICIZED]->(x)
RETURN c.name AS critic, e.date AS date, e.evidence AS evidence
ORDER BY date, critic
