// Every judgement, oldest first.
MATCH (j:Judgement)
RETURN j.id AS id, j.kind AS kind, j.subject AS subject, j.object AS object,
       j.relation AS relation, j.who AS who, j.at AS at, j.note AS note,
       j.undone AS undone, j.detail AS detail
ORDER BY at, id
