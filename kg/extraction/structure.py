"""Structural rules: possessives ('Tencent's QQ'), hyphenated owners ('Tencent-backed X'),
organ hierarchies ('X under the Y') and restructurings ('Baidu will divide into four units: A,
B, C and D')."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from kg.extraction.groups import is_group
from kg.extraction.rulebase import (
    NESTED,
    OWNER_COMPOUND,
    RuleBase,
    coordinated,
    names_a_holding,
    prep_objects,
    subject_tokens,
)
from kg.extraction.token_table import token_table
from kg.model import METONYMY, Claim
from kg.rule_files import limits

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

    from kg.model import Mention


LIST_OPENERS = frozenset({"—", "–", ":", "-"})  # "companies — A, B and C"
LINKS = frozenset({"HYPH", "RP"})  # the pieces of "start-up" between a participle and its name


class StructureRules(RuleBase):
    """Ownership and PART_OF from the shape of names and possessives."""

    def _possessive_claims(self) -> Iterator[Claim]:
        """'Tencent's QQ' -> OWNS; 'the State Council's NRTA' -> NRTA PART_OF the State Council;
        'Pinduoduo's Colin Huang' -> HOLDS_POSITION."""
        for owner, index in self._possessed():
            mention = self.mentions[index]
            sent = self.doc[mention.start].sent
            if self.mentions[owner].method == METONYMY:
                continue  # "China's central bank": a nationality, not an owner
            if self._other_role_between(owner, index):
                continue  # "its rival X", "Ant's chairman X": the role names the relation
            if self._name_between(owner, index):
                continue  # "A's X or B's Y" misparsed: a possessor owns the next name only
            label = self.mentions[index].label
            listed = [
                i for i in self.index.lists.get(index, [index]) if self.mentions[i].label == label
            ]
            # "Alibaba's Taobao and Tmall": the possessor has the whole list it opens, unless it
            # is itself an item of a list of possessives ("A's X, B's Y and Z")
            opens = listed[0] == index and not self._after_a_separator(owner)
            for possessed in listed if opens else [index]:
                claim = self._possessive_claim(owner, possessed, sent)
                if claim:
                    yield claim

    def _after_a_separator(self, index: int) -> bool:
        start = self.mentions[index].start
        return start > 0 and self.doc[start - 1].lower_ in (",", "and", "or")

    def _possessive_claim(self, owner: int, index: int, sent: Span) -> Claim | None:
        label = self.mentions[index].label
        if (self.mentions[owner].label, label) == ("Regulator", "Regulator"):
            return self._claim(index, "PART_OF", owner, sent, "possessive", "poss")
        if label == "Person":  # "Pinduoduo's Colin Huang": someone of the firm
            return self._claim(index, "HOLDS_POSITION", owner, sent, "possessive", "poss")
        if (self.mentions[owner].label, label) == ("Regulator", "Policy"):
            # "the CSRC's new listing rules": a regulator's rules are the rules it issued
            return self._claim(owner, "ISSUED", index, sent, "possessive", "poss")
        if (self.mentions[owner].label, label) == ("Regulator", "Product"):
            # "the PBoC's digital yuan": the state runs what it has, it holds no shares in it
            return self._claim(owner, "OPERATES", index, sent, "possessive", "poss")
        return self._claim(owner, "OWNS", index, sent, "possessive", "poss")

    def _possessed(self) -> list[tuple[int, int]]:
        """(possessor, possessed) mention pairs: by the parse, and by the surface where a name
        with 's is followed by another within a few lower-case words ('Ant's payment app X')."""
        pairs: list[tuple[int, int]] = []
        for index, mention in enumerate(self.mentions):
            if mention.method == NESTED:
                continue
            for child in (c for t in self._possessable(mention) for c in t.children):
                owner = self.index.by_token.get(child.i)
                if child.dep_ == "poss" and owner is not None and owner != index:
                    pairs.append((owner, index))
        for owner, mention in enumerate(self.mentions):
            after = mention.end
            if mention.method == NESTED or after >= len(self.doc):
                continue
            if self.doc[after].tag_ != "POS" and self.doc[after].lower_ not in ("'s", "’s"):
                continue
            for position in range(
                after + 1, min(after + 1 + limits().possessed_within, len(self.doc))
            ):
                possessed = self.index.by_token.get(position)
                if possessed is not None:
                    if (owner, possessed) not in pairs and possessed != owner:
                        pairs.append((owner, possessed))
                    break
                word = self.doc[position]
                if not word.is_lower or not word.is_alpha or word.pos_ == "CCONJ":
                    break  # "A's app and B": B is not A's
        return pairs

    def _possessable(self, mention: Mention) -> list[Token]:
        """The tokens of a name, and the noun for a holding it names ('its Ele.me platform':
        the possessive hangs on 'platform'; 'its WeChat account' is not WeChat)."""
        tokens = list(self.doc[mention.start : mention.end])
        root = self.doc[mention.start : mention.end].root
        head = root.head
        if (
            root.dep_ in ("compound", "nmod")
            and head.i >= mention.end
            and head.pos_ == "NOUN"
            and head.i not in self.index.by_token
            and names_a_holding(head)
        ):
            tokens.append(head)
        return tokens

    def _between(self, owner: int, index: int) -> range:
        """The tokens between a possessor and the name it is said to have, in text order."""
        first, second = sorted((self.mentions[owner], self.mentions[index]), key=lambda m: m.start)
        return range(first.end, second.start)

    def _other_role_between(self, owner: int, index: int) -> bool:
        """Whether a role word between a possessor and a name names another relation."""
        roles = self.lexicon.roles
        # a holding ('its payment app X') keeps the possessor's ownership; an owner's role
        # ('Ant's parent Alibaba') turns it round, and the role rule reads it
        return any(
            roles.get(self.doc[i].lemma_.lower(), "OWNS_REVERSED") != "OWNS_REVERSED"
            for i in self._between(owner, index)
        )

    def _name_between(self, owner: int, index: int) -> bool:
        return any(i in self.index.by_token for i in self._between(owner, index))

    def _hierarchy_claims(self) -> Iterator[Claim]:
        """'General Office of the State Council' and 'X, a bureau that reports under the Y'."""
        for index, mention in enumerate(self.mentions):
            sent = self.doc[mention.start].sent
            if mention.method == NESTED:
                container = self.index.by_token.get(mention.start)
                if container is None or self.mentions[container].label == "Product":
                    continue  # "Quillfeed Maps" is Quillfeed's, as OWNS or OPERATES: unsaid
                claim = self._claim(container, "PART_OF", index, sent, "name", "nested")
                if claim:
                    yield claim
                continue
            root = self.doc[mention.start : mention.end].root
            under = root.head
            if under.lower_ not in self.lexicon.under_preps or root.dep_ != "pobj":
                continue
            for subject in self._placed_under(under):
                both = (self.mentions[subject].label, mention.label)
                if both == ("Regulator", "Regulator"):
                    claim = self._claim(subject, "PART_OF", index, sent, "role", "under")
                elif mention.label == "Company":  # "WeChat under Tencent": the firm above owns it
                    claim = self._claim(index, "OWNS", subject, sent, "role", "under")
                else:
                    continue
                if claim:
                    yield claim

    def _placed_under(self, under: Token) -> list[int]:
        """What 'under' places below: the name it follows ('WeChat under Tencent', 'a
        platform under Didi' in apposition to a name), or the subject of the verb it follows
        ('X, a bureau that reports under the Y')."""
        position = under.i - 1
        while position > 0 and self.doc[position].pos_ == "ADV":
            position -= 1  # "directly under", "also under"
        if position > 0 and self.doc[position].text == ",":
            position -= 1  # "the NFRA, directly under the State Council,"
        before = self.index.by_token.get(position)
        if before is not None:  # the parser often hangs the phrase on the verb instead
            return [before]
        head = under.head
        if head.pos_ in ("NOUN", "PROPN"):
            found = self.index.at(head)
            if not found and head.dep_ == "appos":
                found = self.index.at(head.head)
            if not found:  # "the Youku app under Alibaba"
                found = self.index.carried(head)
            if found:
                return found
        while head.dep_ not in ("ROOT", "relcl") and head.head is not head and head.pos_ != "VERB":
            head = head.head
        return [i for t in subject_tokens(head) for i in self.index.at(t)]

    def _owner_compound_claims(self) -> Iterator[Claim]:
        """'Tencent-backed Kuaishou', 'the Quillfeed-owned app X': a hyphenated participle of
        ownership after a name makes that name the owner of what the participle describes."""
        named = self.index.by_token
        for i, dep in enumerate(token_table(self.doc).deps):
            if dep != "npadvmod" or i not in named:
                continue
            token = self.doc[i]
            participle = token.head
            hyphen = participle.i - 1 == token.i + 1 and self.doc[token.i + 1].tag_ == "HYPH"
            if not hyphen or participle.lemma_.lower() not in self.lexicon.owner_participles:
                continue
            # the name right after the participle, across its modifiers, wherever the parse
            # hung the participle ("X-backed start-up Y" in a list of names)
            described = self._next_named(participle)
            if described.i == participle.i:
                described = participle.head
                while (
                    described.dep_ in ("compound", "amod")
                    and described.i not in self.index.by_token
                ):
                    described = described.head
            if described.i < participle.i:
                continue  # the parse hung the participle on a word before it
            owned = self.index.by_token.get(described.i)  # not the names listed with it
            members = [owned] if owned is not None else self._group_members(described)
            owner = self.index.by_token[token.i]
            rule = f"{participle.lemma_}{OWNER_COMPOUND}"
            for member in members:
                claim = self._claim(owner, "OWNS", member, token.sent, "possessive", rule)
                if claim:
                    yield claim

    def _group_members(self, group: Token) -> list[int]:
        """The names a group noun lists ('Tencent-backed firms such as A and B', '... companies
        — A, B and C'); none for a noun that is no group of firms."""
        if not is_group(group, self.index.by_token):
            return []
        listed = [i for t in coordinated(group)[1:] for i in self.index.at(t)]
        after = group.i + 2
        if listed or after >= len(self.doc) or self.doc[group.i + 1].text not in LIST_OPENERS:
            return listed
        # "companies — A, B and C": however the parse hung the list, it follows the dash
        first = self.index.by_token.get(after)
        return [] if first is None else self.index.lists.get(first, [first])

    def _next_named(self, token: Token, window: int = 4) -> Token:
        """The first named token after TOKEN across modifiers only ('-backed video app X'),
        else TOKEN itself."""
        for following in self.doc[token.i + 1 : token.i + 1 + window]:
            if following.i in self.index.by_token:
                return following
            if following.pos_ not in ("ADJ", "NOUN", "NUM") and following.tag_ not in LINKS:
                break
        return token

    def _restructuring_claims(self) -> Iterator[Claim]:
        """'The group will divide its operations into four units: A, B, C and D' and
        'the restructuring of Baidu into ...': each unit named after 'into' is owned."""
        table = token_table(self.doc)
        for i, lemma in enumerate(table.lemmas):
            if lemma not in self.lexicon.restructuring:
                continue
            token = self.doc[i]
            into = next(
                (c for c in token.children if c.dep_ == "prep" and c.lower_ == "into"), None
            )
            if into is None:
                continue
            if token.pos_ == "VERB":
                owners = [i for t in subject_tokens(token) for i in self.index.at(t)]
            else:
                of_objects = prep_objects(token, frozenset({"of"}))
                owners = [i for t in of_objects for i in self.index.at(t, through_possessor=True)]
            sent = token.sent
            units = [
                i
                for i, m in enumerate(self.mentions)
                if into.i < m.start < sent.end and m.method != NESTED
            ]
            for owner in owners:
                for unit in units:
                    claim = self._claim(owner, "OWNS", unit, sent, "role", "split-into")
                    if claim:
                        yield claim
