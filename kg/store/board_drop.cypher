// Take entities off a ranking board.
MATCH (:Board {key: $board})-[l:LEADS]->(x)
WHERE x.id IN $ids
DELETE l
