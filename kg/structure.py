"""Structural rules: possessives ('Tencent's QQ'), organ hierarchies ('X under the Y') and
restructurings ('Baidu will divide into four units: A, B, C and D')."""

from __future__ import annotations

from collections.abc import Iterator

from kg.model import METONYMY, Claim
from kg.rulebase import NESTED, RuleBase, prep_objects, subject_tokens


class StructureRules(RuleBase):
    """Ownership and PART_OF from the shape of names and possessives."""

    def _possessive_claims(self) -> Iterator[Claim]:
        """'Tencent's QQ' -> OWNS; 'the State Council's NRTA' -> NRTA PART_OF the State Council."""
        for index, mention in enumerate(self.mentions):
            if mention.method == NESTED:
                continue
            root = self.doc[mention.start : mention.end].root
            for child in (c for t in self.doc[mention.start : mention.end] for c in t.children):
                owner = self.index.by_token.get(child.i)
                if child.dep_ != "poss" or owner is None or owner == index:
                    continue
                if self.mentions[owner].method == METONYMY:
                    continue  # "China's central bank": a nationality, not an owner
                if self._other_role_between(owner, index):
                    continue  # "its rival X", "Ant's chairman X": the role names the relation
                both = (self.mentions[owner].label, mention.label)
                if both == ("Regulator", "Regulator"):
                    claim = self._claim(index, "PART_OF", owner, root.sent, "possessive", "poss")
                else:
                    claim = self._claim(owner, "OWNS", index, root.sent, "possessive", "poss")
                if claim:
                    yield claim

    def _other_role_between(self, owner: int, index: int) -> bool:
        """Whether a role word between a possessor and a name names another relation."""
        first, second = sorted((self.mentions[owner], self.mentions[index]), key=lambda m: m.start)
        roles = self.lexicon.roles
        return any(
            roles.get(token.lemma_.lower(), "OWNS").replace("_REVERSED", "") != "OWNS"
            for token in self.doc[first.end : second.start]
        )

    def _hierarchy_claims(self) -> Iterator[Claim]:
        """'General Office of the State Council' and 'X, a bureau that reports under the Y'."""
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
            subjects = [i for t in subject_tokens(head) for i in self.index.at(t)]
            for subject in subjects:
                claim = self._claim(subject, "PART_OF", index, sent, "role", "under")
                if claim:
                    yield claim

    def _restructuring_claims(self) -> Iterator[Claim]:
        """'The group will divide its operations into four units: A, B, C and D' and
        'the restructuring of Baidu into ...': each unit named after 'into' is owned."""
        for token in self.doc:
            if token.lemma_.lower() not in self.lexicon.restructuring:
                continue
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
