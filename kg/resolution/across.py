"""Resolution across articles at ingest: each new entity of an article is matched against the
actors already known (the curated gazetteer and the store's entities of its type) and takes
the id of the best one scoring at least the merge threshold; judgements say which pairs must
or must not be one."""

from __future__ import annotations

import re
from collections.abc import Iterable

from kg.gazetteer import gazetteer, slugify
from kg.model import ArticleGraph, Entity, Relation
from kg.resolution.matching import Blocks, Match, Record, best_match, record
from kg.resolution.rename import rename
from kg.resolution.rules import NameRules, name_rules

_DESCRIPTION = re.compile(r"[a-z][a-z' -]*")


def entity_record(
    entity: Entity, surfaces: Iterable[str] = (), rules: NameRules | None = None
) -> Record:
    """The record of ENTITY: its name first, then its aliases and SURFACES (the names the
    gazetteer lists for a curated entity all count as names; a short form that articles
    used for it, such as a family name alone, does not)."""
    names = [entity.name, *entity.aliases, *surfaces]
    entry = gazetteer().get(entity.id)
    listed = (
        (entry.name, *entry.aliases) if entry is not None and entry.label == entity.label else ()
    )
    return record(entity.id, entity.label, names, rules, curated=listed)


def is_description(name: str) -> bool:
    """A name of lower-case Latin words only ("watchdog", "new regulator"), unlike "eBay"."""
    return bool(_DESCRIPTION.fullmatch(name.strip()))


def article_scoped(entity_id: str, article_id: str) -> str:
    """The id of a described actor of one article: its own id and the article's."""
    return f"{entity_id}-in-{slugify(article_id)}"


class KnownActors:
    """The actors an ingest resolves new entities onto; it learns each article's entities as
    they are resolved, so later articles of the same run meet them too.

    MERGED maps an entity id to the id a person judged it to be; APART holds pairs a person
    judged to be different actors (unordered)."""

    def __init__(
        self,
        entities: Iterable[Entity] = (),
        merged: dict[str, str] | None = None,
        apart: Iterable[tuple[str, str]] = (),
        rejected: Iterable[tuple[str, str, str]] = (),
        rules: NameRules | None = None,
        with_gazetteer: bool = True,
    ) -> None:
        self.rules = rules or name_rules()
        self.blocks = Blocks(self.rules)
        self.entities: dict[str, Entity] = {}
        self.merged = dict(merged or {})
        self.apart = {frozenset(pair) for pair in apart}
        self.rejected = set(rejected)
        self.decisions: dict[str, tuple[str, Match]] = {}  # new id -> (known id, why), this run
        if with_gazetteer:
            for curated in gazetteer().values():
                self.learn(curated.as_entity())
        for entity in entities:
            self.learn(entity)

    def learn(self, entity: Entity, surfaces: Iterable[str] = ()) -> None:
        known = self.entities.get(entity.id)
        if known is None or len(entity.aliases) > len(known.aliases):
            self.entities[entity.id] = entity
        self.blocks.add(entity_record(entity, surfaces, self.rules))

    def judged(self, entity_id: str) -> str:
        """The id a merge judgement (or a chain of them) sends ENTITY_ID to; itself if none."""
        chosen = entity_id
        seen = {chosen}
        while chosen in self.merged and self.merged[chosen] not in seen:
            chosen = self.merged[chosen]
            seen.add(chosen)
        return chosen

    def target(self, entity: Entity, surfaces: Iterable[str]) -> str:
        """The id ENTITY is stored under: a judged merge, itself if known, else the best known
        actor of its type scoring at least the merge threshold and not judged apart."""
        chosen = self.judged(entity.id)
        if chosen != entity.id or entity.id in self.entities:
            return chosen
        found = best_match(entity_record(entity, surfaces, self.rules), self.blocks, self.rules)
        if found is None:
            return entity.id
        other, match = found
        if match.score < self.rules.merge_at or frozenset((entity.id, other.id)) in self.apart:
            return entity.id
        self.decisions[entity.id] = (other.id, match)
        return other.id

    def resolve(self, graph: ArticleGraph) -> ArticleGraph:
        """GRAPH with its entities resolved onto known actors and judgements applied; the
        actors learn its entities. An actor named only by a description keeps to its
        article."""
        target = {}
        for entity in graph.entities:
            if self.described_only(entity):
                target[entity.id] = self.judged(article_scoped(entity.id, graph.document.id))
                continue
            chosen = self.target(entity, graph.mentions.get(entity.id, ()))
            if chosen != entity.id:
                target[entity.id] = chosen
        resolved = rename(graph, target, self.entities.get, self.keeps)
        for entity in resolved.entities:
            self.learn(entity, resolved.mentions.get(entity.id, ()))
        return resolved

    def described_only(self, entity: Entity) -> bool:
        """An uncurated actor whose name is a lower-case description, not a name."""
        return (
            entity.label in self.rules.article_scoped_labels
            and entity.id not in gazetteer()
            and is_description(entity.name)
        )

    def apply(self, graph: ArticleGraph) -> ArticleGraph:
        """GRAPH with the judgements alone applied (no matching of names)."""
        judged = {e.id: self.judged(e.id) for e in graph.entities}
        target = {old: new for old, new in judged.items() if new != old}
        return rename(graph, target, self.entities.get, self.keeps)

    def keeps(self, relation: Relation) -> bool:
        """Whether RELATION stands: no judgement rejected its fact."""
        return (relation.subject, relation.type, relation.object) not in self.rejected
