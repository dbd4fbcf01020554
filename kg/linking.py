"""Links a name typed by a person to one entity of the graph: exact names and aliases,
curated aliases and acronyms, then fuzzy matching with a 'did you mean' list."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from kg.errors import KGError
from kg.gazetteer import gazetteer, normalise_surface

FUZZY_ACCEPT = 90  # a single fuzzy candidate at least this close is taken
FUZZY_SUGGEST = 60
MAX_NGRAM = 8
_EDGE_PUNCTUATION = "?!.,;:\"'“”‘’()"


class UnknownEntityError(KGError):
    """No entity, or more than one, answers to a name."""


@dataclass(frozen=True)
class LinkedEntity:
    """One graph entity."""

    id: str
    name: str
    type: str


@dataclass(frozen=True)
class Found:
    """A name found in a question: the entity and the words it took."""

    entity: LinkedEntity
    start: int
    end: int


class EntityLinker:
    """Surface forms of the graph's entities (names, aliases, curated aliases)."""

    def __init__(self, rows: Iterable[dict[str, Any]]) -> None:
        self.entities: dict[str, LinkedEntity] = {}
        self.surfaces: dict[str, set[str]] = {}
        for row in rows:
            entity = LinkedEntity(row["id"], row["name"], row["type"])
            self.entities[entity.id] = entity
            for surface in [row["name"], *(row.get("aliases") or [])]:
                self._add(surface, entity.id)
        for curated in gazetteer().values():
            if curated.id in self.entities:
                for surface in (curated.name, *curated.aliases):
                    self._add(surface, curated.id)

    def _add(self, surface: str, entity_id: str) -> None:
        key = _key(surface)
        if key:
            self.surfaces.setdefault(key, set()).add(entity_id)

    def link(self, name: str) -> LinkedEntity:
        """The one entity NAME stands for, or an error naming the candidates."""
        ids = self.surfaces.get(_key(name), set())
        if len(ids) == 1:
            return self.entities[next(iter(ids))]
        if len(ids) > 1:
            raise self._ambiguous(name, ids)
        return self._fuzzy(name)

    def find_in(self, words: list[str], skip: frozenset[str]) -> list[Found]:
        """Names in a tokenised question, longest first, not overlapping."""
        found: list[Found] = []
        taken: set[int] = set()
        for size in range(min(MAX_NGRAM, len(words)), 0, -1):
            for start in range(len(words) - size + 1):
                span = range(start, start + size)
                if taken & set(span):
                    continue
                phrase = " ".join(words[start : start + size])
                if size == 1 and (_key(phrase) in skip or len(phrase) < 2):
                    continue
                ids = self.surfaces.get(_key(phrase))
                if not ids:
                    continue
                if len(ids) > 1:
                    raise self._ambiguous(phrase, ids)
                found.append(Found(self.entities[next(iter(ids))], start, start + size))
                taken |= set(span)
        return sorted(found, key=lambda f: f.start)

    def _fuzzy(self, name: str) -> LinkedEntity:
        from rapidfuzz import fuzz, process

        key = _key(name)
        # plain edit-distance ratio: WRatio rates short partial matches ('ali') too highly
        scored = process.extract(key, list(self.surfaces), scorer=fuzz.ratio, limit=12)
        best: dict[str, float] = {}
        for surface, score, _ in scored:
            for entity_id in self.surfaces[surface]:
                best[entity_id] = max(best.get(entity_id, 0.0), score)
        ranked = sorted(best.items(), key=lambda item: -item[1])
        if ranked and ranked[0][1] >= FUZZY_ACCEPT:
            runner_up = ranked[1][1] if len(ranked) > 1 else 0.0
            if ranked[0][1] - runner_up >= 5:
                return self.entities[ranked[0][0]]
        suggestions = [self.entities[i].name for i, score in ranked if score >= FUZZY_SUGGEST]
        hint = f" Did you mean: {'; '.join(suggestions[:5])}?" if suggestions else ""
        raise UnknownEntityError(f"No entity named {name!r} in the graph.{hint}")

    def _ambiguous(self, name: str, ids: set[str]) -> UnknownEntityError:
        options = "; ".join(
            f"{self.entities[i].name} ({self.entities[i].type})" for i in sorted(ids)
        )
        return UnknownEntityError(f"{name!r} could be several entities: {options}. Say which.")


def tokens(text: str) -> list[str]:
    """Words of a question without edge punctuation or a possessive ending."""
    words = []
    for raw in text.split():
        word = raw.strip(_EDGE_PUNCTUATION)
        word = re.sub(r"['’]s$", "", word)
        if word:
            words.append(word)
    return words


def _key(surface: str) -> str:
    key = normalise_surface(surface.strip(_EDGE_PUNCTUATION))
    return key[4:] if key.startswith("the ") else key
