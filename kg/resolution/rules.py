"""The name-variation rules of kg/data/resolution.yaml, loaded into a checked model."""

from __future__ import annotations

from functools import cache

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator, model_validator

from kg.errors import KGError
from kg.resources import load_yaml

RULES_FILE = "resolution.yaml"


class NameRules(BaseModel):
    """How one actor's name varies; see the data file for what each list means."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    merge_at: float
    candidate_at: float
    other_word_factor: float
    close_word: float
    min_acronym: int
    block_prefix: int
    block_limit: int
    corporate_suffixes: frozenset[str]
    country_words: tuple[str, ...]
    connectives: frozenset[str]
    translation_variants: tuple[tuple[str, ...], ...]
    misnomers: tuple[tuple[str, str], ...]  # (wrong name, right name)
    state_labels: frozenset[str]
    stage_words: frozenset[str]
    stage_labels: frozenset[str]
    exact_labels: frozenset[str]
    article_scoped_labels: frozenset[str]

    @field_validator("corporate_suffixes", "connectives", "stage_words", mode="before")
    @classmethod
    def _lower_set(cls, words: list[str]) -> frozenset[str]:
        return frozenset(str(w).lower() for w in words)

    @field_validator("misnomers", mode="before")
    @classmethod
    def _pairs(cls, names: dict[str, str]) -> tuple[tuple[str, str], ...]:
        if not isinstance(names, dict):
            raise ValueError("must map each wrong name to the right one")
        return tuple(names.items())

    @model_validator(mode="after")
    def _thresholds(self) -> NameRules:
        if not 0 < self.candidate_at <= self.merge_at <= 1:
            raise ValueError("need 0 < candidate_at <= merge_at <= 1")
        return self

    def variant_of(self) -> dict[str, str]:
        """Each translation variant mapped to the first word of its list."""
        return {
            word.lower(): group[0].lower() for group in self.translation_variants for word in group
        }


@cache
def name_rules() -> NameRules:
    """The shipped rules; a malformed file is an error naming the file and the key."""
    try:
        return NameRules.model_validate(load_yaml(RULES_FILE))
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "top level"
        raise KGError(f"kg/data/{RULES_FILE}: {where}: {first['msg']}") from None
