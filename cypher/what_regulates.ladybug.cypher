// name: what_regulates
// description: The companies, products and people a regulator acts upon, with the kinds of action.
// param: name name The regulator's name or alias. Example: "SAMR"
MATCH (:Lookup {key: $name})-[:NAME_OF]->(r:Regulator)
MATCH (r)-[e:REGULATES|INVESTIGATES|FINED|SUMMONED|SUSPENDED|ORDERED]->(x)
WITH x, e
ORDER BY label(e) SKIP 0
RETURN x.name AS target, collect(DISTINCT label(e)) AS actions,
       count(DISTINCT e.article_id) AS articles
ORDER BY articles DESC, target
