// How many nodes one table (__LABEL__) holds.
MATCH (n:__LABEL__)
RETURN count(*) AS n
