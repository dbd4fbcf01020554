// The label of the entity the entity index lists at one position.
MATCH (i:IndexEntry {position: $position})-[:LISTS]->(x)
RETURN label(x) AS label
