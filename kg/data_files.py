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
Count = int  # checked positive where declared with Field(gt=0)


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


def _relation_types(names: object) -> object:
    for name in names if isinstance(names, list | tuple | dict) else ():
        if name not in ontology().relations:
            raise ValueError(f"unknown relationship type {name!r}")
    return names


def _labels(names: object) -> object:
    for name in names if isinstance(names, list | tuple | dict) else ():
        if name not in ontology().labels:
            raise ValueError(f"unknown label {name!r}; known: {', '.join(ontology().labels)}")
    return names


def _patterns(patterns: object) -> object:
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


def _label(label: object) -> object:
    return label if label is None else _labels([label]) and label


# gazetteer.yaml


class CuratedEntry(DataModel):
    name: str
    type: str
    aliases: Words | None = None
    wikidata: str | None = Field(default=None, pattern=r"^Q[1-9][0-9]*$")
    family_name: str | None = None  # people: the family name alone names them in an article
    known_for: Words | None = None  # names of curated organisations
    domains: Words | None = None  # what a regulator oversees: "the cybersecurity watchdog"

    _label = field_validator("type", mode="before")(_label)


class GazetteerFile(RootModel[list[CuratedEntry]]):
    """kg/data/gazetteer.yaml: the curated entities."""


# cues.yaml


class VerbCue(DataModel):
    lemmas: Words = ()
    phrasal: dict[str, Words] | None = None  # lemma -> particles ("call in")
    preps: Words = ()


class NounCue(DataModel):
    lemmas: Words
    preps: Words


class StateOwnership(DataModel):
    not_holdings: Words
    verbs: Words
    agent_forms: Words


class Attendance(DataModel):
    verbs: Words
    events: Words
    window: Count = Field(gt=0)


class Groups(DataModel):
    nouns: Words
    membership: Words
    window: Count = Field(gt=0)


class CuesFile(DataModel):
    """kg/data/cues.yaml."""

    verbs: dict[str, VerbCue]
    retyped_when_not_allowed: dict[str, str]
    state_ownership: StateOwnership
    firm_acts: Words
    acting_units: Words
    delegates: Words
    removal_particles: Words
    object_preps: Words
    object_participles: Words
    nouns: dict[str, NounCue]
    paying: Words
    receiving: Words
    relinquishing: Words
    noun_agent_preps: Words
    under_preps: Words
    owner_participles: Words
    agent_preps: dict[str, Words]
    operator_preps: Words
    role_preps: Words
    owner_role_preps: Words
    roles: dict[str, Words]  # relationship type (or OWNS_REVERSED) -> role phrases
    former: Words
    hedges: Words
    hedge_phrases: Words
    planned: Words
    negations: Words
    stances: Words
    reporting: Words
    statement_nouns: Words
    misconduct: Words
    misconduct_manners: Words
    attendance: Attendance
    groups: Groups
    restructuring: Words
    implicit_agent_window: Count = Field(gt=0)

    _types = field_validator("verbs", "nouns", "firm_acts", mode="before")(_relation_types)

    @field_validator("retyped_when_not_allowed", mode="before")
    @classmethod
    def _retyped(cls, pairs: object) -> object:
        if isinstance(pairs, dict):
            _relation_types([*pairs, *pairs.values()])
        return pairs

    @field_validator("roles", mode="before")
    @classmethod
    def _roles(cls, roles: object) -> object:
        if isinstance(roles, dict):
            _relation_types([t for t in roles if t != "OWNS_REVERSED"])
        return roles


# typing.yaml


class DescribedPolicies(DataModel):
    heads: Words
    containers: Words
    qualifiers: Words
    not_topics: Words
    unnamed: Words


class Limits(DataModel):
    """How far the rules look: windows and lengths in words, shares, margins."""

    max_short_name: Count = Field(gt=0)  # words of a short name defined in parentheses
    hereinafter_words: Count = Field(gt=0)  # words before it: "hereinafter referred to as the"
    extended_name_words: Count = Field(gt=0)  # words after a known name, before its last word
    extended_product_words: Count = Field(gt=0)
    legal_form_abbreviation: Count = Field(gt=0)  # letters of "Inc", "Ltd", "Corp"
    title_case_share: float = Field(gt=0, le=1)  # a headline's share of capitalised words
    organ_name_words: Count = Field(gt=0)  # capitalised words before a parenthesis
    between_organs: Count = Field(gt=0)  # words between two organs' names
    caseless_min: Count = Field(gt=0)  # letters of a name matched whatever its case
    possessed_within: Count = Field(gt=0)  # words between a possessive and what it owns
    title_parenthesis: Count = Field(gt=0)  # words of "(Draft for Comment)" in a title
    title_min_tokens: Count = Field(gt=0)


class TypingFile(DataModel):
    """kg/data/typing.yaml."""

    regulator_heads: Words
    company_heads: Words
    product_heads: Words
    media_heads: Words
    policy_heads: Words
    short_title_heads: Words
    event_heads: Words
    non_actor_heads: Words
    places: Words
    dangling_words: Words
    min_unknown_acronym: Count = Field(gt=0)
    junk_characters: Words
    junk_patterns: Words
    person_titles: Words
    metonyms: dict[str, str]
    stop_entities: Words
    credit_patterns: Words
    ner_labels: dict[str, str | None]  # spaCy label -> ours (ORG, GPE: typed by rules)
    anaphors: dict[str, Words]
    anaphor_window: Count = Field(gt=0)
    anaphor_topic_first: Words
    person_pronouns: Words
    thing_pronouns: Words
    organisation_labels: Words
    pronoun_window: Count = Field(gt=0)
    listing_preps: Words
    policy_stage_prefixes: Words
    jurisdiction_suffixes: Words
    described_as: dict[str, Words]
    acting_verb_types: Words
    company_verbs: Words
    described_policies: DescribedPolicies
    description_heads: Words
    limits: Limits

    _labels = field_validator("anaphors", "described_as", "organisation_labels", mode="before")(
        _labels
    )
    _types = field_validator("acting_verb_types", mode="before")(_relation_types)
    _regexes = field_validator("junk_patterns", "credit_patterns", mode="before")(_patterns)


@cache
def typing_file() -> TypingFile:
    """kg/data/typing.yaml, checked, once."""
    return load_checked("typing.yaml", TypingFile)


def limits() -> Limits:
    """How far the rules look (typing.yaml's limits)."""
    return typing_file().limits


# questions.yaml


class SpecialQuestion(DataModel):
    kind: str
    example: str
    query: str
    patterns: Words
    unless_cue: bool = False

    _regexes = field_validator("patterns", mode="before")(_patterns)


class RelationQuestion(DataModel):
    kind: str
    pattern: str
    types: Words
    noun: str | None = None
    symmetric: bool = False

    _regexes = field_validator("pattern", mode="before")(_patterns)
    _types = field_validator("types", mode="before")(_relation_types)


class ModalityQuestion(DataModel):
    pattern: str
    keep: Words  # modalities (kg.model.MODALITIES)

    _regexes = field_validator("pattern", mode="before")(_patterns)

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
    max_ngram: Count = Field(gt=0)  # words of the longest name looked up in a question


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

    _labels = field_validator("answer_types", mode="before")(_labels)
    _regexes = field_validator("dates", mode="before")(_patterns)


# rankings.yaml


class BoardSpec(DataModel):
    ranked: Literal["subject", "object"]
    label: str
    partner: str | None = None
    types: Words = ()
    by_year: bool = False

    _label = field_validator("label", "partner", mode="before")(_label)
    _types = field_validator("types", mode="before")(_relation_types)


class RankingsFile(DataModel):
    """kg/data/rankings.yaml."""

    size: Count = Field(gt=0)
    boards: dict[str, BoardSpec]
    targets: BoardSpec
    target_sets: tuple[Words, ...]

    @field_validator("target_sets", mode="before")
    @classmethod
    def _sets(cls, sets: object) -> object:
        for types in sets if isinstance(sets, list) else ():
            _relation_types(types)
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
