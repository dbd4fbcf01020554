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
    # "HFCA Act": the leading acronym and the words after it, as "hfca|law"; else ""
    lead: str
    # the same shape for each way the name may be shortened so: "Holding Foreign Companies
    # Accountable Act" as "hfca|law" (initials of the first words, then the last ones)
    spelled_leads: frozenset[str]


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
    if label in rules.stage_labels:
        words = [w for w in words if w not in rules.stage_words] or words
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
    lead, spelled = _leads(stripped, label, rules)
    return NameForm(
        stripped, label, " ".join(words), words, acronym, _initials(stripped, rules), lead, spelled
    )


def _is_acronym(text: str) -> bool:
    """ "SAMR", "PBoC", "MOFCOM"; not "WeChat" or "LanmoPay" (more capitals than small letters)."""
    upper = sum(c.isupper() for c in text)
    return bool(_ACRONYM.match(text)) and upper >= 2 and upper > sum(c.islower() for c in text)


def _initials(surface: str, rules: NameRules) -> frozenset[str]:
    words = _words(surface)
    if len(words) < 2:
        return frozenset()
    return _letters(words, rules)


def _words(surface: str) -> list[str]:
    return [w for w in re.split(r"[\s\-]+", surface) if w]


def _letters(words: list[str], rules: NameRules) -> frozenset[str]:
    """The initials of WORDS, with and without those of connectives, in lower case."""
    every = "".join(w[0] for w in words).lower()
    content = "".join(w[0] for w in words if w.lower() not in rules.connectives).lower()
    return frozenset({every, content})


def _leads(surface: str, label: str, rules: NameRules) -> tuple[str, frozenset[str]]:
    """SURFACE as an acronym followed by words ("PIP Law"), and as each shortening of its
    first words to initials that keeps at least one word after them (see NameForm)."""
    if label in rules.exact_labels:
        return "", frozenset()
    words = _words(surface)
    variants, _ = _tables(rules)
    dropped = rules.stage_words if label in rules.stage_labels else frozenset()

    def rest(tail: list[str]) -> str:
        kept = (w for w in (_plain(t) for t in tail) if w and w not in dropped)
        return " ".join(variants.get(w, w) for w in kept)

    lead = ""
    first = words[0] if words else ""
    if len(words) > 1 and _is_acronym(first) and len(first) >= rules.min_acronym:
        lead = f"{first.lower()}|{rest(words[1:])}"
    spelled = {
        f"{letters}|{rest(words[cut:])}"
        for cut in range(1, len(words))
        for letters in _letters(words[:cut], rules)
        if len(letters) >= rules.min_acronym
    }
    return lead, frozenset(spelled)
