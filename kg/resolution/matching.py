"""How alike two entities' names are, with the reason, and which pairs are worth comparing."""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from kg.resolution.names import NameForm, name_form
from kg.resolution.rules import NameRules, name_rules

_DIGITS = re.compile(r"\d+")


@dataclass(frozen=True)
class Match:
    """The score of a pair of names, and why."""

    score: float
    reason: str
    left: str
    right: str


@dataclass(frozen=True)
class Record:
    """An entity as resolution sees it: its id, label and name forms."""

    id: str
    label: str
    forms: tuple[NameForm, ...]


def record(
    entity_id: str,
    label: str,
    names: Iterable[str],
    rules: NameRules | None = None,
    curated: Iterable[str] = (),
) -> Record:
    """A record of the names that name the entity beyond one article, first name first.

    Descriptions ("the regulator") are dropped, and so are short forms that only stand for
    the entity inside an article that gave its full name: a word of another of its names
    ("Ma" beside "Jack Ma", "NPC" beside "NPC Standing Committee"), unless the gazetteer
    lists them among the entity's names (CURATED)."""
    rules = rules or name_rules()
    forms: list[NameForm] = []
    seen: set[str] = set()
    for name in names:
        form = name_form(name, label, rules)
        if form is not None and form.surface not in seen:
            seen.add(form.surface)
            forms.append(form)
    listed = set(curated)
    kept = [
        form
        for n, form in enumerate(forms)
        if n == 0 or form.surface in listed or not any(_short_form(form, o) for o in forms)
    ]
    return Record(entity_id, label, tuple(kept))


def _short_form(form: NameForm, other: NameForm) -> bool:
    return set(form.surface.lower().split()) < set(other.surface.lower().split())


def compare_forms(a: NameForm, b: NameForm, rules: NameRules) -> Match:
    """The score of two names of one label: 1 when the rules reduce them to one name; an
    acronym against the initials of the other, or of its first words when the others are the
    same ("PIP Law", "Personal Information Protection Law"); else edit similarity, capped
    where one name lies inside the other ("Bank of China" is not "People's Bank of China") or
    the numbers differ."""
    if a.key == b.key:
        why = "same name" if a.surface == b.surface else "same name once normalised"
        return Match(1.0, why, a.surface, b.surface)
    if _acronym_of(a, b, rules) or _acronym_of(b, a, rules):
        return Match(0.95, "acronym", a.surface, b.surface)
    if a.lead and a.lead in b.spelled_leads or b.lead and b.lead in a.spelled_leads:
        return Match(0.95, "acronym of the first words, the others the same", a.surface, b.surface)
    if a.acronym or b.acronym:
        return Match(0.0, "acronym of another name", a.surface, b.surface)
    if _DIGITS.findall(a.key) != _DIGITS.findall(b.key):
        return Match(0.0, "different numbers", a.surface, b.surface)
    if a.key.replace(" ", "") == b.key.replace(" ", ""):
        return Match(0.97, "same name written apart", a.surface, b.surface)
    score = fuzz.ratio(a.key, b.key) / 100
    small, large = sorted((set(a.words), set(b.words)), key=len)
    if small < large:
        return Match(
            min(score, rules.candidate_at), "one name inside the other", a.surface, b.surface
        )
    if not (_close_words(a.words, b.words, rules) and _close_words(b.words, a.words, rules)):
        return Match(
            score * rules.other_word_factor,
            "a word of one name not in the other",
            a.surface,
            b.surface,
        )
    if a.label in rules.exact_labels:
        return Match(
            score * rules.other_word_factor,
            "similar spelling of a name that must match exactly",
            a.surface,
            b.surface,
        )
    return Match(score, "similar spelling", a.surface, b.surface)


def _close_words(words: tuple[str, ...], others: tuple[str, ...], rules: NameRules) -> bool:
    """Every word of WORDS spelt nearly like one of OTHERS (a typo, not another word)."""
    return all(any(fuzz.ratio(w, o) >= rules.close_word for o in others) for w in words)


def _acronym_of(a: NameForm, b: NameForm, rules: NameRules) -> bool:
    return len(a.acronym) >= rules.min_acronym and a.acronym in b.initials


def compare(a: Record, b: Record, rules: NameRules | None = None) -> Match:
    """The best match over the two records' names (never across labels)."""
    rules = rules or name_rules()
    best = Match(0.0, "no names", "", "")
    if a.label != b.label:
        return Match(0.0, "different types", "", "")
    for left in a.forms:
        for right in b.forms:
            match = compare_forms(left, right, rules)
            if match.score > best.score:
                best = match
                if best.score == 1.0:
                    return best
    return best


def block_keys(record: Record, prefix: int) -> set[str]:
    """Keys under which RECORD is compared: the first PREFIX letters of each word (so that
    typos still meet), acronyms and initials, by label."""
    keys: set[str] = set()
    for form in record.forms:
        keys.update(f"{record.label}:w:{w[:prefix]}" for w in form.words)
        if form.acronym:
            keys.add(f"{record.label}:a:{form.acronym}")
        keys.update(f"{record.label}:a:{i}" for i in form.initials)
        keys.update(f"{record.label}:l:{lead}" for lead in (form.lead, *form.spelled_leads) if lead)
    return keys


class Blocks:
    """An index of records by block key, to find the few worth comparing with a new one."""

    def __init__(self, rules: NameRules, records: Iterable[Record] = ()) -> None:
        self.prefix = rules.block_prefix
        self.limit = rules.block_limit
        self.records: dict[str, Record] = {}
        self.by_key: dict[str, set[str]] = defaultdict(set)
        for rec in records:
            self.add(rec)

    def add(self, rec: Record) -> None:
        """Index REC; a record already known by its id gains REC's new names."""
        old = self.records.get(rec.id)
        if old is not None:
            rec = Record(
                rec.id, old.label, old.forms + tuple(f for f in rec.forms if f not in old.forms)
            )
        self.records[rec.id] = rec
        for key in block_keys(rec, self.prefix):
            self.by_key[key].add(rec.id)

    def neighbours(self, rec: Record) -> Iterator[Record]:
        """Records sharing a useful block key with REC, each once, REC itself excluded."""
        seen = {rec.id}
        for key in sorted(block_keys(rec, self.prefix)):
            ids = self.by_key.get(key, ())
            if len(ids) > self.limit:  # a key as common as "bank" blocks nothing
                continue
            for other in sorted(ids):
                if other not in seen:
                    seen.add(other)
                    yield self.records[other]


def best_match(
    rec: Record, blocks: Blocks, rules: NameRules | None = None
) -> tuple[Record, Match] | None:
    """The known record REC matches best, if any scores above zero (ties: the smaller id)."""
    rules = rules or name_rules()
    best: tuple[Record, Match] | None = None
    for other in blocks.neighbours(rec):
        match = compare(rec, other, rules)
        if match.score > 0 and (
            best is None
            or match.score > best[1].score
            or match.score == best[1].score
            and other.id < best[0].id
        ):
            best = (other, match)
    return best


def pairs(
    records: Sequence[Record], rules: NameRules | None = None
) -> Iterator[tuple[Record, Record, Match]]:
    """Every blocked pair of RECORDS with its match, each pair once."""
    rules = rules or name_rules()
    blocks = Blocks(rules)
    for rec in records:
        for other in blocks.neighbours(rec):
            yield other, rec, compare(other, rec, rules)
        blocks.add(rec)
