"""The ontology data file as typed, frozen objects."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from kg.resources import load_yaml


@dataclass(frozen=True)
class RelationType:
    """One relationship type with the labels it may join."""

    name: str
    domain: tuple[str, ...]
    range: tuple[str, ...]
    symmetric: bool = False
    regulatory: bool = False

    def allows(self, subject_label: str, object_label: str) -> bool:
        """Whether subject -> object fits this type's domain and range."""
        return subject_label in self.domain and object_label in self.range


@dataclass(frozen=True)
class Ontology:
    """Labels, relationship types and their styling, from kg/data/ontology.yaml."""

    labels: tuple[str, ...]
    article_label: str
    judgement_label: str  # what people judged: merges, splits, rejected facts (kg merge ...)
    mentions_type: str
    lookup: dict[str, str]  # label, by_id and by_name of the embedded store's key index
    rollups: dict[str, str]  # count, board, leads, index and lists tables of the store's rollups
    relations: dict[str, RelationType]
    entity_properties: tuple[str, ...]
    relation_properties: tuple[str, ...]
    colours: dict[str, str]
    shapes: dict[str, str]
    base_iri: str
    schema_org: dict[str, str]  # label -> schema.org class it specialises

    def relation(self, name: str) -> RelationType:
        """The relationship type called NAME (KeyError lists the valid ones)."""
        try:
            return self.relations[name]
        except KeyError:
            known = ", ".join(self.relations)
            raise KeyError(f"Unknown relationship type {name!r}. Known: {known}") from None

    def check_label(self, label: str) -> str:
        """Return LABEL if it is an ontology label (safe to place in query text)."""
        if label not in (*self.labels, self.article_label, self.judgement_label,
                         self.lookup["label"],
                         self.rollups["count"], self.rollups["board"]):  # fmt: skip
            raise ValueError(f"Unknown label {label!r}. Known: {', '.join(self.labels)}")
        return label


@cache
def ontology() -> Ontology:
    """The project's ontology, loaded once."""
    raw = load_yaml("ontology.yaml")
    labels = tuple(raw["labels"])
    groups = {name: tuple(members) for name, members in raw["groups"].items()}

    def expand(names: list[str]) -> tuple[str, ...]:
        out: list[str] = []
        for name in names:
            out.extend(groups.get(name, (name,)))
        return tuple(dict.fromkeys(out))

    relations = {
        name: RelationType(
            name=name,
            domain=expand(spec["domain"]),
            range=expand(spec["range"]),
            symmetric=bool(spec.get("symmetric", False)),
            regulatory=bool(spec.get("regulatory", False)),
        )
        for name, spec in raw["relations"].items()
    }
    return Ontology(
        labels=labels,
        article_label=raw["article_label"],
        judgement_label=raw["judgement_label"],
        mentions_type=raw["mentions_type"],
        lookup=dict(raw["lookup"]),
        rollups=dict(raw["rollups"]),
        relations=relations,
        entity_properties=tuple(raw["entity_properties"]),
        relation_properties=tuple(raw["relation_properties"]),
        colours={k: v["colour"] for k, v in raw["labels"].items()},
        shapes={k: v["shape"] for k, v in raw["labels"].items()},
        base_iri=raw["base_iri"],
        schema_org={k: v["schema_org"] for k, v in raw["labels"].items()},
    )
