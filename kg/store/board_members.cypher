// The entities on one ranking board, with their scores.
MATCH (:Board {key: $board})-[l:LEADS]->(x)
RETURN x.id AS id, x.name AS name, l.articles AS articles, l.actions AS actions,
       l.partners AS partners
