// Articles of a batch, keyed by id.
UNWIND $rows AS row
MERGE (a:Article {id: row.id})
SET a.url = row.url, a.title = row.title, a.source = row.source, a.published = row.published,
    a.digest = row.digest
