// name: most_targeted_companies
// description: Companies that were the object of the most regulatory actions, counted by supporting article.
// param: limit int How many to list (at most 1000, the ranking the store keeps). Example: 10
MATCH (r:Regulator)-[e:REGULATES|INVESTIGATES|FINED|SUMMONED|SUSPENDED|ORDERED]->(c:Company)
RETURN c.name AS company, count(DISTINCT e.article_id) AS articles, count(e) AS actions,
       count(DISTINCT r) AS regulators
ORDER BY articles DESC, actions DESC, company
LIMIT $limit
