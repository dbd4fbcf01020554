"""Reads a store back as whole articles, batch by batch: for copying to another store and
for exports that keep each article's statements together."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from kg.model import ArticleGraph, Document, Entity, Relation
from kg.store.base import GraphStore
from kg.store.schema import fill, statement

PROPERTY_COLUMNS = ("amount", "currency", "role", "former", "detail")


def stored_documents(
    store: GraphStore, page_size: int = 500, skip: frozenset[str] = frozenset()
) -> Iterator[list[Document]]:
    """The stored articles' metadata (no text), a page at a time in id order, leaving out SKIP."""
    query = statement("read_articles", store.dialect)
    after = ""
    while page := store.run(query, {"after": after, "limit": page_size}):
        after = page[-1]["id"]
        documents = [
            Document(
                id=row["id"],
                text="",
                **{k: row[k] for k in ("url", "title", "source", "published", "digest")},
            )
            for row in page
            if row["id"] not in skip
        ]
        if documents:
            yield documents


def stored_article_ids(store: GraphStore) -> list[str]:
    """Every article id in STORE, sorted."""
    return [d.id for page in stored_documents(store) for d in page]


def stored_articles(
    store: GraphStore, batch_size: int = 200, skip: frozenset[str] = frozenset()
) -> Iterator[list[ArticleGraph]]:
    """The stored articles as ArticleGraphs with their mentions and relationships, BATCH_SIZE
    at a time, leaving out SKIP."""
    for documents in stored_documents(store, batch_size, skip):
        yield stored_versions(store, documents)


def stored_versions(store: GraphStore, documents: list[Document]) -> list[ArticleGraph]:
    """The stored versions of DOCUMENTS (ids; the metadata given is kept) with their mentions
    and relationships."""
    ids = {"ids": [d.id for d in documents]}
    entities: dict[str, list[Entity]] = defaultdict(list)
    surfaces: dict[str, dict[str, tuple[str, ...]]] = defaultdict(dict)
    for row in store.run(statement("read_mentions", store.dialect), ids):
        entities[row["article_id"]].append(
            Entity(
                row["id"], row["name"], row["label"], tuple(row["aliases"] or ()), row["wikidata"]
            )
        )
        surfaces[row["article_id"]][row["id"]] = tuple(row["surfaces"] or ())
    relations: dict[str, list[Relation]] = defaultdict(list)
    for row in store.run(statement("read_relations", store.dialect), ids):
        relations[row["article_id"]].append(_relation(row))
    return [
        ArticleGraph(
            document=d,
            entities=tuple(entities[d.id]),
            mentions=surfaces[d.id],
            relations=tuple(relations[d.id]),
        )
        for d in documents
    ]


def _relation(row: dict[str, Any]) -> Relation:
    return Relation(
        subject=row["subject"],
        type=row["type"],
        object=row["object"],
        article_id=row["article_id"],
        evidence=row["evidence"],
        date=row["date"],
        confidence=row["confidence"],
        method=row["method"],
        modality=row["modality"] or "asserted",
        properties=tuple((k, row[k]) for k in PROPERTY_COLUMNS if row[k] is not None),
    )


def stored_entities(store: GraphStore, label: str, page_size: int = 1000) -> Iterator[list[Entity]]:
    """The entities of LABEL, a page at a time, in id order (paged on the indexed key)."""
    query = fill(statement("read_entities", store.dialect), LABEL=label)
    after = ""
    while True:
        page = store.run(query, {"after": after, "limit": page_size})
        if not page:
            return
        yield [
            Entity(r["id"], r["name"], label, tuple(r["aliases"] or ()), r["wikidata"])
            for r in page
        ]
        after = page[-1]["id"]


# Entities per fact query: a hub can have tens of thousands of facts, so few at a time.
FACT_IDS = 50


def stored_facts(store: GraphStore, label: str, ids: list[str]) -> Iterator[dict[str, Any]]:
    """Relationships from the entities IDS of LABEL (a page: every id of LABEL from the first
    to the last, in order), one row per subject-type-object, read a few entities at a time."""
    query = fill(statement("read_facts", store.dialect), LABEL=label)
    for start in range(0, len(ids), FACT_IDS):
        batch = ids[start : start + FACT_IDS]
        yield from store.run(query, {"ids": batch, "first": batch[0], "last": batch[-1]})
