"""Role rules: 'Meituan founder Wang Xing', 'Wang Xing, Meituan's founder', 'Li is head of X'."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from kg.extraction.rulebase import (
    COPULAS,
    RuleBase,
    agent_tokens,
    names_a_holding,
    prep_objects,
    subject_tokens,
)
from kg.extraction.token_table import token_table
from kg.model import Claim

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

_ROLE_MODIFIERS = (
    r"(?:(?:former|then|current|executive|deputy|acting|new|its|the|a|an"
    r"|financial|fintech|online|payment|largest|biggest|main|top)\b\s*|(?:ex|co)\s*-\s*)*"
)
# "group chief executive", "e-commerce website"; never a conjunction: "A and online platform B"
# lists two names
_FREE_WORDS = r"(?:(?!(?:and|or|but)\s)[a-z-]+\s+){0,3}?"


class RoleRules(RuleBase):
    """Titles, appositions and copulas naming a role that holds, founds or owns."""

    def _role_claims(self, sent: Span) -> Iterator[Claim]:
        """'Meituan founder Wang Xing', 'Wang Xing, Meituan's founder', 'Pan, head of the NFRA'."""
        inside = [i for i, m in enumerate(self.mentions) if sent.start <= m.start < sent.end]
        role = self.lexicon.role_pattern.pattern
        # two titles may share the name: "Meituan chairman and chief executive Wang Xing"
        before_holder = re.compile(
            rf"^(?:['’]s\s+)?{_ROLE_MODIFIERS}{_FREE_WORDS}(?P<role>{role})"
            rf"(?:\s*(?:,|and|&)\s*{_ROLE_MODIFIERS}(?P<second>{role}))?(?:\s*,|\s+(?:is|was))?$",
            re.I,
        )
        role_of_before = re.compile(rf"(?P<role>{role})\s+(?:of|at)(?:\s+the)?$", re.I)
        parenthesis = re.compile(r"^(?:\(\s*[\w.&-]+\s*\))?\s*,?$")
        apposed = re.compile(rf"^,\s*{_ROLE_MODIFIERS}$", re.I)
        after_org = re.compile(
            rf"^(?:['’]s\s+)?{_ROLE_MODIFIERS}{_FREE_WORDS}(?P<role>{role})\b", re.I
        )
        role_of = re.compile(  # two roles may share the 'of': "chief executive and founder of"
            rf"^,\s*{_ROLE_MODIFIERS}(?P<role>{role})(?:\s*(?:,|and|&)\s*{_ROLE_MODIFIERS}"
            rf"(?P<second>{role}))?\s+(?:of|at|with|within|from)(?:\s+the)?(?:\s+[a-z-]+){{0,2}}$",
            re.I,
        )
        for a_pos, a in enumerate(inside):
            for b in inside[a_pos + 1 :]:
                first, second = self.mentions[a], self.mentions[b]
                if second.start - first.end > 8:
                    break
                gap = self._text(first.end, second.start)
                prefix = self._text(max(sent.start, first.start - 5), first.start)
                if (match := before_holder.match(gap)) and not self._possessor_next(b):
                    # ORG founder PERSON; not "A's app, B's site": a list of possessives
                    yield from self._role(b, a, match.group("role"), gap, sent)
                    if match.group("second"):
                        yield from self._role(b, a, match.group("second"), gap, sent)
                    yield from self._listed_titles(a, b, inside, sent)
                elif parenthesis.match(gap) and (match := role_of_before.search(prefix)):
                    # Governor of the PBoC (PBOC) Pan Gongsheng
                    yield from self._role(b, a, match.group("role"), prefix, sent)
                elif match := role_of.match(gap):  # PERSON, founder of ORG
                    yield from self._role(a, b, match.group("role"), gap, sent)
                    if match.group("second"):
                        yield from self._role(a, b, match.group("second"), gap, sent)
                elif apposed.match(gap):  # PERSON, ORG's founder
                    tail = self._text(second.end, min(second.end + 5, sent.end))
                    match = after_org.match(tail)
                    if match and not self._role_names_next(second.end, match.group("role")):
                        yield from self._role(a, b, match.group("role"), gap, sent)

    def _listed_titles(
        self, org: int, person: int, inside: list[int], sent: Span
    ) -> Iterator[Claim]:
        """'Alibaba chairman Joe Tsai and chief executive Eddie Wu': titled people listed after
        the first hold their titles at the same organisation."""
        role = self.lexicon.role_pattern.pattern
        titled = re.compile(
            rf"^(?:,|and|,\s*and)\s+{_ROLE_MODIFIERS}{_FREE_WORDS}(?P<role>{role})$", re.I
        )
        following = [i for i in inside if self.mentions[i].start >= self.mentions[person].end]
        for after in following:
            if self.mentions[after].label != "Person":
                return
            gap = self._text(self.mentions[person].end, self.mentions[after].start)
            match = titled.match(gap)
            if match is None:
                return
            yield from self._role(after, org, match.group("role"), gap, sent)
            person = after

    def _possessor_next(self, index: int) -> bool:
        end = self.mentions[index].end
        return end < len(self.doc) and self.doc[end].lower_ in ("'s", "’s")

    def _role_names_next(self, after: int, role: str) -> bool:
        """Whether the role is a title of the name right after it ('Baidu's president Zhang Ya')."""
        following = after + len(role.split()) + 1  # the possessive 's, then the role words
        for offset in range(following - 1, following + 3):
            index = self.index.by_token.get(offset)
            if index is not None:
                return self.mentions[index].label == "Person"
        return False

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

    def _rival_title_claims(self) -> Iterator[Claim]:
        """'JD.com sued rival e-tailer Alibaba': a rival's title before a name, with no one's
        possessive on it, makes the name a rival of the subject of its clause."""
        table = token_table(self.doc)
        for i, lemma in enumerate(table.lemmas):
            if self.lexicon.roles.get(lemma) != "COMPETES_WITH":
                continue
            if table.deps[i] not in ("amod", "compound", "nmod"):
                continue
            if table.pos[table.heads[i]] != "PROPN":
                continue
            token = self.doc[i]
            name = token.head
            rival = self.index.by_token.get(name.i)
            if rival is None or any(c.dep_ == "poss" for c in (*name.children, *token.children)):
                continue  # "its rival X" is the possessive rule's
            verb = next((t for t in name.ancestors if t.pos_ in ("VERB", "AUX")), None)
            if verb is None:
                continue
            subjects = [m for t in subject_tokens(verb) for m in self.index.at(t)]
            for subject in subjects:
                claim = self._claim(
                    subject, "COMPETES_WITH", rival, name.sent, "role", "rival-title"
                )
                if claim:
                    yield claim

    def _copula_role_claims(self) -> Iterator[Claim]:
        """Role nouns tied to a person by the parse: 'Pan is now the deputy governor of the PBoC',
        'she serves as head of the NPPA', 'the naming of Wu as the ministry's chief',
        'minister of commerce and deputy head of the commission'."""
        for token in self.doc:
            role = self._role_phrase(token)
            if role is None:
                continue
            # "part of the WeChat app": a holding noun stands for the name it carries
            orgs = [
                i
                for t in self._role_objects(token, role)
                for i in self.index.at(t) or self.index.carried(t)
            ]
            orgs += [i for c in token.children if c.dep_ == "poss" for i in self.index.at(c)]
            if not orgs:
                continue
            for holder in self._holders_of(token):
                for org in orgs:
                    yield from self._role(holder, org, role, token.sent.text, token.sent)

    def _operator_claims(self) -> Iterator[Claim]:
        """'Kanzhun, the company behind Boss Zhipin' and 'Tencent is the firm behind WeChat':
        a firm described as behind a product runs it, behind another firm owns it."""
        table = token_table(self.doc)
        preps = self.lexicon.operator_preps
        for i, (dep, lower) in enumerate(zip(table.deps, table.lowers, strict=True)):
            if dep != "prep" or lower not in preps:
                continue
            token = self.doc[i]
            noun = token.head
            if noun.lemma_.lower() not in self.lexicon.group_nouns:
                continue
            objects = [
                i for t in prep_objects(noun, frozenset({token.lower_})) for i in self.index.at(t)
            ]
            for holder in self._holders_of(noun):
                for obj in objects:
                    rel_type = "OPERATES" if self.mentions[obj].label == "Product" else "OWNS"
                    claim = self._claim(holder, rel_type, obj, token.sent, "role", token.lower_)
                    if claim:
                        yield claim

    def _role_objects(self, role: Token, phrase: str) -> list[Token]:
        """'head of the CAC' -> CAC, 'an investor in X' -> X, also where the parse hung the
        preposition elsewhere."""
        preps = self.lexicon.role_preps
        if self.lexicon.roles.get(phrase) == "OWNS":
            preps = preps | self.lexicon.owner_role_preps
        found = prep_objects(role, preps)
        following = self.doc[role.i + 1] if role.i + 1 < len(self.doc) else None
        if not found and following is not None and following.lower_ in preps:
            found = [c for c in following.children if c.dep_ == "pobj"]
        return found

    def _holders_of(self, role: Token, depth: int = 0) -> list[int]:
        """The people a role noun is said of, through copulas, 'as', appositions and lists."""
        head = role.head
        candidates: list[Token] = []
        if role.dep_ == "attr" and head.lemma_ in COPULAS:
            candidates = subject_tokens(head)
        elif role.dep_ == "oprd":
            # "Wu was appointed chief executive of X", "the board named Wu chairman"
            named = [c for c in head.children if c.dep_ in ("nsubjpass", "dobj")]
            candidates = named or subject_tokens(head)
        elif role.dep_ == "pobj" and head.lower_ == "as":
            holder = head.head
            if holder.pos_ in ("VERB", "AUX"):
                candidates = [*subject_tokens(holder), *agent_tokens(holder)]
                candidates += [c for c in holder.children if c.dep_ == "dobj"]
            elif holder.pos_ == "NOUN" and holder.i not in self.index.by_token:
                candidates = prep_objects(holder, frozenset({"of"}))  # appointment of X as Y
            else:
                candidates = [holder]
        elif role.dep_ == "appos" and not self._titles_next_name(role):
            candidates = [head]
        elif names_a_holding(role):
            # "the Youku app of Alibaba": the holding is the name compounded with its noun
            return self.index.carried(role)
        elif role.dep_ == "conj" and depth < 3:
            if self._role_phrase(head):
                return self._holders_of(head, depth + 1)
            if head.dep_ == "pobj" and self._role_phrase(head.head.head):
                # "minister of commerce and deputy head of ...": the parse joins the roles
                # at the first organisation
                return self._holders_of(head.head.head, depth + 1)
        return [i for t in candidates for i in self.index.at(t)]

    def _titles_next_name(self, role: Token) -> bool:
        """'Baidu's president Zhang Ya': the role is the title of the name right after it."""
        index = self.index.by_token.get(role.i + 1)
        return index is not None and self.mentions[index].label == "Person"

    def _role_phrase(self, token: Token) -> str | None:
        """The role named by a noun and its compound modifiers ('vice governor'), if it is one."""
        heads = self.lexicon.role_heads
        if token.lower_ not in heads and token.lemma_.lower() not in heads:
            return None
        compounds = " ".join(
            c.lower_
            for c in token.children
            if c.dep_ in ("compound", "amod") and c.i == token.i - 1
        )
        for phrase in (f"{compounds} {token.lower_}".strip(), token.lower_, token.lemma_.lower()):
            if phrase in self.lexicon.roles:
                return phrase
        return None
