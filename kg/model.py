"""Plain frozen data passed between the stages: load -> extract -> resolve -> store."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

# How an article stated a relationship: as fact, as someone's report, as a plan, or hedged.
MODALITIES = ("asserted", "reported", "planned", "hedged")


@dataclass(frozen=True)
class Document:
    """One loaded article: stable id, provenance fields and its text."""

    id: str
    text: str
    url: str | None = None
    title: str | None = None
    source: str | None = None
    published: str | None = None  # ISO date, YYYY-MM-DD
    digest: str | None = None  # text, metadata and extractor fingerprinted (kg.jobs.ingest.digest)


METONYMY = "metonymy"  # the method of a place named for the state acting ("Beijing fined X")


@dataclass(frozen=True)
class Mention:
    """A span of text naming an entity, typed, and linked to a gazetteer id when known."""

    text: str
    label: str
    start: int  # token offsets in the spaCy Doc
    end: int
    sentence: int
    gazetteer_id: str | None = None
    method: str = "ner"
    alias_of: str | None = None  # the surface this acronym or short form stands for


@dataclass(frozen=True)
class Claim:
    """A relationship stated in one sentence, between two mentions (by index)."""

    subject: int
    type: str
    object: int
    evidence: str
    confidence: float
    method: str
    modality: str = "asserted"
    properties: tuple[tuple[str, Any], ...] = ()


@dataclass(frozen=True)
class Entity:
    """A canonical entity: stable id, display name, type and the surface forms seen."""

    id: str
    name: str
    label: str
    aliases: tuple[str, ...] = ()
    wikidata: str | None = None
    description: str | None = None

    def absorb(self, other: Entity) -> Entity:
        """This entity with OTHER's names among its aliases (its name too, unless the same),
        each once, first seen first; OTHER's Wikidata id where this one has none. The one way
        two records of an actor become one (resolution, judgements, store writes)."""
        names = (*self.aliases, *((other.name,) if other.name != self.name else ()), *other.aliases)
        return replace(
            self, aliases=tuple(dict.fromkeys(names)), wikidata=self.wikidata or other.wikidata
        )


@dataclass(frozen=True)
class Relation:
    """A canonical relationship with its provenance; keyed by (subject, type, object, article)."""

    subject: str  # entity id
    type: str
    object: str  # entity id
    article_id: str
    evidence: str
    date: str | None
    confidence: float
    method: str
    modality: str = "asserted"
    properties: tuple[tuple[str, Any], ...] = ()


@dataclass(frozen=True)
class ArticleGraph:
    """Everything one article contributes to the graph; written whole or not at all."""

    document: Document
    entities: tuple[Entity, ...] = ()
    mentions: dict[str, tuple[str, ...]] = field(default_factory=dict)  # entity id -> surfaces
    relations: tuple[Relation, ...] = ()


def name_key(name: str) -> str:
    """How names are compared and looked up: case- and whitespace-insensitive, with straight
    apostrophes."""
    return " ".join(name.replace("’", "'").lower().split())


@dataclass(frozen=True)
class Judgement:
    """A person's judgement on the graph, kept in the store and applied to every later ingest:
    `merge` (OBJECT is the actor SUBJECT), `split` (SUBJECT and OBJECT are different actors)
    or `reject` (the fact SUBJECT -RELATION-> OBJECT is wrong)."""

    id: str
    kind: str
    subject: str
    object: str
    relation: str = ""
    who: str = ""
    at: str = ""
    note: str = ""
    undone: bool = False
    detail: str = ""  # JSON: what undoing it needs


def fact_id(subject: str, relation: str, obj: str) -> str:
    """How a fact (a relationship between two entities, over all articles) is named to people
    and commands: 'samr/FINED/alibaba-group' (entity ids hold no '/')."""
    return f"{subject}/{relation}/{obj}"
