// The entity the entity index lists at one position, and the next free position.
MATCH (last:IndexEntry)
WITH max(last.position) + 1 AS next
OPTIONAL MATCH (i:IndexEntry {position: $position})-[:LISTS]->(x)
RETURN next, label(x) AS label
