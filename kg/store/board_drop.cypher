// Take entities off ranking boards (rows of board key and entity id).
UNWIND $rows AS row
MATCH (:Board {key: row.board})-[l:LEADS]->(x)
WHERE x.id = row.id
DELETE l
