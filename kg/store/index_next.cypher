// The entity index's next free position (null when it lists nothing).
MATCH (i:IndexEntry)
RETURN max(i.position) + 1 AS next
