"""A name reduced to the form two names of one actor share: legal-form words, country words,
connectives and translation variants dropped or unified as the label's rules say."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from kg.model import name_key
from kg.resolution.rules import NameRules, name_rules

_PUNCTUATION = re.compile(r"[,.;:()\"“”]")
_HYPHEN = re.compile(r"(?<=\w)-(?=\w)")
_ACRONYM = re.compile(r"^[A-Z][A-Za-z&]{1,7}$")
LEGAL_FORM_LABELS = frozenset({"Company"})


@dataclass(frozen=True)
class NameForm:
    """One surface of an entity, ready to compare."""

    surface: str
    label: str
    key: str  # the reduced name; two forms with one key name one actor
    words: tuple[str, ...]  # the reduced name's words
    acronym: str  # the surface's letters in lower case if it is an acronym, else ""
    initials: frozenset[str]  # the acronyms the full name may go by, in lower case


def _plain(text: str) -> str:
    return " ".join(_HYPHEN.sub("", _PUNCTUATION.sub(" ", name_key(text))).split())


@cache
def _tables(rules: NameRules) -> tuple[dict[str, str], tuple[str, ...]]:
    variants = {_plain(word): _plain(first) for word, first in rules.variant_of().items()}
    countries = tuple(sorted((_plain(w) for w in rules.country_words), key=len, reverse=True))
    return variants, countries


@cache
def _misnomers(rules: NameRules, label: str) -> dict[tuple[str, ...], tuple[str, ...]]:
    """Each known wrong name, reduced by LABEL's rules, to the right one reduced alike."""
    return {
        _reduced(wrong, label, rules): _reduced(right, label, rules)
        for wrong, right in rules.misnomers
    }


def _reduced(surface: str, label: str, rules: NameRules) -> tuple[str, ...]:
    """The words two names of one actor share, as LABEL's rules say."""
    variants, countries = _tables(rules)
    words = _plain(surface).split()
    if label in LEGAL_FORM_LABELS:
        while len(words) > 1 and words[-1] in rules.corporate_suffixes:
            words.pop()
    if label in rules.state_labels:
        padded = f" {' '.join(words)} "
        for country in countries:
            padded = padded.replace(f" {country} ", " ")
        reduced = [variants.get(w, w) for w in padded.split() if w not in rules.connectives]
        words = sorted(reduced or words)  # "Office of X" and "X Office" in translations
    if label in rules.exact_labels:
        words = sorted(words)  # family name first or last
    return tuple(words)


def name_form(surface: str, label: str, rules: NameRules | None = None) -> NameForm | None:
    """SURFACE as LABEL's rules reduce it (a known misnomer as the name it was meant to be);
    None when it is not a name (a lower-case description such as "the regulator")."""
    return _name_form(surface, label, rules or name_rules())


# An ingest reduces the names of every article it resolves, and most come back article after
# article ("Alibaba", "the SAMR"); the forms are immutable.
@lru_cache(maxsize=1 << 16)
def _name_form(surface: str, label: str, rules: NameRules) -> NameForm | None:
    stripped = surface.strip()
    if not stripped or not stripped[0].isupper() and not stripped[0].isdigit():
        return None
    words = _reduced(stripped, label, rules)
    words = _misnomers(rules, label).get(words, words)
    acronym = stripped.lower() if _is_acronym(stripped) else ""
    return NameForm(stripped, label, " ".join(words), words, acronym, _initials(stripped, rules))


def _is_acronym(text: str) -> bool:
    """ "SAMR", "PBoC", "MOFCOM"; not "WeChat" or "LanmoPay" (more capitals than small letters)."""
    upper = sum(c.isupper() for c in text)
    return bool(_ACRONYM.match(text)) and upper >= 2 and upper > sum(c.islower() for c in text)


def _initials(surface: str, rules: NameRules) -> frozenset[str]:
    words = [w for w in re.split(r"[\s\-]+", surface) if w]
    if len(words) < 2:
        return frozenset()
    every = "".join(w[0] for w in words).lower()
    content = "".join(w[0] for w in words if w.lower() not in rules.connectives).lower()
    return frozenset({every, content})
