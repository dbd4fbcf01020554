// name: what_regulates
// description: The companies, products and people a regulator acts upon, with the kinds of action.
// param: name name The regulator's name or alias. Example: "SAMR"
MATCH (r:Regulator)
WHERE toLower(r.name) = $name OR any(alias IN coalesce(r.aliases, []) WHERE toLower(alias) = $name)
MATCH (r)-[e:REGULATES|INVESTIGATES|FINED|SUMMONED|SUSPENDED|ORDERED]->(x)
WITH x, e
ORDER BY type(e)
RETURN x.name AS target, collect(DISTINCT type(e)) AS actions,
       count(DISTINCT e.article_id) AS articles
ORDER BY articles DESC, target
