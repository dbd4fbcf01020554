// Put entities of one label on ranking boards with their scores and evidence (LOAD FROM rows
// carrying the board's key, the entity's id and the LEADS properties but `entity`); `entity`
// repeats the entity's id so that a ranking over several boards groups by it without reading
// the entities. An entity must not be on the board already (board_drop takes it off first).
LOAD FROM __ROWS__
MATCH (b:Board {key: board})
MATCH (x:__LABEL__ {id: id})
CREATE (b)-[:LEADS {entity: id, articles: articles, actions: actions, partners: partners,
                    relations: relations, first: first, last: last, sentences: sentences,
                    sources: sources, dates: dates}]->(x)
