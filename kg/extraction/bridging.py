"""Relationships that reach across sentences. Through a group noun: "The CAC fined 12
platforms on Monday. Among them were A and B." (the members, named around a word of
membership, take the group's place). Through attendance: "The CAC held a meeting with
platforms. Representatives from A and B attended." (whoever summoned or hosted it summoned
those who attended)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from kg.extraction.anaphora import DETERMINERS
from kg.extraction.groups import definite, groups_in
from kg.extraction.rulebase import (
    BRIDGE,
    NESTED,
    RuleBase,
    agent_tokens,
    modality_of,
    prep_objects,
    subject_tokens,
)
from kg.extraction.sentences import sentence_starts
from kg.extraction.token_table import token_table
from kg.model import Claim

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

# members are named: not organs inside a name, not pronouns
UNNAMED = frozenset({NESTED, "anaphora"})
# a member named inside these is about something else ("Tenpay, which Tencent owns")
DETOURS = frozenset({"relcl", "acl", "agent", "advcl", "ccomp"})


class BridgeRules(RuleBase):
    """Claims from a group noun in one sentence to its members named in the next, or, for
    'these companies', in a list just before."""

    def _verb_cue(self, verb: Token) -> tuple[str, str] | None:
        raise NotImplementedError  # the verb rules' (kg.extraction.relations.RelationFinder)

    def _group_claims(self) -> Iterator[Claim]:
        sentences = list(self.doc.sents)
        number = sentence_starts(self.doc)
        window = self.lexicon.group_window
        for subjects, rel_type, group, modality in self._group_events():
            here = number[group.sent.start]
            members, there = self._named_after(sentences[here + 1 : here + 1 + window])
            if not members and definite(group):
                before = sentences[max(0, here - window) : here]
                members, there = self._listed_before(before)
            if not members or there is None:
                continue
            first, last = sorted((group.sent, there), key=lambda sent: sent.start)
            evidence = self.doc[first.start : last.end]
            for subject in subjects:
                for member in members:
                    claim = self._claim(
                        subject, rel_type, member, evidence, BRIDGE, f"group:{group.lemma_}",
                        modality,
                    )  # fmt: skip
                    if claim:
                        yield claim

    def _named_after(self, following: list[Span]) -> tuple[list[int], Span | None]:
        """The members named around a word of membership in the first of FOLLOWING that
        names any, and that sentence."""
        for sent in following:
            members = self._members(sent)
            if members:
                return members, sent
        return [], None

    def _listed_before(self, preceding: list[Span]) -> tuple[list[int], Span | None]:
        """The last list of names ('A, B and C') in PRECEDING, and its sentence: what 'these
        companies' or 'the 12 firms' point back to."""
        for sent in reversed(preceding):
            lists = [
                group
                for group in {tuple(g) for g in self.index.lists.values()}
                if sent.start <= self.mentions[group[0]].start < sent.end
            ]
            if lists:
                last = max(lists, key=lambda group: self.mentions[group[0]].start)
                return list(last), sent
        return [], None

    def _attendance_claims(self, found: list[Claim]) -> Iterator[Claim]:
        """'The NPPA called in NetEase. Its founder and its CFO joined the talks.': the people
        who attended a summons or a meeting named just before were summoned by its host; 'the
        meeting' is the one named last, however far back."""
        number = sentence_starts(self.doc)
        window = self.lexicon.attendance_window
        hosts = self._hosts(number)
        for verb in self.doc:
            if verb.lemma_ not in self.lexicon.attendance_verbs:
                continue
            events = [c for c in verb.children if c.dep_ == "dobj"]
            if not any(e.lemma_ in self.lexicon.attended_events for e in events):
                continue
            here = number[verb.sent.start]
            # "attended the meeting": the meeting named last, however far back
            named_before = any(_definite_event(e) for e in events)
            held = [
                (c.subject, self.mentions[c.object].sentence) for c in found if c.type == "SUMMONED"
            ]
            held = [
                (h, at)
                for h, at in [*held, *hosts]
                if 0 < here - at <= (here if named_before else window)
            ]
            latest = max((at for _, at in held), default=None)
            summoners = {h for h, at in held if not named_before or at == latest}
            attendees = [i for t in subject_tokens(verb) for i in self._attendees(t)]
            evidence = verb.sent
            for summoner in sorted(summoners):
                for attendee in attendees:
                    claim = self._claim(
                        summoner, "SUMMONED", attendee, evidence, BRIDGE, "attended"
                    )
                    if claim:
                        yield claim

    def _hosts(self, number: dict[int, int]) -> list[tuple[int, int]]:
        """(mention, sentence) of whoever held, convened or organised a meeting or talks."""
        found = []
        table = token_table(self.doc)
        events = self.lexicon.attended_events
        for i, (dep, lemma) in enumerate(zip(table.deps, table.lemmas, strict=True)):
            if dep != "dobj" or lemma not in events:  # the table's lemmas are lower-cased
                continue
            event = self.doc[i]
            if event.lemma_ not in events:
                continue
            here = number[event.sent.start]
            found += [(i, here) for t in subject_tokens(event.head) for i in self.index.at(t)]
        return found

    def _attendees(self, token: Token) -> list[int]:
        """The mentions a subject of 'attended' stands for: itself, or those it is made of
        ('representatives from A and B')."""
        named = self.index.at(token)
        if named or token.lemma_.lower() not in self.lexicon.membership:
            return named
        return [
            i
            for i, m in enumerate(self.mentions)
            if m.method != NESTED and _under(self.doc[m.start : m.end].root, token)
        ]

    def _group_events(self) -> Iterator[tuple[list[int], str, Token, str]]:
        """(subjects, type, group noun, modality) for each group a cue word acts on: found from
        the group nouns, which are few, up to the word that governs them."""
        for group in groups_in(self.doc, self.index.by_token):
            head = group.head
            if group.dep_ == "pobj" and head.dep_ == "prep":
                if head.head.pos_ == "NOUN":
                    yield from self._noun_event(head.head, group)
                    continue
                head = head.head
            if head.pos_ not in ("VERB", "AUX") or group.dep_ not in ("dobj", "pobj", "nsubjpass"):
                continue
            cue = self._verb_cue(head)
            if cue is None:
                continue
            rel_type, modality = cue
            passive = any(c.dep_ == "nsubjpass" for c in head.children)
            if passive != (group.dep_ == "nsubjpass"):
                continue  # a passive verb acts on its subject only
            if passive:
                actors = agent_tokens(head)
                if not actors and head.head.lemma_ in self.lexicon.reporting:
                    actors = subject_tokens(head.head)  # "... were fined, SAMR said"
            else:
                preps = self.lexicon.verb_preps.get(rel_type, frozenset())
                objects = prep_objects(head, preps | self.lexicon.object_preps)
                if group.dep_ == "pobj" and group not in objects:
                    continue
                actors = subject_tokens(head)
            subjects = [i for t in actors for i in self.index.at(t)]
            if subjects:
                yield subjects, rel_type, group, modality

    def _noun_event(self, noun: Token, group: Token) -> Iterator[tuple[list[int], str, Token, str]]:
        """'held talks with nine firms', 'fines on 12 companies': the actor is the subject of
        the clause the action noun is in."""
        rel_type = self.lexicon.nouns.get(noun.lemma_.lower())
        verb = next((t for t in noun.ancestors if t.pos_ in ("VERB", "AUX")), None)
        if rel_type is None or verb is None:
            return
        if group not in prep_objects(noun, self.lexicon.noun_preps[rel_type]):
            return
        modality = modality_of(verb, self.lexicon)
        subjects = [i for t in subject_tokens(verb) for i in self.index.at(t)]
        if modality is not None and subjects:
            yield subjects, rel_type, group, modality

    def _members(self, sent: Span) -> list[int]:
        """The mentions a word of membership in SENT lists ('included A and B', 'among them
        were A and B', 'representatives from A and B')."""
        anchors = [t for t in sent if t.lemma_.lower() in self.lexicon.membership]
        found: list[int] = []
        for anchor in anchors:
            clause = anchor if anchor.pos_ in ("VERB", "NOUN") else anchor.head
            for index, mention in enumerate(self.mentions):
                if mention.method in UNNAMED or index in found:
                    continue
                root = self.doc[mention.start : mention.end].root
                if sent.start <= root.i < sent.end and _under(root, clause):
                    found.append(index)
        return found


def _under(token: Token, clause: Token) -> bool:
    """Whether TOKEN hangs from CLAUSE without passing through a clause of its own."""
    while token != clause:
        if token.dep_ in DETOURS or token.head == token:
            return False
        token = token.head
    return True


def _definite_event(event: Token) -> bool:
    """'the meeting', 'that summons': an event named before."""
    return any(c.dep_ == "det" and c.lower_ in DETERMINERS for c in event.children)
