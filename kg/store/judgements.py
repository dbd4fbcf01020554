"""Judgements kept in a store, and the articles a judgement rewrites, read back."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, fields
from typing import Any

from kg.model import ArticleGraph, Document, Judgement
from kg.store.base import GraphStore
from kg.store.reader import stored_versions
from kg.store.schema import statement

JUDGEMENT_FIELDS = tuple(f.name for f in fields(Judgement))


def judgement_row(judgement: Judgement) -> dict[str, Any]:
    """The parameter row of merge_judgements."""
    return asdict(judgement)


def read_judgements(store: GraphStore) -> list[Judgement]:
    """Every judgement in STORE, oldest first (undone ones included)."""
    rows = store.run(statement("read_judgements", store.dialect))
    return [
        Judgement(**{k: (row[k] if row[k] is not None else _EMPTY[k]) for k in JUDGEMENT_FIELDS})
        for row in rows
    ]


_EMPTY: dict[str, Any] = {name: "" for name in JUDGEMENT_FIELDS} | {"undone": False}


def articles_mentioning(store: GraphStore, entity_ids: Sequence[str]) -> list[ArticleGraph]:
    """The stored versions of every article that mentions one of ENTITY_IDS."""
    rows = store.run(statement("articles_mentioning", store.dialect), {"ids": list(entity_ids)})
    return stored_versions(store, [_document(row) for row in rows])


def articles_by_id(store: GraphStore, article_ids: Sequence[str]) -> list[ArticleGraph]:
    """The stored versions of the articles ARTICLE_IDS (those the store has)."""
    rows = store.run(statement("articles_by_id", store.dialect), {"ids": list(article_ids)})
    return stored_versions(store, [_document(row) for row in rows])


def _document(row: dict[str, Any]) -> Document:
    return Document(
        id=row["id"],
        text="",
        **{k: row[k] for k in ("url", "title", "source", "published", "digest")},
    )
