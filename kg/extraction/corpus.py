"""The annotated corpus: documents with gold entities and relationships (ONTOLOGY.md's gold
format), gold mentions found in the text, and document-grouped folds."""

from __future__ import annotations

import json
import random
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kg.errors import KGError, LoadError
from kg.model import ArticleGraph, Document, Entity, Relation


@dataclass(frozen=True)
class GoldSpan:
    """One occurrence of a gold mention in the text: characters start..end of ENTITY."""

    start: int
    end: int
    label: str
    entity: str


@dataclass(frozen=True)
class AnnotatedDocument:
    """A document with its gold annotation."""

    document: Document
    gold: dict[str, Any]
    path: Path

    @property
    def id(self) -> str:
        """The document's id."""
        return self.document.id


def gold_pairs(gold_dir: Path) -> list[tuple[Path, Path]]:
    """(document, gold) file pairs of a gold folder, in name order."""
    if not gold_dir.is_dir():
        raise KGError(f"{gold_dir}: not a directory of NNN.json + NNN.gold.json files")
    pairs = []
    for gold_file in sorted(gold_dir.glob("*.gold.json")):
        document_file = gold_file.with_name(gold_file.name.replace(".gold.json", ".json"))
        if document_file.exists():
            pairs.append((document_file, gold_file))
    if not pairs:
        raise KGError(f"{gold_dir}: no NNN.json + NNN.gold.json pairs found")
    return pairs


def read_corpus(directories: Iterable[Path]) -> list[AnnotatedDocument]:
    """Every annotated document of the folders, in folder then name order; a malformed file
    stops the reading with its name (training on half a corpus would mislead)."""
    from kg_loaders.jsondoc import from_record

    corpus: list[AnnotatedDocument] = []
    for directory in directories:
        for document_file, gold_file in gold_pairs(directory):
            try:
                record = json.loads(document_file.read_text(encoding="utf-8"))
                gold = json.loads(gold_file.read_text(encoding="utf-8"))
            except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
                raise LoadError(str(document_file), f"cannot be read: {exc}") from None
            _check_gold(gold, gold_file)
            corpus.append(
                AnnotatedDocument(from_record(record, str(document_file)), gold, gold_file)
            )
    ids = [a.id for a in corpus]
    if len(set(ids)) != len(ids):
        twice = sorted({i for i in ids if ids.count(i) > 1})
        raise KGError(f"document ids occur twice in the corpus: {', '.join(twice[:5])}")
    return corpus


def _check_gold(gold: Any, where: Path) -> None:
    if not isinstance(gold, dict) or not isinstance(gold.get("entities"), list):
        raise LoadError(str(where), "not a gold annotation: no 'entities' list")
    names = set()
    for entity in gold["entities"]:
        if not {"name", "type", "mentions"} <= set(entity):
            raise LoadError(str(where), f"entity without name, type or mentions: {entity}")
        names.add(entity["name"])
    for relation in gold.get("relations", []):
        missing = {relation.get("subject"), relation.get("object")} - names
        if missing:
            raise LoadError(str(where), f"relation names unknown entities {sorted(missing)}")


def _straight(text: str) -> str:
    return text.replace("’", "'").replace("‘", "'")


def _occurrences(text: str, surface: str) -> list[tuple[int, int]]:
    words = _straight(surface).split()
    if not words:
        return []
    pattern = r"(?<!\w)" + r"\s+".join(re.escape(w) for w in words) + r"(?!\w)"
    return [m.span() for m in re.finditer(pattern, _straight(text), re.IGNORECASE)]


def evidence_range(text: str, evidence: str | None) -> tuple[int, int] | None:
    """Where a relationship's evidence sentence lies in the text (its opening words when the
    annotator shortened it)."""
    if not evidence:
        return None
    for words in (evidence.split(), evidence.split()[:12]):
        found = _occurrences(text, " ".join(words))
        if found:
            start, end = found[0]
            return start, min(len(text), max(end, start + len(evidence)))
    return None


def gold_spans(annotated: AnnotatedDocument) -> list[GoldSpan]:
    """Every occurrence of every gold mention, longest first where they overlap."""
    text = annotated.document.text
    found = [
        GoldSpan(start, end, entity["type"], entity["name"])
        for entity in annotated.gold["entities"]
        for surface in set(entity["mentions"])
        for start, end in _occurrences(text, surface)
    ]
    found.sort(key=lambda s: (s.start - s.end, s.start))
    taken = [False] * len(text)
    kept = []
    for span in found:
        if any(taken[span.start : span.end]):
            continue
        taken[span.start : span.end] = [True] * (span.end - span.start)
        kept.append(span)
    return sorted(kept, key=lambda s: s.start)


def relation_ranges(annotated: AnnotatedDocument) -> dict[str, list[tuple[int, int]]]:
    """Entity name -> the evidence ranges of the gold relationships it takes part in."""
    ranges: dict[str, list[tuple[int, int]]] = {}
    for relation in annotated.gold.get("relations", []):
        where = evidence_range(annotated.document.text, relation.get("evidence"))
        if where is None:
            continue
        for name in (relation["subject"], relation["object"]):
            ranges.setdefault(name, []).append(where)
    return ranges


def folds(corpus: list[AnnotatedDocument], k: int, seed: int) -> list[list[int]]:
    """K groups of document positions, shuffled with SEED: each document is in one fold."""
    if k < 2 or k > len(corpus):
        raise KGError(f"--cv {k}: needs 2 to {len(corpus)} folds for {len(corpus)} documents")
    order = list(range(len(corpus)))
    random.Random(seed).shuffle(order)
    return [sorted(order[i::k]) for i in range(k)]


def gold_graph(annotated: AnnotatedDocument) -> ArticleGraph:
    """The document's gold as the graph an ingest would write: what `kg eval-questions --gold`
    asks its questions of, to score question reading apart from extraction. Gold relationships
    between types the ontology does not allow there are left out (the store's schema refuses
    them)."""
    from kg.gazetteer import entity_id
    from kg.ontology import ontology

    document = annotated.document
    ids = {e["name"]: entity_id(e["name"], e["type"]) for e in annotated.gold["entities"]}
    types = {e["name"]: e["type"] for e in annotated.gold["entities"]}
    entities = {
        ids[e["name"]]: Entity(ids[e["name"]], e["name"], e["type"])
        for e in annotated.gold["entities"]
    }
    mentions: dict[str, tuple[str, ...]] = {}
    for entity in annotated.gold["entities"]:
        known = mentions.get(ids[entity["name"]], ())
        surfaces = [entity["name"], *entity["mentions"]]
        mentions[ids[entity["name"]]] = tuple(dict.fromkeys([*known, *surfaces]))
    relations = {
        (ids[r["subject"]], r["type"], ids[r["object"]]): Relation(
            ids[r["subject"]],
            r["type"],
            ids[r["object"]],
            document.id,
            r.get("evidence") or "",
            document.published,
            1.0,
            "gold",
        )
        for r in annotated.gold.get("relations", [])
        if r["type"] in ontology().relations
        and ontology().relation(r["type"]).allows(types[r["subject"]], types[r["object"]])
    }
    return ArticleGraph(document, tuple(entities.values()), mentions, tuple(relations.values()))
