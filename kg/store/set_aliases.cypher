// One entity's aliases set to exactly $aliases (undoing a merge takes the merged names back).
MATCH (n:__LABEL__ {id: $id})
SET n.aliases = $aliases
