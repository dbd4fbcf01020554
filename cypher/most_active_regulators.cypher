// name: most_active_regulators
// description: Regulators with the most regulatory actions, counted by supporting article.
// param: limit int How many to list (at most 1000, the ranking the store keeps). Example: 10
MATCH (r:Regulator)-[e:REGULATES|INVESTIGATES|FINED|SUMMONED|SUSPENDED|ORDERED]->(x)
RETURN r.name AS regulator, count(DISTINCT e.article_id) AS articles, count(e) AS actions,
       count(DISTINCT x) AS targets
ORDER BY articles DESC, actions DESC, regulator
LIMIT $limit
