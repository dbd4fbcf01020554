// name: actions_against
// description: Every regulatory action taken against an entity, oldest first, with date, evidence and source article.
// param: name name The entity's name or alias. Example: "Alibaba Group"
MATCH (x)
WHERE toLower(x.name) = $name OR any(alias IN coalesce(x.aliases, []) WHERE toLower(alias) = $name)
MATCH (r)-[e:REGULATES|INVESTIGATES|FINED|SUMMONED|SUSPENDED|ORDERED]->(x)
OPTIONAL MATCH (a:Article {id: e.article_id})
RETURN e.date AS date, r.name AS actor, type(e) AS action, e.amount AS amount,
       e.evidence AS evidence, coalesce(a.title, a.source, a.url, e.article_id) AS source
ORDER BY date, actor
