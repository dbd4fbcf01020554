"""Rules about who says what: the source of a statement ('..., SAMR said', 'according to a
notice on the CAC's website') acts where no actor is named, and whoever reports someone's
wrongdoing criticises them."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from kg.extraction.rulebase import (
    RuleBase,
    lemma_candidates,
    modality_of,
    prep_objects,
    subject_tokens,
)
from kg.model import Claim

if TYPE_CHECKING:
    from spacy.tokens import Span, Token


class ReportedRules(RuleBase):
    """Sources of statements, and the criticism in reporting a wrongdoing."""

    def _misconduct_claims(self, verb: Token) -> Iterator[Claim]:
        """'Meituan abused its position, SAMR said', 'the regulator said X illegally collected
        data': whoever reports someone's wrongdoing criticises them."""
        wrong = any(lemma in self.lexicon.misconduct for lemma in lemma_candidates(verb))
        manner = any(
            c.dep_ == "advmod" and c.lower_ in self.lexicon.misconduct_manners
            for c in verb.children
        )
        if not (wrong or manner):
            return
        modality = modality_of(verb, self.lexicon)
        sources = self._source_of(verb) or self._speakers(verb.sent)
        if modality is None or not sources:
            return
        accused = [i for t in subject_tokens(verb) for i in self.index.at(t)]
        accused = accused or self._named_before(verb)
        yield from self._pairs(
            sources,
            accused,
            "CRITICIZED",
            verb.sent,
            "verb",
            f"{verb.lemma_}:reported",
            modality,
            {},
        )

    def _speakers(self, sent: Span) -> list[int]:
        """Who a sentence says is speaking, read from the words where the parse is unsure:
        the name just before a verb of saying ('..., SAMR said', 'the regulator said that'),
        or just after one set off by a comma ('..., said the CAC')."""
        for verb in sent:
            if verb.pos_ != "VERB" or verb.lemma_ not in self.lexicon.reporting:
                continue
            found = self._named_before(verb)
            if not found and verb.i > sent.start and self.doc[verb.i - 1].text == ",":
                following = verb.i + 1
                while following < sent.end and self.doc[following].pos_ == "DET":
                    following += 1
                found = [self.index.by_token[following]] if following in self.index.by_token else []
            if found:
                return self.index.lists.get(found[0], found)
        return []

    def _named_before(self, verb: Token) -> list[int]:
        """The mention right before a verb, across auxiliaries and adverbs only."""
        before = verb.i - 1
        while before >= verb.sent.start and self.doc[before].pos_ in ("AUX", "ADV", "PART"):
            before -= 1
        named = self.index.by_token.get(before)
        return [] if named is None else [named]

    def _source_of(self, verb: Token) -> list[int]:
        """The first named source of what VERB states, with those listed with it."""
        for token in source_tokens(verb, self.lexicon.reporting):
            if found := self.index.at(token):
                return found
        return []


def reported_by(verb: Token, reporting: frozenset[str]) -> Token | None:
    """The verb of saying whose clause VERB is in, if any."""
    head = verb
    for _ in range(3):
        if head.dep_ not in ("ccomp", "xcomp", "conj") or head.head is head:
            return None
        head = head.head
        if head.lemma_ in reporting:
            return head
    return None


def source_tokens(verb: Token, reporting: frozenset[str]) -> list[Token]:
    """Who states what VERB reports, most likely first: the subject of the verb of saying it
    hangs on ('X was fined, SAMR said') or the words of 'according to' in order ('...,
    according to a statement posted on the CAC's website')."""
    if verb.dep_ in ("ccomp", "parataxis") and verb.head.lemma_ in reporting:
        return subject_tokens(verb.head)
    found: list[Token] = []
    for according in (c for c in verb.children if c.dep_ == "prep" and c.lower_ == "according"):
        for named in prep_objects(according, frozenset({"to"})):
            found += named.subtree
    return found
