"""Names read from where they stand: a proper noun that is the subject or object of a regulatory
action ("regulators fined Quillfeed", "Harwell was summoned") names an actor, even one the
trained recogniser has never seen, and one it typed as a product or an outlet is a company
where the action joins only companies. A name found this way stands for an entity only if it
takes part in a claim (kg.extraction.resolve.WEAK_METHODS)."""

from __future__ import annotations

from dataclasses import replace
from functools import cache
from typing import TYPE_CHECKING

from kg.extraction.cues import cues
from kg.extraction.money import is_sum, receivers_of_sum
from kg.extraction.sentences import sentence_number
from kg.gazetteer import normalise_surface
from kg.model import Mention
from kg.ontology import ontology

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

METHOD = "argument"
NAME_TAGS = frozenset({"NNP", "NNPS"})
COMPANY = "Company"
# the recogniser's types that context may fix: a firm's other types, and a "policy" with no
# policy word in its name ("fined Hanwei"); a name its own words type ("... Law") keeps it
RETYPED = frozenset({"Product", "Media", "Policy"})


@cache
def _acting_verbs() -> dict[str, str]:
    """Lemma -> relationship type of the verbs whose subjects and objects are actors."""
    from kg.extraction.mentions import typing_rules

    kinds = typing_rules().acting_verb_types
    return {lemma: kind for lemma, kind in cues().verbs.items() if kind in kinds}


def _arguments(verb: Token) -> list[tuple[Token, bool]]:
    """The subjects (True) and objects (False) of VERB, through a preposition or the passive's
    'by', and the names coordinated with them."""
    found: list[tuple[Token, bool]] = []
    for child in verb.children:
        if child.dep_ in ("nsubj", "nsubjpass", "dobj", "dative"):
            found.append((child, child.dep_ == "nsubj"))
        elif child.dep_ in ("agent", "prep"):
            found.extend((c, child.dep_ == "agent") for c in child.children if c.dep_ == "pobj")
    for token, acting in list(found):
        found.extend((c, acting) for c in token.conjuncts if c.i > token.i)
        if not acting and is_sum(token):  # "fined Quillfeed Ltd 2 million yuan"
            found.extend((c, False) for c in receivers_of_sum(token))
    return found


def _name_at(doc: Doc, head: Token) -> Span | None:
    """The proper-noun name whose last word is HEAD: its run of capitalised proper nouns."""
    if head.tag_ not in NAME_TAGS or not head.is_title or head.ent_type_:
        return None
    start = head.i
    while (
        start > 0
        and doc[start - 1].tag_ in NAME_TAGS
        and doc[start - 1].is_title
        and not doc[start - 1].ent_type_
        and doc[start - 1].head.i == head.i
    ):
        start -= 1
    if head.i + 1 < len(doc) and doc[head.i + 1].tag_ in NAME_TAGS:
        return None  # HEAD is not the name's last word
    if start > 0 and doc[start - 1].tag_ == "POS":
        return None  # the name runs on to the left: "the Women's Tennis Association"
    if start == head.i and head.tag_ == "NNPS":
        return None  # a plural in a capitalised title ("Preventing Minors"), an "IPOs"
    return doc[start : head.i + 1]


def _retyped(mention: Mention, kind: str, acting: bool) -> Mention:
    """A firm the recogniser typed as a product, an outlet or a policy, where the action it
    takes part in joins companies and not that type ("the regulator fined Hanwei"): a company."""
    from kg.extraction.mentions import type_organisation

    if mention.label not in RETYPED:
        return mention
    relation = ontology().relations[kind]
    side = relation.domain if acting else relation.range
    if COMPANY not in side:
        return mention
    if mention.gazetteer_id:
        # a curated platform named like a curated firm ("Weibo", "Weibo Corp") that a regulator
        # acts on, or that takes part in what only firms do: the firm
        twin = company_of_same_name(mention.gazetteer_id)
        if twin is None or (mention.label in side and not relation.regulatory):
            return mention
        return replace(mention, label=COMPANY, gazetteer_id=twin)
    if mention.label in side:
        return mention
    if mention.method != "ner" or type_organisation(mention.text) != COMPANY:
        return mention  # found otherwise, or typed by its own words ("Metropolis Daily")
    return replace(mention, label=COMPANY)


@cache
def company_of_same_name(product_id: str) -> str | None:
    """The curated company whose name, without its legal form, is a name of the curated
    product PRODUCT_ID, if there is one."""
    from kg.extraction.legal_forms import without_legal_form
    from kg.gazetteer import gazetteer

    product = gazetteer().get(product_id)
    if product is None:
        return None
    names = {normalise_surface(n) for n in (product.name, *product.aliases)}
    for curated in gazetteer().values():
        if curated.label != COMPANY:
            continue
        for name in (curated.name, *curated.aliases):
            if normalise_surface(" ".join(without_legal_form(name.split()))) in names:
                return curated.id
    return None


def argument_names(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """MENTIONS, recogniser types corrected by the actions they take part in, and the
    unrecognised names that act or are acted on, in text order."""
    from kg.extraction.mentions import (
        apposed_label,
        clean_surface,
        title_case_line,
        type_noun_before,
        type_organisation,
        typing_rules,
    )
    from kg.extraction.rulebase import lemma_candidates

    ending_at = {m.end - 1: index for index, m in enumerate(mentions)}
    mentions = list(mentions)
    taken = {i for m in mentions for i in range(m.start, m.end)}
    stop = typing_rules().stop_entities
    added: list[Mention] = []
    verbs = _acting_verbs()
    for verb in doc:
        if verb.pos_ != "VERB":
            continue
        kind = next((verbs[lemma] for lemma in lemma_candidates(verb) if lemma in verbs), None)
        if kind is None:
            continue
        for argument, acting in _arguments(verb):
            if argument.i in ending_at:
                index = ending_at[argument.i]
                mentions[index] = _retyped(mentions[index], kind, acting)
                continue
            span = _name_at(doc, argument)
            if span is None or taken.intersection(range(span.start, span.end)):
                continue
            surface = clean_surface(span.text)
            if not surface or normalise_surface(surface) in stop or title_case_line(span):
                continue
            label = apposed_label(span) or type_noun_before(span) or type_organisation(surface)
            if label is None:
                continue
            taken.update(range(span.start, span.end))
            sentence = sentence_number(span)
            added.append(Mention(surface, label, span.start, span.end, sentence, None, METHOD))
    return sorted([*mentions, *added], key=lambda m: m.start)
