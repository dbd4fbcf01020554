// Article -[:MENTIONS]-> entity of one label.
UNWIND $rows AS row
MATCH (a:Article {id: row.article_id})
MATCH (n:__LABEL__ {id: row.entity_id})
MERGE (a)-[m:MENTIONS]->(n)
SET m.surfaces = row.surfaces
