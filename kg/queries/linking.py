"""Links a name typed by a person to one entity of the graph: exact names and aliases,
curated aliases and acronyms, then fuzzy matching with a 'did you mean' list."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from kg.data_files import Linking, QuestionsFile, load_checked
from kg.errors import KGError
from kg.gazetteer import gazetteer, normalise_surface, surface_index
from kg.model import Entity, name_key

if TYPE_CHECKING:
    from kg.store.base import GraphStore

INDEX_PAGE = 5000  # entities read at a time when suggesting names after a miss
_EDGE_PUNCTUATION = "?!.,;:\"'“”‘’()"


def _linking() -> Linking:
    return load_checked("questions.yaml", QuestionsFile).linking


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


Rows = list[dict[str, Any]]


class EntityLinker:
    """Finds graph entities by their names, aliases and curated aliases, one key at a time
    (LOOKUP: a normalised name -> rows of id, name, type), so linking costs the same in any
    size of graph. Only a name that matches nothing reads EVERYTHING, for a fuzzy match."""

    def __init__(
        self,
        lookup: Callable[[str], Rows],
        everything: Callable[[], Rows],
        relation_types: Callable[[str], set[str]] = lambda entity_id: set(),
    ) -> None:
        self._lookup = lookup
        self._everything = everything
        self._relation_types = relation_types
        self._ids: dict[str, set[str]] = {}
        self.entities: dict[str, LinkedEntity] = {}
        self._all: Rows | None = None
        self._blocks: Any = None  # kg.resolution's index of every entity, built on a miss

    def _everything_rows(self) -> Rows:
        """Every entity, read once (only when a name matched no key)."""
        if self._all is None:
            self._all = self._everything()
            self._remember(self._all)
        return self._all

    def _remember(self, rows: Rows) -> set[str]:
        for row in rows:
            self.entities[row["id"]] = LinkedEntity(row["id"], row["name"], row["type"])
        return {row["id"] for row in rows}

    def ids(self, key: str) -> set[str]:
        """The entities a normalised name (or a curated alias of one) stands for."""
        if key not in self._ids:
            found = self._remember(self._lookup(key))
            if not found and key.startswith("the "):
                found = self._remember(self._lookup(key[4:]))
            for curated_id in surface_index().get(key, ()):
                curated = gazetteer()[curated_id]
                found |= self._remember(
                    [r for r in self._lookup(name_key(curated.name)) if r["id"] == curated_id]
                )
            self._ids[key] = found
        return self._ids[key]

    def knows(self, name: str) -> bool:
        """Whether NAME is exactly a name or alias of some entity."""
        return bool(self.ids(_key(name)))

    def link(self, name: str) -> LinkedEntity:
        """The one entity NAME stands for, or an error naming the candidates."""
        ids = self.ids(_key(name))
        if len(ids) == 1:
            return self.entities[next(iter(ids))]
        if len(ids) > 1:
            raise self._ambiguous(name, ids)
        return self._fuzzy(name)

    def find_in(
        self,
        words: list[str],
        skip: frozenset[str],
        possessive: frozenset[int] = frozenset(),
        fitting: Callable[[int], frozenset[str]] = lambda start: frozenset(),
        asked: frozenset[str] = frozenset(),
    ) -> list[Found]:
        """Names in a tokenised question, longest first, not overlapping. POSSESSIVE: the
        words that ended in "'s", which a name may hold inside ("People's Bank of China" is
        not "Bank of China"); a curated name the graph lacks is an error, not a shorter
        name inside it. FITTING: the entity types the question allows for a name starting at
        a word, which decide between entities of one name ("fined by Beijing": a regulator);
        then ASKED, the relationship types asked about: of entities sharing a name, the only
        one that has such relationships is the one meant."""
        found: list[Found] = []
        taken: set[int] = set()
        for size in range(min(_linking().max_ngram, len(words)), 0, -1):
            for start in range(len(words) - size + 1):
                span = range(start, start + size)
                if taken & set(span):
                    continue
                inner = [f"{w}'s" if start + i in possessive else w
                         for i, w in enumerate(words[start : start + size - 1])]  # fmt: skip
                if inner != words[start : start + size - 1]:
                    whole = " ".join([*inner, words[start + size - 1]])
                    if ids := self.ids(_key(whole)):
                        if len(ids) > 1:
                            raise self._ambiguous(whole, ids)
                        found.append(Found(self.entities[next(iter(ids))], start, start + size))
                        taken |= set(span)
                        continue
                    if _key(whole) in surface_index():
                        shown = re.sub(r"^the\s+", "", whole, flags=re.IGNORECASE)
                        raise UnknownEntityError(f"No entity named {shown!r} in the graph.")
                phrase = " ".join(words[start : start + size])
                if size == 1 and (_key(phrase) in skip or len(phrase) < 2):
                    continue
                ids = self.ids(_key(phrase))
                if not ids:
                    continue
                if len(ids) > 1:
                    allowed = fitting(start)
                    ids = {i for i in ids if self.entities[i].type in allowed} or ids
                if len(ids) > 1 and asked:
                    ids = {i for i in ids if self._relation_types(i) & asked} or ids
                if len(ids) > 1:
                    raise self._ambiguous(phrase, ids)
                found.append(Found(self.entities[next(iter(ids))], start, start + size))
                taken |= set(span)
        return sorted(found, key=lambda f: f.start)

    def _fuzzy(self, name: str) -> LinkedEntity:
        from rapidfuzz import fuzz, process

        key = _key(name)
        surfaces = self._all_surfaces()
        resolved = self._resolved(name)
        if len(resolved) == 1:
            return self.entities[resolved.pop()]
        # plain edit-distance ratio: WRatio rates short partial matches ('ali') too highly
        scored = process.extract(key, list(surfaces), scorer=fuzz.ratio, limit=12)
        best: dict[str, float] = {}
        for surface, score, _ in scored:
            for entity_id in surfaces[surface]:
                best[entity_id] = max(best.get(entity_id, 0.0), score)
        ranked = sorted(best.items(), key=lambda item: -item[1])
        if ranked and ranked[0][1] >= _linking().fuzzy_accept:
            runner_up = ranked[1][1] if len(ranked) > 1 else 0.0
            if ranked[0][1] - runner_up >= 5:
                return self.entities[ranked[0][0]]
        suggestions = [
            self.entities[i].name for i, score in ranked if score >= _linking().fuzzy_suggest
        ]
        hint = f" Did you mean: {'; '.join(suggestions[:5])}?" if suggestions else ""
        raise UnknownEntityError(f"No entity named {name!r} in the graph.{hint}")

    def _resolved(self, name: str) -> set[str]:
        """The entities the store's resolution rules would merge NAME into (a translation
        variant, a legal-form word, family name first), of any type."""
        from kg.resolution.across import entity_record
        from kg.resolution.matching import Blocks, best_match, record
        from kg.resolution.rules import name_rules

        rules = name_rules()
        if self._blocks is None:
            records = [
                entity_record(Entity(r["id"], r["name"], r["type"], tuple(r.get("aliases") or ())))
                for r in self._everything_rows()
            ]
            self._blocks = Blocks(rules, records)
        found = set()
        for label in {e.type for e in self.entities.values()}:
            best = best_match(record("?", label, [name.strip(_EDGE_PUNCTUATION)]), self._blocks)
            if best is not None and best[1].score >= rules.merge_at:
                found.add(best[0].id)
        return found

    def _all_surfaces(self) -> dict[str, set[str]]:
        """Every surface form of every entity: read only when no key matched."""
        rows = self._everything_rows()
        surfaces: dict[str, set[str]] = {}
        for row in rows:
            forms = [row["name"], *(row.get("aliases") or [])]
            curated = gazetteer().get(row["id"])
            if curated is not None:
                forms += [curated.name, *curated.aliases]
            for surface in forms:
                if key := _key(surface):
                    surfaces.setdefault(key, set()).add(row["id"])
        return surfaces

    def _ambiguous(self, name: str, ids: set[str]) -> UnknownEntityError:
        options = "; ".join(
            f"{self.entities[i].name} ({self.entities[i].type})" for i in sorted(ids)
        )
        return UnknownEntityError(f"{name!r} could be several entities: {options}. Say which.")


def tokens(text: str) -> list[str]:
    """Words of a question without edge punctuation or a possessive ending."""
    return [word for word, _ in _words(text)]


def possessives(text: str) -> frozenset[int]:
    """Positions, among tokens(TEXT), of the words that ended in a possessive "'s"."""
    return frozenset(i for i, (_, owns) in enumerate(_words(text)) if owns)


def _words(text: str) -> list[tuple[str, bool]]:
    words = []
    for raw in text.split():
        word = raw.strip(_EDGE_PUNCTUATION)
        bare = re.sub(r"['’]s$", "", word)
        if bare:
            words.append((bare, bare != word))
    return words


def store_linker(store: GraphStore) -> EntityLinker:
    """A linker over STORE's entities, through its key index."""
    from kg.queries.library import run_named

    def every_entity() -> list[dict[str, Any]]:
        rows: list[dict[str, Any]] = []
        while page := run_named(store, "entity_index", {"offset": len(rows), "limit": INDEX_PAGE}):
            rows.extend(page)
            if len(page) < INDEX_PAGE:
                break
        return rows

    def relation_types(entity_id: str) -> set[str]:
        return {row["relation"] for row in run_named(store, "entity_relations", {"id": entity_id})}

    return EntityLinker(
        lambda key: run_named(store, "entities_named", {"name": key}), every_entity, relation_types
    )


def _key(surface: str) -> str:
    key = normalise_surface(surface.strip(_EDGE_PUNCTUATION))
    return key[4:] if key.startswith("the ") else key
