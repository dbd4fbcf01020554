// name: what_regulates
// description: The companies, products and people a regulator acts upon, with the kinds of action.
// param: name string The regulator's name or alias. Example: "SAMR"
MATCH (r:Regulator)
WHERE toLower(r.name) = toLower($name) OR $name IN r.aliases
MATCH (r)-[e:REGULATES|INVESTIGATES|FINED|SUMMONED|SUSPENDED|ORDERED]->(x)
RETURN x.name AS target, collect(DISTINCT type(e)) AS actions,
       count(DISTINCT e.article_id) AS articles
ORDER BY articles DESC, target
