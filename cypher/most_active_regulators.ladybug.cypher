// name: most_active_regulators
// description: Regulators with the most regulatory actions, counted by supporting article.
// param: limit int How many to list (at most 1000, the ranking the store keeps). Example: 10
MATCH (:Board {key: 'active_regulators'})-[l:LEADS]->(r:Regulator)
RETURN r.name AS regulator, l.articles AS articles, l.actions AS actions, l.partners AS targets
ORDER BY articles DESC, actions DESC, regulator
LIMIT $limit
