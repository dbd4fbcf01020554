// name: actions_against
// description: Every regulatory action taken against an entity, oldest first, with date, evidence and source article.
// param: name string The entity's name or alias. Example: "Alibaba Group"
MATCH (x)
WHERE toLower(x.name) = toLower($name) OR $name IN x.aliases
MATCH (r)-[e:REGULATES|INVESTIGATES|FINED|SUMMONED|SUSPENDED|ORDERED]->(x)
OPTIONAL MATCH (a:Article {id: e.article_id})
RETURN e.date AS date, r.name AS actor, label(e) AS action, e.amount AS amount,
       e.evidence AS evidence, coalesce(a.title, a.url, a.source, e.article_id) AS source
ORDER BY date, actor
