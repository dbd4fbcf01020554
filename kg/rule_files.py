"""The extraction rules' data files as checked models: cues.yaml (the words that signal each
relationship, hedges, negations, reports) and typing.yaml (how unknown names are typed, what
anaphors point at, and how far the rules look). Loaded and checked as kg.data_files says."""

from __future__ import annotations

from functools import cache

from pydantic import Field, field_validator

from kg.data_files import (
    DataModel,
    Words,
    check_labels,
    check_patterns,
    check_relation_types,
    load_checked,
)

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
    window: int = Field(gt=0)


class Groups(DataModel):
    nouns: Words
    membership: Words
    window: int = Field(gt=0)


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
    implicit_agent_window: int = Field(gt=0)

    _types = field_validator("verbs", "nouns", "firm_acts", mode="before")(check_relation_types)

    @field_validator("retyped_when_not_allowed", mode="before")
    @classmethod
    def _retyped(cls, pairs: object) -> object:
        if isinstance(pairs, dict):
            check_relation_types([*pairs, *pairs.values()])
        return pairs

    @field_validator("roles", mode="before")
    @classmethod
    def _roles(cls, roles: object) -> object:
        if isinstance(roles, dict):
            check_relation_types([t for t in roles if t != "OWNS_REVERSED"])
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

    max_short_name: int = Field(gt=0)  # words of a short name defined in parentheses
    hereinafter_words: int = Field(gt=0)  # words before it: "hereinafter referred to as the"
    extended_name_words: int = Field(gt=0)  # words after a known name, before its last word
    extended_product_words: int = Field(gt=0)
    legal_form_abbreviation: int = Field(gt=0)  # letters of "Inc", "Ltd", "Corp"
    title_case_share: float = Field(gt=0, le=1)  # a headline's share of capitalised words
    organ_name_words: int = Field(gt=0)  # capitalised words before a parenthesis
    between_organs: int = Field(gt=0)  # words between two organs' names
    caseless_min: int = Field(gt=0)  # letters of a name matched whatever its case
    possessed_within: int = Field(gt=0)  # words between a possessive and what it owns
    title_parenthesis: int = Field(gt=0)  # words of "(Draft for Comment)" in a title
    title_min_tokens: int = Field(gt=0)


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
    min_unknown_acronym: int = Field(gt=0)
    junk_characters: Words
    junk_patterns: Words
    person_titles: Words
    metonyms: dict[str, str]
    stop_entities: Words
    credit_patterns: Words
    ner_labels: dict[str, str | None]  # spaCy label -> ours (ORG, GPE: typed by rules)
    anaphors: dict[str, Words]
    anaphor_window: int = Field(gt=0)
    anaphor_topic_first: Words
    person_pronouns: Words
    thing_pronouns: Words
    organisation_labels: Words
    pronoun_window: int = Field(gt=0)
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
        check_labels
    )
    _types = field_validator("acting_verb_types", mode="before")(check_relation_types)
    _regexes = field_validator("junk_patterns", "credit_patterns", mode="before")(check_patterns)


@cache
def typing_file() -> TypingFile:
    """kg/data/typing.yaml, checked, once."""
    return load_checked("typing.yaml", TypingFile)


def limits() -> Limits:
    """How far the rules look (typing.yaml's limits)."""
    return typing_file().limits
