// How many relationships one table (__RELATION__) holds.
MATCH ()-[e:__RELATION__]->()
RETURN count(*) AS n
