// Which of some ids a node table (__LABEL__, checked against the ontology) already has.
UNWIND $ids AS id
MATCH (n:__LABEL__ {id: id})
RETURN n.id AS id
