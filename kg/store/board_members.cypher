// The entities on some ranking boards, with their scores.
UNWIND $boards AS board
MATCH (:Board {key: board})-[l:LEADS]->(x)
RETURN board, x.id AS id, x.name AS name, l.articles AS articles, l.actions AS actions,
       l.partners AS partners
