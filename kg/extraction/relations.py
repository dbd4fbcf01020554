"""Relationship rules over the dependency parse: verbs and action nouns, plus the role and
structural rule families, applied together to one Doc."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from kg.extraction.bridging import BridgeRules
from kg.extraction.described import description_rules
from kg.extraction.groups import FIRMS
from kg.extraction.money import is_sum, receivers_of_sum, stated_sum
from kg.extraction.reported import ReportedRules, reported_by
from kg.extraction.roles import RoleRules
from kg.extraction.rulebase import (
    agent_tokens,
    lemma_candidates,
    listed_with,
    modality_of,
    passive_agents,
    prep_objects,
    subject_tokens,
)
from kg.extraction.sentences import sentence_number
from kg.extraction.structure import StructureRules
from kg.extraction.token_table import TokenTable, token_table
from kg.model import Claim, Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token


class RelationFinder(RoleRules, StructureRules, BridgeRules, ReportedRules):
    """Applies every rule family to one parsed Doc and its mentions."""

    def claims(self) -> list[Claim]:
        """All claims, de-duplicated per (subject, type, object, sentence)."""
        seen: set[tuple[int, str, int]] = set()
        out: list[Claim] = []
        found = list(self._all())
        for claim in [*found, *self._attendance_claims(found)]:
            key = (claim.subject, claim.type, claim.object)
            if key not in seen:
                seen.add(key)
                out.append(claim)
        return out

    def _all(self) -> Iterator[Claim]:
        doc, table = self.doc, token_table(self.doc)
        for i, (pos, tag, dep) in enumerate(zip(table.pos, table.tags, table.deps, strict=True)):
            if (
                pos in ("VERB", "AUX")
                or tag.startswith("VB")
                or (dep == "acl" and _by_participle(doc[i]))
            ):
                yield from self._verb_claims(doc[i])
                yield from self._misconduct_claims(doc[i])
            elif pos in ("NOUN", "PROPN") or _follows_a_sum(table, i):
                yield from self._noun_claims(doc[i])
        for sent in self.doc.sents:
            yield from self._role_claims(sent)
        yield from self._possessive_claims()
        yield from self._hierarchy_claims()
        yield from self._owner_compound_claims()
        yield from self._restructuring_claims()
        yield from self._copula_role_claims()
        yield from self._rival_title_claims()
        yield from self._operator_claims()
        yield from self._group_claims()

    def _verb_type(self, verb: Token) -> str | None:
        lemmas = lemma_candidates(verb)
        for child in verb.children:
            if child.dep_ in ("prt", "prep", "advmod"):
                for lemma in lemmas:
                    rel_type = self.lexicon.phrasal.get((lemma, child.lower_))
                    if rel_type:
                        return rel_type
        return next((self.lexicon.verbs[x] for x in lemmas if x in self.lexicon.verbs), None)

    def _verb_cue(self, verb: Token) -> tuple[str, str] | None:
        """The type a verb cues and the modality it states it in; None if it cues none or
        is negated."""
        rel_type = self._verb_type(verb)
        modality = modality_of(verb, self.lexicon) if rel_type else None
        return (rel_type, modality) if rel_type and modality else None

    def _verb_claims(self, verb: Token) -> Iterator[Claim]:
        cue = self._verb_cue(verb)
        if cue is None:
            return
        rel_type, modality = cue
        preps = self.lexicon.verb_preps.get(rel_type, frozenset()) | self.lexicon.object_preps
        passive = [c for c in verb.children if c.dep_ in ("nsubjpass", "auxpass")]
        by_agent = any(c.dep_ == "agent" for c in verb.children)
        own_subject = any(c.dep_ == "nsubj" for c in verb.children)
        if (
            verb.dep_ == "advcl"
            and verb.tag_ == "VBN"
            and by_agent
            and not (passive or own_subject)
        ):
            # "Set up by Lei Jun in 2010, Xiaomi ...": a fronted participle describes the subject
            objects = [i for t in subject_tokens(verb.head) for i in self.index.at(t)]
            subjects = [i for t in agent_tokens(verb) for i in self.index.at(t)]
            rule = "fronted"
        elif verb.dep_ == "acl" and (verb.tag_ == "VBN" or by_agent) and not passive:
            # "QQ Music, an app run by Tencent", "one of the platforms told by the CAC to ..."
            objects = self._described_mentions(verb.head)
            subjects = [i for t in agent_tokens(verb) for i in self.index.at(t)]
            rule = "participle"
        elif by_agent and verb.tag_ == "VBN" and verb.dep_ in ("acomp", "oprd"):
            # "Lufax is majority-owned by Ping An", "X remains controlled by Y": a participle
            # after a copula says what its agent does to the copula's subject
            objects = [i for t in subject_tokens(verb.head) for i in self.index.at(t)]
            subjects = [i for t in agent_tokens(verb) for i in self.index.at(t)]
            rule = "predicative"
        elif passive:
            objects = [
                i
                for c in verb.children
                if c.dep_ == "nsubjpass"
                for i in self.index.at(c, through_possessor=True)
            ]
            if not objects and verb.dep_ == "xcomp":
                # "X's app was ordered to be removed by the CAC": the passive subject of the
                # verb that governs the infinitive undergoes it
                objects = [
                    i
                    for c in verb.head.children
                    if c.dep_ == "nsubjpass"
                    for i in self.index.at(c, through_possessor=True)
                ]
            if not objects and by_agent:
                # "Huya remains controlled by Tencent": the parse may hang the subject on the
                # auxiliary
                held = [verb, *(c for c in verb.children if c.dep_ == "auxpass")]
                objects = [i for h in held for t in subject_tokens(h) for i in self.index.at(t)]
            subjects = [i for t in passive_agents(verb) for i in self.index.at(t)]
            rule = "passive"
            if not subjects:
                subjects = self._source_of(verb) or self._speakers(verb.sent)
                rule = "passive-reported"
            if not subjects and self.ontology.relation(rel_type).regulatory:
                subjects = self._implicit_regulator(verb)
                rule = "passive-implicit"
        elif by_agent and own_subject and verb.tag_ in ("VBN", "VBD"):
            # "fine A, B owned by e-commerce giant C, and D": a participle the parse gave a
            # subject of its own; that subject is what it describes, and the name after a role
            # noun in the agent phrase may hang on the verb as an object
            objects = [i for t in subject_tokens(verb) for i in self.index.at(t)]
            subjects = [i for t in agent_tokens(verb) for i in self.index.at(t)]
            agent = next(c for c in verb.children if c.dep_ == "agent")
            subjects = subjects or [
                i
                for c in verb.children
                if c.dep_ == "dobj" and c.i > agent.i
                for i in self.index.at(c)
            ]
            rule = "by-agent"
        else:
            subjects = [i for t in subject_tokens(verb) for i in self.index.at(t)]
            object_tokens = direct_objects(verb)
            object_tokens += prep_objects(verb, preps)
            for prt in (c for c in verb.children if c.dep_ in ("prt", "advmod")):
                object_tokens += prep_objects(prt, preps)
            # "halted Xiaomi's bond sale" acts on Xiaomi; "chaired a meeting of X" holds no
            # position at X
            through = rel_type != "HOLDS_POSITION"
            objects = [
                i for t in object_tokens for i in self.index.at(t, through_possessor=through)
            ]
            if not objects and rel_type == "ORDERED":
                # "demanded that Alibaba end its exclusive deals": who must act is ordered
                objects = [i for t in _clause_subjects(verb) for i in self.index.at(t)]
            if objects:
                objects += [i for t in listed_with(verb) for i in self.index.at(t)]
            rule = "active"
            ordered = [i for t in verb.head.children if t.dep_ == "dobj" for i in self.index.at(t)]
            if self._ordered_to(verb) and self._same_entities(objects, ordered):
                # "ordered Didi to stop signing up users", "ordered Weibo to suspend its
                # feature": what is halted is the one ordered, by whoever ordered it
                objects = ordered
                subjects = [i for t in subject_tokens(verb.head) for i in self.index.at(t)]
                rule = "ordered-to"
            if not subjects and self.ontology.relation(rel_type).regulatory:
                # "Regulators fined X, SAMR said": an unnamed authority acts for the source
                subjects = self._source_of(verb) or self._speakers(verb.sent)
                rule = "active-reported"
            speaker = reported_by(verb, self.lexicon.reporting)
            if rel_type in self.lexicon.stances and speaker is not None:
                # "Li said the country must embrace dual circulation": the speaker's stance
                subjects += [i for t in subject_tokens(speaker) for i in self.index.at(t)]
        if rel_type == "ISSUED":
            objects += [
                i for t in prep_objects(verb, frozenset({"on", "about"})) for i in self.index.at(t)
            ]
        props = self._properties(rel_type, verb.sent)
        backers, backed = self._backing(rel_type, verb, subjects, objects)
        if backed:
            method = f"{verb.lemma_.lower()}:{rule}"
            yield from self._pairs(backers, backed, "OWNS", verb.sent, "verb", method, modality, {})
            objects = [i for i in objects if i not in backed]
        yield from self._pairs(
            subjects,
            objects,
            rel_type,
            verb.sent,
            "verb",
            f"{verb.lemma_.lower()}:{rule}",
            modality,
            props,
        )
        if rel_type == "ORDERED" and any(
            c.dep_ in ("prep", "prt", "advmod") and c.lower_ in self.lexicon.removal_particles
            for c in verb.children
        ):
            # "ordered the app off the stores": what is ordered off is suspended
            yield from self._pairs(
                subjects,
                objects,
                "SUSPENDED",
                verb.sent,
                "verb",
                f"{verb.lemma_}:off",
                modality,
                {},
            )

    def _implicit_regulator(self, verb: Token) -> list[int]:
        """The regulator an agentless regulatory act is by: the last one named before VERB, in
        its sentence or the few before it."""
        here = sentence_number(verb)
        window = self.lexicon.implicit_agent_window
        for index in range(len(self.mentions) - 1, -1, -1):
            mention = self.mentions[index]
            if mention.start >= verb.i or mention.label != "Regulator":
                continue
            return [index] if here - mention.sentence <= window else []
        return []

    def _described_mentions(self, noun: Token) -> list[int]:
        """The mentions a participle's noun stands for. A common noun in apposition ('X, a
        platform owned by Y') stands for X alone, not for what the parser listed after it."""
        if noun.i not in self.index.by_token and noun.dep_ == "appos":
            # the name just before the apposition's comma, wherever the parser hung it
            before = noun.left_edge.i - 1
            if before > 0 and self.doc[before].text == ",":
                named = self.index.by_token.get(before - 1)
            else:
                named = self.index.by_token.get(noun.head.i)
            return [] if named is None else [named]
        return [i for t in described_by(noun) for i in self.index.at(t)]

    def _same_entities(self, found: list[int], ordered: list[int]) -> bool:
        """Whether FOUND (none, or 'its' pointing back) names only those ORDERED."""
        named = {self._entity_key(i) for i in ordered}
        return all(self._entity_key(i) in named for i in found)

    def _entity_key(self, index: int) -> str:
        mention = self.mentions[index]
        return mention.gazetteer_id or (mention.alias_of or mention.text).lower()

    def _backing(
        self, rel_type: str, verb: Token, subjects: list[int], objects: list[int]
    ) -> tuple[list[int], list[int]]:
        """The firms that back other firms, and those they back ("Ele.me, backed by Alibaba"):
        they invest in them, as in "Alibaba-backed Ele.me"; backing a policy stays support."""
        if rel_type != "SUPPORTED" or verb.lemma_.lower() not in self.lexicon.owner_participles:
            return [], []
        backers = [i for i in subjects if self.mentions[i].label == "Company"]
        backed = [i for i in objects if self.mentions[i].label in FIRMS]
        return (backers, backed) if backers else ([], [])

    def _ordered_to(self, verb: Token) -> bool:
        """Whether VERB is what another verb orders its object to do."""
        if verb.dep_ != "xcomp" or verb.head is verb:
            return False
        cue = self._verb_cue(verb.head)
        return cue is not None and cue[0] == "ORDERED"

    def _noun_claims(self, noun: Token) -> Iterator[Claim]:
        rel_type = self.lexicon.nouns.get(noun.lemma_.lower())
        if rel_type is None or any(
            c.dep_ == "det" and c.lower_ in self.lexicon.negations for c in noun.children
        ):
            return  # "no fine", "no control over"
        if noun.dep_ == "pobj" and noun.head.lower_ in self.lexicon.under_preps:
            yield from self._placed_under_claims(noun, rel_type)
            return
        objects = [
            i
            for t in prep_objects(noun, self.lexicon.noun_preps[rel_type])
            for i in self.index.at(t, through_possessor=True)
        ]
        objects += [i for c in noun.children if c.dep_ == "compound" for i in self.index.at(c)]
        if not objects and noun.dep_ == "nsubj":
            objects = [i for t in _clause_objects(noun.head) for i in self.index.at(t)]
        subjects = [i for c in noun.children if c.dep_ == "poss" for i in self.index.at(c)]
        subjects += [
            i for t in prep_objects(noun, self.lexicon.noun_agent_preps) for i in self.index.at(t)
        ]
        subjects += [i for t in agent_tokens(noun) for i in self.index.at(t)]
        for about in (c for c in noun.children if c.dep_ == "acl" and c.tag_ == "VBG"):
            if about.lemma_.lower() in self.lexicon.object_participles:
                objects += [i for t in direct_objects(about) for i in self.index.at(t)]
        for participle in (c for c in noun.children if c.dep_ == "acl" and c.tag_ == "VBN"):
            # "a penalty of 90 million yuan imposed on Kuaishou", "the probe launched by X"
            objects += [
                i
                for t in prep_objects(participle, self.lexicon.noun_preps[rel_type])
                for i in self.index.at(t)
            ]
            subjects += [i for t in agent_tokens(participle) for i in self.index.at(t)]
        modality: str | None = "asserted"
        verb = governing_verb(noun.head if _after_a_sum(noun) and noun.dep_ == "amod" else noun)
        if verb is not None and rel_type == "FINED" and verb.lemma_ in self.lexicon.paying:
            yield from self._paid_claims(noun, verb)
            return
        if verb is not None and _giving_up(verb, self.lexicon.relinquishing):
            return  # "would give up control of the firm", "sold its stake in X"
        if verb is not None and verb.lemma_ in self.lexicon.receiving:
            # "Kanzhun received a warning from the CAC": the receiver is acted on
            modality = modality_of(verb, self.lexicon)
            objects = objects or [i for t in subject_tokens(verb) for i in self.index.at(t)]
            givers = prep_objects(verb, self.lexicon.noun_agent_preps)
            subjects = subjects or [i for t in givers for i in self.index.at(t)]
            subjects = subjects or self._source_of(verb) or self._speakers(noun.sent)
            verb = None
        if not subjects and verb is not None:
            modality = modality_of(verb, self.lexicon)
            subjects = [i for t in subject_tokens(verb) for i in self.index.at(t)]
            subjects += [i for t in agent_tokens(verb) for i in self.index.at(t)]
        if verb is not None:
            if not objects:
                # "pressure on Alibaba with a probe": the object may hang on the verb's object
                holders = [verb, *(c for c in verb.children if c.dep_ == "dobj" and c != noun)]
                objects = [
                    i
                    for h in holders
                    for t in prep_objects(h, self.lexicon.noun_preps[rel_type])
                    for i in self.index.at(t)
                ]
            if not objects:
                # "handed Kuaishou a penalty", "slapped Meituan with a fine", "Didi was hit
                # with a fine": the verb's other object, or its passive subject, receives it
                receivers = [c for c in verb.children if c.dep_ in ("dative", "dobj", "nsubjpass")]
                # "handed penalties to Kuaishou": a dative preposition's object receives it
                receivers += [
                    p for c in receivers if c.pos_ == "ADP" for p in c.children if p.dep_ == "pobj"
                ]
                objects = [
                    i
                    for c in receivers
                    if c != noun
                    for i in self.index.at(c, through_possessor=True)
                ]
            if objects:
                objects += [i for t in listed_with(verb) for i in self.index.at(t)]
        if modality is None:
            return
        props = self._properties(rel_type, noun.sent)
        yield from self._pairs(
            subjects, objects, rel_type, noun.sent, "noun", noun.lemma_, modality, props
        )

    def _paid_claims(self, noun: Token, verb: Token) -> Iterator[Claim]:
        """'SAMR ordered X to pay a fine', 'X was required to pay a penalty, SAMR said': the
        payer is fined, by whoever made it pay or reports it."""
        head = verb.head if verb.dep_ == "xcomp" else None
        ordered = [c for c in head.children if c.dep_ == "dobj"] if head is not None else []
        passive = [c for c in head.children if c.dep_ == "nsubjpass"] if head is not None else []
        if head is not None and ordered:
            payers, actors = ordered, subject_tokens(head)
        elif head is not None and passive:
            payers, actors = passive, passive_agents(head)
        else:
            payers, actors = subject_tokens(verb), []
        subjects = [i for t in actors for i in self.index.at(t)]
        subjects = subjects or self._source_of(head or verb) or self._speakers(noun.sent)
        objects = [i for t in payers for i in self.index.at(t)]
        modality = modality_of(verb, self.lexicon)
        if modality is None:
            return
        props = self._properties("FINED", noun.sent)
        yield from self._pairs(
            subjects, objects, "FINED", noun.sent, "noun", f"{noun.lemma_}:paid", modality, props
        )

    def _placed_under_claims(self, noun: Token, rel_type: str) -> Iterator[Claim]:
        """'Meituan falls under the oversight of the CBIRC', 'X is under investigation by the
        CSRC': the noun's 'of', 'by' or 'from' (or possessor) acts on whoever the verb places
        under it."""
        actors = prep_objects(noun, frozenset({"of"}) | self.lexicon.noun_agent_preps)
        actors += [c for c in noun.children if c.dep_ == "poss"]
        verb = noun.head.head
        if verb.pos_ not in ("VERB", "AUX"):
            return
        # the parse may hang the actor on the verb: "came under scrutiny from the SAMR"
        actors = actors or prep_objects(verb, self.lexicon.noun_agent_preps)
        subjects = [i for t in actors for i in self.index.at(t)]
        placed = [c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")]
        placed = placed or subject_tokens(verb)
        objects = [i for t in placed for i in self.index.at(t)]
        modality = modality_of(verb, self.lexicon)
        if modality is None:
            return
        yield from self._pairs(
            subjects, objects, rel_type, noun.sent, "noun", f"{noun.lemma_}:under", modality, {}
        )

    def _properties(self, rel_type: str, sent: Span) -> dict[str, object]:
        if rel_type != "FINED":
            return {}
        return stated_sum([sent])


def _giving_up(verb: Token, relinquishing: frozenset[str]) -> bool:
    """Whether VERB lets go of what its object names ('give up', 'sell', 'relinquish')."""
    particles = [c.lower_ for c in verb.children if c.dep_ == "prt"]
    lemma = verb.lemma_.lower()
    return lemma in relinquishing or any(f"{lemma} {p}" in relinquishing for p in particles)


def _after_a_sum(token: Token) -> bool:
    """'an 8 billion yuan fine': the tagger reads the noun after a sum as its adjective,
    hung on the sum or, with the sum hung on it, on the verb."""
    return _follows_a_sum(token_table(token.doc), token.i)


def _follows_a_sum(table: TokenTable, i: int) -> bool:
    """_after_a_sum of the token at I."""
    head = table.heads[i]
    if table.deps[i] == "amod" and table.ents[head] == "MONEY" and i > head:
        return True
    return (
        table.pos[i] == "ADJ"
        and i > 0
        and table.ents[i - 1] == "MONEY"
        and table.heads[i - 1] == i
        and table.ents[i] != "MONEY"
    )


def _by_participle(token: Token) -> bool:
    """'an app run by X': a word with a 'by' agent that describes a noun is a participle,
    whatever part of speech the tagger gave it."""
    return token.dep_ == "acl" and any(c.dep_ == "agent" for c in token.children)


def direct_objects(verb: Token) -> list[Token]:
    """A verb's objects, with two shapes the parser splits: the receiver of a sum ('fined
    Alipay 2 million yuan' read as one noun phrase, the name a modifier of the sum) and the
    object two coordinated verbs share ('warned and fined Alipay': the first verb has none)."""
    found = [c for c in verb.children if c.dep_ in ("dobj", "dative")]
    if not found:
        shared = (c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB")
        for later in shared:
            if not any(x.dep_ in ("nsubj", "nsubjpass") for x in later.children):
                found = [c for c in later.children if c.dep_ in ("dobj", "dative")]
                break
    # the sum may hang on the verb as an adverbial ("fined search giant X 2 billion yuan")
    sums = [t for t in found if is_sum(t)]
    sums += [c for c in verb.children if c.dep_ == "npadvmod" and is_sum(c)]
    for sum_ in sums:
        found += receivers_of_sum(sum_)
    return found


def _clause_subjects(verb: Token) -> list[Token]:
    """The subjects of a that-clause a verb takes ('demanded that X end ...')."""
    return [
        s
        for clause in verb.children
        if clause.dep_ == "ccomp" and any(c.lower_ == "that" for c in clause.children)
        for s in clause.children
        if s.dep_ in ("nsubj", "nsubjpass")
    ]


def _clause_objects(verb: Token) -> list[Token]:
    """What an action noun as subject acts on: 'the campaign hit Kuaishou', 'the requests
    include that Xiaomi be open about fees'."""
    found = [c for c in verb.children if c.dep_ in ("dobj", "dative")]
    for clause in (c for c in verb.children if c.dep_ == "ccomp"):
        found += [c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")]
    return found


def governing_verb(noun: Token) -> Token | None:
    """The verb whose object an action noun is: 'opened a probe', 'called for oversight',
    'stepped up actions, including a fine'."""
    head = noun
    for _ in range(3):
        if head.dep_ in ("dobj", "nsubjpass") and head.head.pos_ == "VERB":
            return head.head
        if head.dep_ == "advmod" and head.head.pos_ == "VERB" and _after_a_sum(head):
            return head.head  # "slapping a 3 billion yuan fine on X", the noun read as adverb
        if head.dep_ == "pobj" and head.head.head.pos_ == "VERB" and head.head.lower_ == "for":
            return head.head.head  # "called for deeper oversight"
        if head.dep_ == "pobj" and head.head.lower_ == "with":
            # "raised pressure on Tencent with a review", the parse hanging 'with' on
            # the verb or on its object
            attached = head.head.head
            if attached.dep_ == "dobj":
                attached = attached.head
            return attached if attached.pos_ == "VERB" else None
        if head.dep_ == "pobj" and head.head.lower_ in ("including", "like"):
            head = head.head.head  # the listing noun
            continue
        if head.dep_ == "pobj" and head.head.lower_ == "of":
            container = head.head.head  # "gave X a number of warnings"
            if container.lemma_.lower() in description_rules().containers:
                head = container
                continue
        return None
    return None


def described_by(noun: Token) -> list[Token]:
    """What a noun with a participle stands for: itself, the name it is apposed to, or
    the subject of 'X was one of the firms ...' and 'X was among the firms ...'."""
    found = [noun]
    if noun.dep_ == "appos":
        found.append(noun.head)
    if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lower_ == "one":
        one = noun.head.head
        if one.dep_ == "attr":
            found += subject_tokens(one.head)
    if noun.dep_ == "pobj" and noun.head.lower_ == "among" and noun.head.head.lemma_ == "be":
        found += subject_tokens(noun.head.head)
    return found


def find_claims(doc: Doc, mentions: list[Mention]) -> list[Claim]:
    """Every relationship claim the rules find in a parsed Doc."""
    return RelationFinder(doc, mentions).claims()
