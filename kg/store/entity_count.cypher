// How many entities the kept counts say the store holds ($keys: the entity tables' Count keys).
MATCH (c:Count)
WHERE c.key IN $keys
RETURN sum(c.count) AS n
