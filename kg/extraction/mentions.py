"""Finds and types entity mentions in a parsed Doc: gazetteer first, then typed NER."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from kg.data_files import load_checked
from kg.extraction.acronyms import apply_acronyms
from kg.extraction.anaphora import anaphor_rules, link_anaphors
from kg.extraction.argument_names import argument_names
from kg.extraction.cues import cues
from kg.extraction.described import described_policies
from kg.extraction.extended_names import HEADLINE_POS, extended_names, line_around
from kg.extraction.legal_forms import with_legal_forms
from kg.extraction.nesting import nested_mentions
from kg.extraction.organ_names import joined_organs
from kg.extraction.sentences import sentence_number
from kg.extraction.titles import policy_titles
from kg.extraction.token_table import token_table
from kg.gazetteer import (
    alias_index,
    family_members,
    linked_id,
    normalise_surface,
    slugify,
    without_jurisdiction,
)
from kg.model import METONYMY, Mention
from kg.ontology import ontology
from kg.resolution.rules import name_rules
from kg.rule_files import TypingFile, limits

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

_LEADING = re.compile(r"^(the|a|an)\s+", re.IGNORECASE)
_TRAILING = re.compile(r"\s*(['’]s?|,)$")
ACTOR_DEPS = ("nsubj", "nsubjpass")
FIRM_LABELS = frozenset({"Company", "Product", "Media"})  # the types context tells apart
VERB_TAGS = frozenset({"VBZ", "VBG", "VBD"})
FINITE_VERB_TAGS = frozenset({"VBZ", "VBD", "VBP", "MD"})
CLOSING_TAGS = frozenset({".", ",", ":"})  # punctuation that ends a clause, never a name


@dataclass(frozen=True)
class TypingRules:
    """The typing.yaml rules, with the lists turned into sets."""

    regulator_heads: frozenset[str]
    company_heads: frozenset[str]
    media_heads: frozenset[str]
    policy_heads: frozenset[str]
    short_title_heads: frozenset[str]
    metonyms: dict[str, str]
    stop_entities: frozenset[str]
    credit_patterns: tuple[re.Pattern[str], ...]
    ner_labels: dict[str, str | None]
    event_heads: frozenset[str]
    non_actor_heads: frozenset[str]
    places: frozenset[str]
    junk_characters: tuple[str, ...]
    junk_patterns: re.Pattern[str]
    person_titles: frozenset[str]
    listing_preps: frozenset[str]
    dangling_words: frozenset[str]
    described_as: dict[str, str]
    company_verbs: frozenset[str]
    min_unknown_acronym: int
    product_heads: frozenset[str]
    acting_verb_types: frozenset[str]


@cache
def typing_rules() -> TypingRules:
    """typing.yaml, loaded once."""
    raw = load_checked("typing.yaml", TypingFile)
    return TypingRules(
        regulator_heads=frozenset(raw.regulator_heads),
        company_heads=frozenset(raw.company_heads),
        media_heads=frozenset(raw.media_heads),
        policy_heads=frozenset(raw.policy_heads),
        short_title_heads=frozenset(raw.short_title_heads),
        metonyms=dict(raw.metonyms),
        stop_entities=frozenset(normalise_surface(s) for s in raw.stop_entities),
        credit_patterns=tuple(
            re.compile(p, re.IGNORECASE | re.MULTILINE) for p in raw.credit_patterns
        ),
        ner_labels=dict(raw.ner_labels),
        event_heads=frozenset(raw.event_heads),
        non_actor_heads=frozenset(raw.non_actor_heads),
        places=frozenset(normalise_surface(p) for p in raw.places),
        junk_characters=tuple(raw.junk_characters),
        junk_patterns=re.compile("|".join(f"(?:{p})" for p in raw.junk_patterns)),
        person_titles=frozenset(raw.person_titles),
        listing_preps=frozenset(raw.listing_preps),
        dangling_words=frozenset(raw.dangling_words),
        min_unknown_acronym=int(raw.min_unknown_acronym),
        described_as={noun: label for label, nouns in raw.described_as.items() for noun in nouns},
        company_verbs=frozenset(raw.company_verbs),
        product_heads=frozenset(raw.product_heads),
        acting_verb_types=frozenset(raw.acting_verb_types),
    )


def type_organisation(name: str) -> str | None:
    """Regulator, Media, Policy or Company for an organisation name the gazetteer lacks.

    None for names of events, awards and institutions that are not actors.
    """
    rules = typing_rules()
    words = normalise_surface(name).split()
    last = words[-1] if words else ""
    if last in rules.event_heads:
        return None
    if any(word in rules.media_heads for word in words):
        return "Media"
    if last in rules.policy_heads or (words and words[0] in rules.policy_heads and len(words) > 2):
        return "Policy"
    if last in rules.company_heads:
        return "Company"
    lowered = " ".join(words)
    if last in rules.regulator_heads or any(
        head in lowered for head in rules.regulator_heads if " " in head
    ):
        return "Regulator"
    if any(word in rules.regulator_heads for word in words[:-1]) and "of" in words:
        return "Regulator"  # "Ministry of X", "Bureau of Y"
    return "Company"


def apposed_label(span: Span) -> str | None:
    """The type an apposition or relative clause gives a name: 'Harwell Ames, a law firm',
    'the NRTA, the broadcast regulator', 'Quillfeed, which runs a video app'."""
    described = typing_rules().described_as
    for child in span.root.children:
        if child.dep_ == "appos":
            modifiers = [c.lower_ for c in child.children if c.dep_ == "compound"]
            for phrase in (" ".join([*modifiers[-1:], child.lemma_.lower()]), child.lemma_.lower()):
                if phrase in described:
                    return described[phrase]
        if child.dep_ == "relcl" and child.lemma_ in typing_rules().company_verbs:
            return "Company"
    return None


def clean_surface(text: str) -> str:
    """Strip a leading article and a trailing possessive or comma from a span's text."""
    return _TRAILING.sub("", _LEADING.sub("", text.strip())).strip()


def credit_ranges(text: str) -> list[tuple[int, int]]:
    """Character ranges of photo credits, bylines and datelines, where no entity is kept."""
    return [m.span() for p in typing_rules().credit_patterns for m in p.finditer(text)]


def _is_actor_position(span: Span) -> bool:
    root = span.root
    if root.dep_ in ACTOR_DEPS:
        return True
    if root.dep_ == "pobj" and root.head.lower_ == "by":
        return True
    # "Beijing's campaign" acts; "China's exports" or "China's ministries" do not.
    return root.dep_ == "poss" and root.head.lemma_.lower() in cues().nouns


def _strip_titles(span: Span) -> Span:
    titles = typing_rules().person_titles
    start = span.start
    while start < span.end - 1 and span.doc[start].lower_ in titles:
        start += 1
    if start == span.start:
        return span
    from spacy.tokens import Span

    return Span(span.doc, start, span.end, label=span.label_)


def _inside_a_longer_name(span: Span) -> bool:
    """'Li' in 'Bao Li': a one-word person alias right after another capitalised word."""
    if span.label_ != "Person" or len(span) > 1 or span.start == span.sent.start:
        return False
    before = span.doc[span.start - 1]
    return before.is_title and before.lower_ not in typing_rules().person_titles


def _headline_clause(span: Span) -> bool:
    """'Beijing Passes', 'Taming China': a title-case headline's verb taken into a name."""
    return span[0].tag_ in VERB_TAGS or span[-1].tag_ in VERB_TAGS


def _headline_actor(span: Span, sentence: int) -> Mention | None:
    """'Beijing Passes' in a headline: the state acting, once the verb is set aside."""
    words = [t for t in span if t.tag_ not in VERB_TAGS]
    if len(words) != 1 or words[0].dep_ not in ACTOR_DEPS:
        return None
    canonical = typing_rules().metonyms.get(words[0].text)
    if canonical is None:
        return None
    word = words[0]
    return Mention(
        word.text, "Regulator", word.i, word.i + 1, sentence, slugify(canonical), METONYMY
    )


def _well_formed(span: Span) -> bool:
    """A name is a noun phrase: no finite verb ('China Tightens Grip', 'Crackdown Is The
    Latest'), not cut off before its end ('Opinions of the', 'Law on Anti-'), parentheses
    closed."""
    if any(t.tag_ in FINITE_VERB_TAGS for t in span):
        return False
    last = span[-1]
    if last.lower_ in typing_rules().dangling_words or last.text in ("-", "–"):
        return False
    return span.text.count("(") == span.text.count(")")


def _without_outer_punctuation(span: Span) -> Span:
    """A recognised name that takes in the full stop or colon after it, or the line break after
    it, ends before it, and one that takes in an opening quotation mark it does not close starts
    after it."""
    start, end = span.start, span.end
    doc = span.doc
    while end - start > 1 and (doc[end - 1].tag_ in CLOSING_TAGS or doc[end - 1].is_space):
        end -= 1
    if (
        end - start > 1
        and doc[start].tag_ == "``"
        and not any(t.tag_ == "''" for t in doc[start:end])
    ):
        start += 1
    if (start, end) == (span.start, span.end):
        return span
    from spacy.tokens import Span

    return Span(doc, start, end, label=span.label_)


def _before_its_verb(span: Span) -> Span:
    """A recognised name that runs on through a verb in lower case ('the State Bureau of
    Supervision fined ...') is the name before the verb; a headline's capitalised verb ('China
    Tightens Grip') leaves the span to be refused whole."""
    for token in span[1:]:
        if token.tag_ in FINITE_VERB_TAGS and token.is_lower:
            from spacy.tokens import Span

            return Span(span.doc, span.start, token.i, label=span.label_)
    return span


def _a_common_word(span: Span) -> bool:
    """One capitalised word the tagger reads as a common word ('Launched', 'Crypto', 'Tighter'
    opening a headline or a sentence), not as a proper noun: not a name."""
    word = span[0]
    return len(span) == 1 and word.tag_ not in ("NNP", "NNPS") and not word.is_upper


def _only_in_a_headline(span: Span, surface: str) -> bool:
    """A name the recogniser found in a Title-case headline and nowhere else in the text: where
    every word is capitalised, the capitals are no evidence of a name."""
    return token_table(span.doc).text.count(surface) < 2 and title_case_line(span)


def title_case_line(span: Span) -> bool:
    """Whether the line holding SPAN capitalises most of its words, a function word or a verb
    among them ('Regulators Turn To Gaming', 'Beijing to Big Tech: Stop Breaking the Law')."""
    words = [t for t in line_around(span.doc, span.start_char) or () if t.is_alpha]
    if len(words) < 2:
        return False
    capitalised = [t for t in words[1:] if t.is_title]
    if len(capitalised) + 1 < limits().title_case_share * len(words):
        return False
    return any(t.pos_ in HEADLINE_POS or t.tag_.startswith("VB") for t in capitalised)


def _a_bare_policy_head(surface: str, label: str) -> bool:
    """'the Law', 'the Measures': a reference back, not a name."""
    heads = typing_rules().policy_heads
    return label == "Policy" and all(w in heads for w in without_jurisdiction(surface).split())


def type_noun_before(span: Span) -> str | None:
    """The type a noun right before a name gives it: 'edtech firm Harwell', 'state
    broadcaster CCTV'."""
    if span.start == 0:
        return None
    before = span.doc[span.start - 1]
    if before.head.i not in range(span.start, span.end) or before.pos_ != "NOUN":
        return None
    return typing_rules().described_as.get(before.lemma_.lower())


def _by_legal_form(surface: str, label: str) -> str:
    """'Harwell Holdings Ltd.', 'Lanmei Group': a name that ends in a legal form is a
    company, whatever type the context suggested."""
    words = normalise_surface(surface).replace(".", " ").replace(",", " ").split()
    legal = bool(words) and words[-1] in name_rules().corporate_suffixes
    return "Company" if legal and label != "Person" else label


def _by_head_word(surface: str) -> str | None:
    """The type a name's own last word gives it ("Harwell Law Firm", "Ningbo Evening News",
    "Ningbo Intermediate Court"), as an organisation name the gazetteer lacks is typed; None
    where the last word is no head word, or ends products' names too ("Quillfeed Pay")."""
    rules = typing_rules()
    words = normalise_surface(surface).split()
    heads = rules.media_heads | rules.company_heads | rules.regulator_heads
    if len(words) < 2 or words[-1] in rules.product_heads or words[-1] not in heads:
        return None
    return type_organisation(surface)


def _a_bare_description(surface: str, label: str) -> bool:
    """'the watchdog': a type noun alone names no one; the anaphora linker finds whom it
    points back to."""
    return surface.islower() and anaphor_rules().heads.get(surface) == label


def _names_no_actor(span: Span, surface: str) -> bool:
    """A span the recogniser marked that names no actor: a common word, a bare policy word, a
    word of a Title-case headline, a dateline, a school or a forum, a place named alone."""
    rules = typing_rules()
    return (
        _a_common_word(span)
        or _a_bare_policy_head(surface, span.label_)
        or _only_in_a_headline(span, surface)
        or _a_dateline(surface)
        or (span.label_ != "Policy" and span[-1].lower_ in rules.non_actor_heads)
        or normalise_surface(surface) in rules.places
    )


def _a_dateline(surface: str) -> bool:
    """'BEIJING (Reuters) -': a place in capitals opening a report says where it was filed."""
    return surface.isupper() and surface.title() in typing_rules().metonyms


def _is_junk(text: str) -> bool:
    rules = typing_rules()
    return any(mark in text for mark in rules.junk_characters) or bool(
        rules.junk_patterns.search(text)
    )


def _mention_from_span(span: Span, sentence: int) -> Mention | None:
    rules = typing_rules()
    if span.label_ == "PERSON":
        span = _strip_titles(span)
    surface = clean_surface(span.text)
    if not surface or _is_junk(span.text) or normalise_surface(surface) in rules.stop_entities:
        return None
    labels = ontology().labels
    if span.label_ in labels:
        if _inside_a_longer_name(span):
            return None
        if span.ent_id_:
            return Mention(
                surface, span.label_, span.start, span.end, sentence, span.ent_id_, "gazetteer"
            )
        span = _before_its_verb(_without_outer_punctuation(span))
        surface = clean_surface(span.text)
        if not surface or not _well_formed(span) or _a_bare_description(surface, span.label_):
            return None
        if _names_no_actor(span, surface):
            return None
        # the trained recogniser: typed already; linked to the gazetteer where it names a
        # curated entity. A place named as the state acting is an actor only where it acts.
        canonical = rules.metonyms.get(surface) if span.label_ == "Regulator" else None
        if canonical is not None:
            if not _is_actor_position(span):
                return None
            return Mention(
                surface, "Regulator", span.start, span.end, sentence, slugify(canonical), METONYMY
            )
        typed = _by_legal_form(surface, span.label_)
        if typed in FIRM_LABELS:
            typed = apposed_label(span) or type_noun_before(span) or _by_head_word(surface) or typed
        elif typed == "Policy":
            typed = _by_head_word(surface) or typed  # "Harwell Law Firm" is no law
        known = linked_id(surface, typed)
        if known is None and surface.isupper() and len(surface) < rules.min_unknown_acronym:
            return None  # an unknown short acronym names something only where the text says what
        return Mention(surface, typed, span.start, span.end, sentence, known, "ner")
    mapped = rules.ner_labels.get(span.label_)
    if mapped is not None and _headline_clause(span):
        return _headline_actor(span, sentence)
    if mapped is None or not _looks_like_a_name(surface):
        return None
    if mapped == "GPE":
        canonical = rules.metonyms.get(surface)
        if canonical is None or not _is_actor_position(span):
            return None
        return Mention(
            surface, "Regulator", span.start, span.end, sentence, slugify(canonical), METONYMY
        )
    label: str | None = mapped
    if mapped == "ORG" or (mapped == "Person" and _names_an_organisation(surface)):
        label = type_organisation(surface)
    label = apposed_label(span) or label
    if " " not in surface and family_members(surface):
        label = "Person"  # the parser often takes a known family name ("Ma's") for a firm
    if label is None or (label == "Person" and not any(c.isupper() for c in surface)):
        return None
    if _a_bare_policy_head(surface, label):
        return None
    linked = linked_id(surface, label)
    return Mention(surface, label, span.start, span.end, sentence, linked, f"ner:{span.label_}")


@cache
def _looks_like_a_name(surface: str) -> bool:
    """Proper names have a capital, are not cut off mid-phrase, and are not bare short acronyms."""
    rules = typing_rules()
    words = surface.split()
    if not any(c.isupper() for c in surface) or words[-1].lower() in rules.dangling_words:
        return False
    known = any((normalise_surface(surface), label) in alias_index() for label in ontology().labels)
    if known:
        return True
    if any(c.isdigit() for c in surface):
        return False  # "Page A3": layout debris
    return not (surface.isupper() and len(surface) < rules.min_unknown_acronym)


def _names_an_organisation(surface: str) -> bool:
    rules = typing_rules()
    last = normalise_surface(surface).split()[-1]
    heads = rules.company_heads | rules.media_heads | rules.policy_heads | rules.event_heads
    return last in heads or last in rules.regulator_heads


def find_mentions(doc: Doc) -> list[Mention]:
    """All entity mentions of a parsed Doc, in text order, without credits and non-entities."""
    credits = credit_ranges(token_table(doc).text)
    mentions: list[Mention] = []
    for span in doc.ents:
        if any(start <= span.start_char < end for start, end in credits):
            continue
        sentence = sentence_number(span)
        mention = _mention_from_span(span, sentence)
        if mention is not None:
            mentions.append(mention)
    rules = typing_rules()
    organisation_heads = (
        rules.company_heads | rules.media_heads | rules.regulator_heads | rules.non_actor_heads
    )
    titled = [
        m
        for m in policy_titles(
            doc, mentions, rules.policy_heads, organisation_heads, rules.short_title_heads
        )
        if normalise_surface(m.text) not in rules.stop_entities
    ]
    mentions = joined_organs(doc, described_policies(doc, titled))
    mentions = with_legal_forms(doc, extended_names(doc, mentions, rules.company_heads))
    mentions = argument_names(doc, _without_nationalities(doc, mentions))
    return nested_mentions(doc, link_anaphors(doc, apply_acronyms(doc, mentions)))


def _without_nationalities(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """MENTIONS less the places read as the state that only say whose another named actor
    is: 'China' in "China's market regulator" or "China's Tencent" does not act."""
    covered = {i for m in mentions if m.method != METONYMY for i in range(m.start, m.end)}
    return [
        m
        for m in mentions
        if m.method != METONYMY
        or not (
            doc[m.start : m.end].root.dep_ == "poss" and doc[m.start : m.end].root.head.i in covered
        )
    ]
