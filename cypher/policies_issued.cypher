// name: policies_issued
// description: Policies (laws, rules, guidelines, drafts) an organ issued, with dates.
// param: name name The regulator's name or alias. Example: "State Council"
MATCH (r:Regulator)
WHERE toLower(r.name) = $name OR any(alias IN coalesce(r.aliases, []) WHERE toLower(alias) = $name)
MATCH (r)-[e:ISSUED]->(p:Policy)
RETURN p.name AS policy, min(e.date) AS first, count(DISTINCT e.article_id) AS articles
ORDER BY first, policy
