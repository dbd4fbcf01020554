// name: most_targeted_companies
// description: Companies that were the object of the most regulatory actions, counted by supporting article.
// param: limit int How many to list (at most 1000, the ranking the store keeps). Example: 10
MATCH (:Board {key: 'targeted_companies'})-[l:LEADS]->(c:Company)
RETURN c.name AS company, l.articles AS articles, l.actions AS actions, l.partners AS regulators
ORDER BY articles DESC, actions DESC, company
LIMIT $limit
