// Whether the store has been counted (stores written before rollups have not).
MATCH (c:Count)
RETURN c.key AS key
LIMIT 1
