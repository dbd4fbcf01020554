// Which of some lookup keys the key index (__LABEL__, the lookup label) already has.
UNWIND $ids AS id
MATCH (n:__LABEL__ {key: id})
RETURN n.key AS id
