"""Relationship rules over the dependency parse: verbs, action nouns, roles and possessives."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from kg.cues import Cues, cues
from kg.dates import sentence_date
from kg.mentions import typing_rules
from kg.model import Claim, Mention
from kg.ontology import ontology

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

CONFIDENCE = {"verb": 0.85, "noun": 0.75, "role": 0.8, "possessive": 0.6}
MODALITY_FACTOR = {"asserted": 1.0, "reported": 0.9, "planned": 0.7, "hedged": 0.6}
NESTED = "nested"
SPEAKER_PRONOUNS = frozenset({"it", "they", "he", "she"})
COPULAS = frozenset({"be", "remain", "become", "serve", "name", "appoint", "act"})
_MONEY = re.compile(
    r"([\d.,]+)\s*(million|billion|trillion|bn|m)?\s*(yuan|rmb|cny|\$|usd|dollars)?", re.IGNORECASE
)
_SCALE = {"million": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9, "trillion": 1e12}
_CURRENCY = {"yuan": "CNY", "rmb": "CNY", "cny": "CNY", "$": "USD", "usd": "USD", "dollars": "USD"}
_ROLE_MODIFIERS = (
    r"(?:(?:former|then|current|executive|deputy|acting|new|ex-|co-|its|the|a|an"
    r"|financial|fintech|online|payment|largest|biggest|main|top)\b\s*)*"
)
_FREE_WORDS = r"(?:[a-z-]+\s+){0,3}"  # "group chief executive", "e-commerce website"


class MentionIndex:
    """Which mention (by index) covers each token of a Doc."""

    def __init__(self, mentions: list[Mention]) -> None:
        self.mentions = mentions
        self.by_token: dict[int, int] = {}
        for index, mention in enumerate(mentions):
            if mention.method == NESTED:
                continue  # inside another mention's span; reached by the nesting rule only
            for i in range(mention.start, mention.end):
                self.by_token[i] = index

    def at(self, token: Token, *, through_possessor: bool = False) -> list[int]:
        """Mentions that TOKEN and its conjuncts stand for ('Alibaba and Tencent' -> both)."""
        found: list[int] = []
        for item in _coordinated(token):
            index = self.by_token.get(item.i)
            if index is None and through_possessor and item.dep_ != "appos":
                index = self._possessor(item)
            if index is not None and index not in found:
                found.append(index)
        return found

    def _possessor(self, token: Token) -> int | None:
        # "suspended Ant's IPO" -> Ant; "the IPO of Ant" -> Ant
        for child in token.children:
            if child.dep_ in ("poss", "nmod", "compound") and child.i in self.by_token:
                return self.by_token[child.i]
            if child.dep_ == "prep" and child.lower_ == "of":
                for pobj in child.children:
                    if pobj.dep_ == "pobj" and pobj.i in self.by_token:
                        return self.by_token[pobj.i]
        return None


def _coordinated(token: Token) -> list[Token]:
    """TOKEN and the tokens listed with it: conjuncts, list appositions, 'X, including A and B'."""
    listing = typing_rules().listing_preps
    out = [token]
    for item in out:
        for child in item.children:
            if child.dep_ in ("conj", "appos") and child not in out:
                out.append(child)
            elif child.dep_ == "prep" and child.lower_ in listing:
                out.extend(p for p in child.children if p.dep_ == "pobj" and p not in out)
    return out


def lemma_candidates(token: Token) -> tuple[str, ...]:
    """The lemma and simple de-inflections of the word (the small model mislemmatises)."""
    word = token.lower_
    forms = [token.lemma_.lower(), word]
    for suffix, replacement in (
        ("ied", "y"),
        ("ed", ""),
        ("ed", "e"),
        ("d", ""),
        ("es", ""),
        ("s", ""),
        ("ing", ""),
        ("ing", "e"),
    ):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            forms.append(word[: -len(suffix)] + replacement)
    if len(word) > 4 and word[-3] == word[-4] and word.endswith("ed"):
        forms.append(word[:-3])  # "summonned", "banned" -> "ban"
    return tuple(dict.fromkeys(forms))


def _modality(verb: Token, lexicon: Cues) -> str | None:
    """None when negated, else asserted / hedged / planned / reported."""
    chain = [verb]
    head = verb
    while head.dep_ in ("xcomp", "conj", "ccomp") and head.head is not head:
        head = head.head
        chain.append(head)
    for token in chain[:2]:
        if any(c.dep_ == "neg" or c.lower_ in lexicon.negations for c in token.children):
            return None
    if any(c.lower_ in lexicon.hedges for t in chain[:2] for c in t.children):
        return "hedged"
    sentence = verb.sent.text.lower()
    if any(phrase in sentence for phrase in lexicon.hedge_phrases):
        return "hedged"
    if any(t.lemma_ in lexicon.planned for t in chain[1:]):
        return "planned"
    if verb.dep_ in ("ccomp", "parataxis") and verb.head.lemma_ in lexicon.reporting:
        return "reported"
    return "asserted"


def _subject_tokens(verb: Token) -> list[Token]:
    subjects = [c for c in verb.children if c.dep_ == "nsubj"]
    # "SAMR said it has investigated Tencent": 'it' is the speaker
    if (
        subjects
        and all(s.lower_ in SPEAKER_PRONOUNS for s in subjects)
        and verb.dep_ == "ccomp"
        and verb.head.lemma_ in cues().reporting
    ):
        return _subject_tokens(verb.head)
    if subjects:
        return subjects
    if verb.dep_ == "relcl":
        return [verb.head]
    if verb.dep_ in ("conj", "xcomp", "advcl") and verb.head is not verb:
        return _subject_tokens(verb.head)
    return []


def _agent_tokens(head: Token) -> list[Token]:
    return [
        p
        for c in head.children
        if c.dep_ == "agent" or (c.dep_ == "prep" and c.lower_ == "by")
        for p in c.children
        if p.dep_ == "pobj"
    ]


def _prep_objects(head: Token, preps: frozenset[str]) -> list[Token]:
    return [
        p
        for c in head.children
        if c.dep_ == "prep" and c.lower_ in preps
        for p in c.children
        if p.dep_ == "pobj"
    ]


class RelationFinder:
    """Applies every rule family to one parsed Doc and its mentions."""

    def __init__(self, doc: Doc, mentions: list[Mention]) -> None:
        self.doc = doc
        self.index = MentionIndex(mentions)
        self.mentions = mentions
        self.lexicon = cues()
        self.ontology = ontology()

    def claims(self) -> list[Claim]:
        """All claims, de-duplicated per (subject, type, object, sentence)."""
        seen: set[tuple[int, str, int]] = set()
        out: list[Claim] = []
        for claim in self._all():
            key = (claim.subject, claim.type, claim.object)
            if key not in seen:
                seen.add(key)
                out.append(claim)
        return out

    def _all(self) -> Iterator[Claim]:
        for token in self.doc:
            if token.pos_ in ("VERB", "AUX") or token.tag_.startswith("VB"):
                yield from self._verb_claims(token)
            elif token.pos_ in ("NOUN", "PROPN"):
                yield from self._noun_claims(token)
        for sent in self.doc.sents:
            yield from self._role_claims(sent)
        yield from self._possessive_claims()
        yield from self._hierarchy_claims()
        yield from self._copula_role_claims()

    def _claim(
        self,
        subject: int,
        rel_type: str,
        obj: int,
        sent: Span,
        method: str,
        rule: str,
        modality: str = "asserted",
        properties: dict[str, object] | None = None,
    ) -> Claim | None:
        if rel_type == "OWNS_REVERSED":
            subject, obj, rel_type = obj, subject, "OWNS"
        s, o = self.mentions[subject], self.mentions[obj]
        if subject == obj or (s.gazetteer_id and s.gazetteer_id == o.gazetteer_id):
            return None
        if s.text.lower() == o.text.lower():
            return None
        if not self.ontology.relation(rel_type).allows(s.label, o.label):
            return None
        confidence = round(CONFIDENCE[method] * MODALITY_FACTOR[modality], 3)
        stated = {"date": sentence_date(sent), **(properties or {})}
        props = tuple((k, v) for k, v in stated.items() if v is not None)
        return Claim(
            subject,
            rel_type,
            obj,
            sent.text.strip(),
            confidence,
            f"{method}:{rule}",
            modality,
            props,
        )

    def _pairs(
        self,
        subjects: list[int],
        objects: list[int],
        rel_type: str,
        sent: Span,
        method: str,
        rule: str,
        modality: str,
        props: dict[str, object],
    ) -> Iterator[Claim]:
        for s in subjects:
            for o in objects:
                claim = self._claim(s, rel_type, o, sent, method, rule, modality, props)
                if claim:
                    yield claim

    def _verb_type(self, verb: Token) -> str | None:
        lemmas = lemma_candidates(verb)
        for child in verb.children:
            if child.dep_ in ("prt", "prep", "advmod"):
                for lemma in lemmas:
                    rel_type = self.lexicon.phrasal.get((lemma, child.lower_))
                    if rel_type:
                        return rel_type
        return next((self.lexicon.verbs[x] for x in lemmas if x in self.lexicon.verbs), None)

    def _verb_claims(self, verb: Token) -> Iterator[Claim]:
        rel_type = self._verb_type(verb)
        if rel_type is None:
            return
        modality = _modality(verb, self.lexicon)
        if modality is None:
            return
        preps = self.lexicon.verb_preps.get(rel_type, frozenset()) | {"on", "in", "down", "into"}
        passive = [c for c in verb.children if c.dep_ in ("nsubjpass", "auxpass")]
        if passive:
            objects = [
                i
                for c in verb.children
                if c.dep_ == "nsubjpass"
                for i in self.index.at(c, through_possessor=True)
            ]
            subjects = [i for t in _agent_tokens(verb) for i in self.index.at(t)]
            rule = "passive"
            if not subjects and verb.head.lemma_ in self.lexicon.reporting and verb.head != verb:
                subjects = [i for t in _subject_tokens(verb.head) for i in self.index.at(t)]
                rule = "passive-reported"
        else:
            subjects = [i for t in _subject_tokens(verb) for i in self.index.at(t)]
            object_tokens = [c for c in verb.children if c.dep_ in ("dobj", "dative")]
            object_tokens += _prep_objects(verb, preps)
            for prt in (c for c in verb.children if c.dep_ in ("prt", "advmod")):
                object_tokens += _prep_objects(prt, preps)
            objects = [i for t in object_tokens for i in self.index.at(t, through_possessor=True)]
            rule = "active"
        if rel_type == "ISSUED":
            objects += [
                i for t in _prep_objects(verb, frozenset({"on", "about"})) for i in self.index.at(t)
            ]
        props = self._properties(rel_type, verb.sent)
        yield from self._pairs(
            subjects,
            objects,
            rel_type,
            verb.sent,
            "verb",
            f"{verb.lemma_}:{rule}",
            modality,
            props,
        )

    def _noun_claims(self, noun: Token) -> Iterator[Claim]:
        rel_type = self.lexicon.nouns.get(noun.lemma_.lower())
        if rel_type is None:
            return
        objects = [
            i
            for t in _prep_objects(noun, self.lexicon.noun_preps[rel_type])
            for i in self.index.at(t, through_possessor=True)
        ]
        objects += [i for c in noun.children if c.dep_ == "compound" for i in self.index.at(c)]
        subjects = [i for c in noun.children if c.dep_ == "poss" for i in self.index.at(c)]
        subjects += [i for t in _agent_tokens(noun) for i in self.index.at(t)]
        modality: str | None = "asserted"
        if not subjects and noun.dep_ in ("dobj", "nsubjpass") and noun.head.pos_ == "VERB":
            modality = _modality(noun.head, self.lexicon)
            subjects = [i for t in _subject_tokens(noun.head) for i in self.index.at(t)]
            subjects += [i for t in _agent_tokens(noun.head) for i in self.index.at(t)]
            if not objects:
                objects = [
                    i
                    for t in _prep_objects(noun.head, self.lexicon.noun_preps[rel_type])
                    for i in self.index.at(t)
                ]
        if modality is None:
            return
        props = self._properties(rel_type, noun.sent)
        yield from self._pairs(
            subjects, objects, rel_type, noun.sent, "noun", noun.lemma_, modality, props
        )

    def _role_claims(self, sent: Span) -> Iterator[Claim]:
        """'Alibaba founder Jack Ma', 'Jack Ma, Alibaba's founder', 'Guo, head of the CBIRC'."""
        inside = [i for i, m in enumerate(self.mentions) if sent.start <= m.start < sent.end]
        role = self.lexicon.role_pattern.pattern
        before_holder = re.compile(
            rf"^(?:['’]s\s+)?{_ROLE_MODIFIERS}{_FREE_WORDS}(?P<role>{role})(?:\s*,|\s+(?:is|was))?$",
            re.I,
        )
        role_of_before = re.compile(rf"(?P<role>{role})\s+(?:of|at)(?:\s+the)?$", re.I)
        parenthesis = re.compile(r"^(?:\(\s*[\w.&-]+\s*\))?\s*,?$")
        apposed = re.compile(rf"^,\s*{_ROLE_MODIFIERS}$", re.I)
        after_org = re.compile(
            rf"^(?:['’]s\s+)?{_ROLE_MODIFIERS}{_FREE_WORDS}(?P<role>{role})\b", re.I
        )
        role_of = re.compile(
            rf"^,\s*{_ROLE_MODIFIERS}(?P<role>{role})\s+(?:of|at)(?:\s+the)?(?:\s+[a-z-]+){{0,2}}$",
            re.I,
        )
        for a_pos, a in enumerate(inside):
            for b in inside[a_pos + 1 :]:
                first, second = self.mentions[a], self.mentions[b]
                if second.start - first.end > 8:
                    break
                gap = self._text(first.end, second.start)
                prefix = self._text(max(sent.start, first.start - 5), first.start)
                if match := before_holder.match(gap):  # ORG founder PERSON
                    yield from self._role(b, a, match.group("role"), gap, sent)
                elif parenthesis.match(gap) and (match := role_of_before.search(prefix)):
                    # Governor of the PBoC (PBOC) Pan Gongsheng
                    yield from self._role(b, a, match.group("role"), prefix, sent)
                elif match := role_of.match(gap):  # PERSON, founder of ORG
                    yield from self._role(a, b, match.group("role"), gap, sent)
                elif apposed.match(gap):  # PERSON, ORG's founder
                    tail = self._text(second.end, min(second.end + 5, sent.end))
                    match = after_org.match(tail)
                    if match and not self._role_names_next(second.end, match.group("role")):
                        yield from self._role(a, b, match.group("role"), gap, sent)

    def _role_names_next(self, after: int, role: str) -> bool:
        """Whether the role is a title of the name right after it ('Ant's chairman Eric Jing')."""
        following = after + len(role.split()) + 1  # the possessive 's, then the role words
        for offset in range(following - 1, following + 3):
            index = self.index.by_token.get(offset)
            if index is not None:
                return self.mentions[index].label == "Person"
        return False

    def _text(self, start: int, end: int) -> str:
        """Tokens start..end joined by single spaces, for the surface patterns."""
        return " ".join(t.text for t in self.doc[start:end])

    def _role(self, holder: int, org: int, role: str, context: str, sent: Span) -> Iterator[Claim]:
        role = (
            role.lower().rstrip("s")
            if role.lower().endswith("s") and not role.lower().endswith("ss")
            else role.lower()
        )
        rel_type = self.lexicon.roles.get(role) or self.lexicon.roles.get(role + "s")
        if rel_type is None:
            return
        former = any(word in context.lower().split() for word in self.lexicon.former) or None
        props: dict[str, object] = {}
        if rel_type == "HOLDS_POSITION":
            props = {"role": role, "former": former}
        claim = self._claim(holder, rel_type, org, sent, "role", role, "asserted", props)
        if claim is None and rel_type == "HOLDS_POSITION":
            return
        if claim:
            yield claim

    def _possessive_claims(self) -> Iterator[Claim]:
        """'Alibaba's Ant' -> OWNS; 'the State Council's SAMR' -> SAMR PART_OF the State Council."""
        for index, mention in enumerate(self.mentions):
            if mention.method == NESTED:
                continue
            root = self.doc[mention.start : mention.end].root
            for child in (c for t in self.doc[mention.start : mention.end] for c in t.children):
                owner = self.index.by_token.get(child.i)
                if child.dep_ != "poss" or owner is None or owner == index:
                    continue
                both = (self.mentions[owner].label, mention.label)
                if both == ("Regulator", "Regulator"):
                    claim = self._claim(index, "PART_OF", owner, root.sent, "possessive", "poss")
                else:
                    claim = self._claim(owner, "OWNS", index, root.sent, "possessive", "poss")
                if claim:
                    yield claim

    def _copula_role_claims(self) -> Iterator[Claim]:
        """'Guo is also the vice governor of the PBoC', 'she serves as head of the CAC'."""
        for token in self.doc:
            role = self._role_phrase(token)
            if role is None:
                continue
            head = (
                token.head.head
                if token.dep_ == "pobj" and token.head.lower_ == "as"
                else token.head
            )
            if token.dep_ not in ("attr", "pobj") or head.lemma_ not in COPULAS:
                continue
            holders = [i for t in _subject_tokens(head) for i in self.index.at(t)]
            orgs = [
                i for t in _prep_objects(token, frozenset({"of", "at"})) for i in self.index.at(t)
            ]
            orgs += [i for c in token.children if c.dep_ == "poss" for i in self.index.at(c)]
            for holder in holders:
                for org in orgs:
                    yield from self._role(holder, org, role, token.sent.text, token.sent)

    def _role_phrase(self, token: Token) -> str | None:
        """The role named by a noun and its compound modifiers ('vice governor'), if it is one."""
        compounds = " ".join(
            c.lower_
            for c in token.children
            if c.dep_ in ("compound", "amod") and c.i == token.i - 1
        )
        for phrase in (f"{compounds} {token.lower_}".strip(), token.lower_, token.lemma_.lower()):
            if phrase in self.lexicon.roles:
                return phrase
        return None

    def _hierarchy_claims(self) -> Iterator[Claim]:
        """'General Office of the State Council' and 'X, an agency under the State Council'."""
        for index, mention in enumerate(self.mentions):
            sent = self.doc[mention.start].sent
            if mention.method == NESTED:
                container = self.index.by_token.get(mention.start)
                if container is not None:
                    claim = self._claim(container, "PART_OF", index, sent, "role", "nested-name")
                    if claim:
                        yield claim
                continue
            root = self.doc[mention.start : mention.end].root
            under = root.head
            if under.lower_ != "under" or root.dep_ != "pobj":
                continue
            head = under.head
            while (
                head.dep_ not in ("ROOT", "relcl") and head.head is not head and head.pos_ != "VERB"
            ):
                head = head.head
            subjects = [i for t in _subject_tokens(head) for i in self.index.at(t)]
            for subject in subjects:
                claim = self._claim(subject, "PART_OF", index, sent, "role", "under")
                if claim:
                    yield claim

    def _properties(self, rel_type: str, sent: Span) -> dict[str, object]:
        if rel_type != "FINED":
            return {}
        for ent in sent.ents:
            if ent.label_ == "MONEY":
                return money(ent.text)
        return {}


def money(text: str) -> dict[str, object]:
    """'18.2 billion yuan' -> {'amount': 18200000000.0, 'currency': 'CNY'}."""
    match = _MONEY.search(text.replace("US$", "$ "))
    if not match:
        return {}
    try:
        value = float(match.group(1).replace(",", ""))
    except ValueError:
        return {}
    value *= _SCALE.get((match.group(2) or "").lower(), 1)
    currency = _CURRENCY.get((match.group(3) or "").lower())
    if currency is None and "$" in text:
        currency = "USD"
    return {"amount": value, "currency": currency}


def find_claims(doc: Doc, mentions: list[Mention]) -> list[Claim]:
    """Every relationship claim the rules find in a parsed Doc."""
    return RelationFinder(doc, mentions).claims()
