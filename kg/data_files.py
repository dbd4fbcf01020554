"""The package's YAML data files as checked models. A malformed file is one error naming the
file and the key ("kg/data/cues.yaml: verbs.FINED.lemmas: Input should be a valid list"), not
a KeyError deep inside a rule; names of labels and relationship types are checked against the
ontology. Each room builds its lookup tables from these models."""

from __future__ import annotations

import re
from functools import cache
from typing import Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field, RootModel, ValidationError, field_validator

from kg.errors import KGError
from kg.model import MODALITIES
from kg.ontology import ontology
from kg.resources import load_yaml

M = TypeVar("M", bound=BaseModel)
Words = tuple[str, ...]


class DataModel(BaseModel):
    """Every key known, none missing, nothing changed after loading."""

    model_config = ConfigDict(extra="forbid", frozen=True)


def load_checked(name: str, model: type[M]) -> M:
    """kg/data/NAME as MODEL; a malformed file is a KGError naming the file and the key."""
    return _load_checked(name, model)  # type: ignore[return-value]


@cache
def _load_checked(name: str, model: type[BaseModel]) -> BaseModel:
    data = load_yaml(name)
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "top level"
        entry = first["loc"][0] if first["loc"] else None
        if isinstance(data, list) and isinstance(entry, int) and isinstance(data[entry], dict):
            where += f" (entry {data[entry].get('name')!r})"  # list entries are named
        raise KGError(f"kg/data/{name}: {where}: {first['msg']}") from None


def check_relation_types(names: object) -> object:
    """NAMES (a list, or a dict's keys) checked to be the ontology's relationship types."""
    for name in names if isinstance(names, list | tuple | dict) else ():
        if name not in ontology().relations:
            raise ValueError(f"unknown relationship type {name!r}")
    return names


def check_labels(names: object) -> object:
    """NAMES (a list, or a dict's keys) checked to be the ontology's labels."""
    for name in names if isinstance(names, list | tuple | dict) else ():
        if name not in ontology().labels:
            raise ValueError(f"unknown label {name!r}; known: {', '.join(ontology().labels)}")
    return names


def check_patterns(patterns: object) -> object:
    """PATTERNS (one, a list, or a dict's values) checked to be regular expressions."""
    listed: list[object] = []
    if isinstance(patterns, str):
        listed = [patterns]
    elif isinstance(patterns, dict):
        listed = list(patterns.values())
    elif isinstance(patterns, list | tuple):
        listed = list(patterns)
    for pattern in listed:
        try:
            re.compile(str(pattern))
        except re.error as exc:
            raise ValueError(f"not a regular expression: {pattern!r} ({exc})") from None
    return patterns


def check_label(label: object) -> object:
    """LABEL checked to be one of the ontology's labels, when there is one."""
    if label is not None:
        check_labels([label])
    return label


# gazetteer.yaml


class CuratedEntry(DataModel):
    name: str
    type: str
    aliases: Words | None = None
    wikidata: str | None = Field(default=None, pattern=r"^Q[1-9][0-9]*$")
    family_name: str | None = None  # people: the family name alone names them in an article
    known_for: Words | None = None  # names of curated organisations
    domains: Words | None = None  # what a regulator oversees: "the cybersecurity watchdog"

    _label = field_validator("type", mode="before")(check_label)


class GazetteerFile(RootModel[list[CuratedEntry]]):
    """kg/data/gazetteer.yaml: the curated entities."""


# questions.yaml


class SpecialQuestion(DataModel):
    kind: str
    example: str
    query: str
    patterns: Words
    unless_cue: bool = False

    _regexes = field_validator("patterns", mode="before")(check_patterns)


class RelationQuestion(DataModel):
    kind: str
    pattern: str
    types: Words
    noun: str | None = None
    symmetric: bool = False

    _regexes = field_validator("pattern", mode="before")(check_patterns)
    _types = field_validator("types", mode="before")(check_relation_types)


class ModalityQuestion(DataModel):
    pattern: str
    keep: Words  # modalities (kg.model.MODALITIES)

    _regexes = field_validator("pattern", mode="before")(check_patterns)

    @field_validator("keep")
    @classmethod
    def _modalities(cls, keep: Words) -> Words:
        if unknown := sorted(set(keep) - set(MODALITIES)):
            raise ValueError(f"unknown modality {unknown}; known: {', '.join(MODALITIES)}")
        return keep


class Linking(DataModel):
    """How a name typed in a question is linked to an entity (rapidfuzz scores, 0-100)."""

    fuzzy_accept: int = Field(gt=0, le=100)  # a lone fuzzy candidate this close is taken
    fuzzy_suggest: int = Field(gt=0, le=100)  # candidates this close are offered instead
    max_ngram: int = Field(gt=0)  # words of the longest name looked up in a question


class QuestionsFile(DataModel):
    """kg/data/questions.yaml."""

    examples: Words
    special: tuple[SpecialQuestion, ...]
    relations: tuple[RelationQuestion, ...]
    answer_types: dict[str, Words]
    wh_types: dict[str, Words]
    frame_words: Words
    modalities: tuple[ModalityQuestion, ...]
    dates: dict[str, str]
    linking: Linking

    _labels = field_validator("answer_types", mode="before")(check_labels)
    _regexes = field_validator("dates", mode="before")(check_patterns)


# rankings.yaml


class BoardSpec(DataModel):
    ranked: Literal["subject", "object"]
    label: str
    partner: str | None = None
    types: Words = ()
    by_year: bool = False

    _label = field_validator("label", "partner", mode="before")(check_label)
    _types = field_validator("types", mode="before")(check_relation_types)


class RankingsFile(DataModel):
    """kg/data/rankings.yaml."""

    size: int = Field(gt=0)
    boards: dict[str, BoardSpec]
    targets: BoardSpec
    target_sets: tuple[Words, ...]

    @field_validator("target_sets", mode="before")
    @classmethod
    def _sets(cls, sets: object) -> object:
        for types in sets if isinstance(sets, list) else ():
            check_relation_types(types)
        return sets


# demo.yaml


class DemoQuestion(DataModel):
    question: str
    query: str  # a named query of cypher/
    params: dict[str, str]


class DemoFile(DataModel):
    """kg/data/demo.yaml."""

    map_centre: str
    questions: tuple[DemoQuestion, ...]
