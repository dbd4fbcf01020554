// Judgements people made (kg merge, split, reject; undo marks one undone), keyed by id.
UNWIND $rows AS row
MERGE (j:Judgement {id: row.id})
SET j.kind = row.kind, j.subject = row.subject, j.object = row.object,
    j.relation = row.relation, j.who = row.who, j.at = row.at, j.note = row.note,
    j.undone = row.undone, j.detail = row.detail
