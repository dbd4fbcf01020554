// How many entities the entity index lists (its next free position).
MATCH (i:IndexEntry)
RETURN count(i) AS n
