"""An article's graph with some entity ids replaced by others (a merge), and facts left out
(judged wrong): the one place a graph is rewritten before it is stored."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace

from kg.model import ArticleGraph, Entity, Relation
from kg.ontology import ontology


def rename(
    graph: ArticleGraph,
    target: Mapping[str, str],
    entity_of: Callable[[str], Entity | None] = lambda _: None,
    keep: Callable[[Relation], bool] = lambda _: True,
) -> ArticleGraph:
    """GRAPH with each entity id in TARGET replaced by its target (whose name and Wikidata id,
    from ENTITY_OF, win; the old names become aliases), relationships that fold onto one
    entity dropped, one relationship per subject-type-object kept (the most confident), and
    relationships KEEP refuses left out."""
    if not target and all(keep(r) for r in graph.relations):
        return graph
    entities: dict[str, Entity] = {}
    mentions: dict[str, tuple[str, ...]] = {}
    for entity in graph.entities:
        new_id = target.get(entity.id, entity.id)
        known = entities.get(new_id) or (entity_of(new_id) if new_id != entity.id else None)
        if known is None:
            entities[new_id] = replace(entity, id=new_id)
        else:
            entities[new_id] = known.absorb(entity)
        surfaces = (*mentions.get(new_id, ()), *graph.mentions.get(entity.id, ()))
        mentions[new_id] = tuple(dict.fromkeys(surfaces))
    best: dict[tuple[str, str, str], Relation] = {}
    for relation in graph.relations:
        moved = replace(
            relation,
            subject=target.get(relation.subject, relation.subject),
            object=target.get(relation.object, relation.object),
        )
        if moved.subject == moved.object or not keep(moved):
            continue
        if ontology().relation(moved.type).symmetric and moved.object < moved.subject:
            moved = replace(moved, subject=moved.object, object=moved.subject)
        key = (moved.subject, moved.type, moved.object)
        if key not in best or best[key].confidence < moved.confidence:
            best[key] = moved
    return ArticleGraph(graph.document, tuple(entities.values()), mentions, tuple(best.values()))
