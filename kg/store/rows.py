"""Turns ArticleGraphs into the parameter rows of the batched write statements."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from kg.model import ArticleGraph, Entity, Relation
from kg.store.schema import RELATION_COLUMNS

RelationGroup = tuple[str, str, str]  # (subject label, type, object label)


def article_rows(graphs: Sequence[ArticleGraph]) -> list[dict[str, Any]]:
    """One row per article."""
    return [
        {
            "id": g.document.id,
            "url": g.document.url,
            "title": g.document.title,
            "source": g.document.source,
            "published": g.document.published,
            "digest": g.document.digest,
        }
        for g in graphs
    ]


def entities_by_label(graphs: Sequence[ArticleGraph]) -> dict[str, dict[str, Entity]]:
    """Every entity of the batch, by label then id, with the surface forms seen added."""
    out: dict[str, dict[str, Entity]] = defaultdict(dict)
    for graph in graphs:
        for entity in graph.entities:
            known = out[entity.label].get(entity.id, entity)
            aliases = tuple(dict.fromkeys((*known.aliases, *graph.mentions.get(entity.id, ()))))
            out[entity.label][entity.id] = Entity(
                entity.id, entity.name, entity.label, aliases, entity.wikidata or known.wikidata
            )
    return out


def mention_rows(graphs: Sequence[ArticleGraph]) -> dict[str, list[dict[str, Any]]]:
    """Article -> entity rows, by entity label."""
    out: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for graph in graphs:
        for entity in graph.entities:
            out[entity.label].append(
                {
                    "article_id": graph.document.id,
                    "entity_id": entity.id,
                    "surfaces": list(graph.mentions.get(entity.id, ())),
                }
            )
    return out


def relation_values(r: Relation) -> tuple[Any, ...]:
    """A relationship's subject, object and then its RELATION_COLUMNS values, in order."""
    props = dict(r.properties)
    return (
        r.subject, r.object, r.article_id, r.evidence, r.date, r.confidence, r.method, r.modality,
        props.get("amount"), props.get("currency"), props.get("role"), props.get("former"),
        props.get("detail"),
    )  # fmt: skip


RELATION_FIELDS = ("subject", "object", *RELATION_COLUMNS)


def relation_rows(graphs: Sequence[ArticleGraph]) -> dict[RelationGroup, list[dict[str, Any]]]:
    """Relationship rows grouped by (subject label, type, object label)."""
    out: dict[RelationGroup, list[dict[str, Any]]] = defaultdict(list)
    for graph in graphs:
        label_of = {entity.id: entity.label for entity in graph.entities}
        for r in graph.relations:
            row = dict(zip(RELATION_FIELDS, relation_values(r), strict=True))
            out[(label_of[r.subject], r.type, label_of[r.object])].append(row)
    return out
