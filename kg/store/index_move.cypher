// Move the index entry at $from (listing an entity of __LABEL__) to the free position $to.
MATCH (i:IndexEntry {position: $from})-[:LISTS]->(x:__LABEL__)
CREATE (:IndexEntry {position: $to})-[:LISTS]->(x)
WITH i
DETACH DELETE i
