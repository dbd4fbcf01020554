// Aliases already stored for some entities of one label, to merge with new surface forms.
UNWIND $ids AS id
MATCH (n:__LABEL__ {id: id})
RETURN n.id AS id, n.aliases AS aliases
