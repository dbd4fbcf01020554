"""Features of a candidate pair, as the field knows them: the dependency path between the two
mentions, trigger words from the cue lexicons, the words between, entity types, distance,
lists, and which rules fired. Pairs in adjacent sentences get their own features ("x:")."""

from __future__ import annotations

from collections.abc import Iterator
from functools import cached_property
from typing import TYPE_CHECKING

from kg.extraction.candidates import Candidate
from kg.extraction.classifier import RULE
from kg.extraction.cues import Cues, cues
from kg.extraction.rulebase import mention_lists
from kg.extraction.sentences import sentence_of_tokens
from kg.extraction.token_table import token_table
from kg.model import Claim, Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

MAX_BETWEEN = 10
CONTENT_POS = frozenset({"VERB", "NOUN", "ADP", "AUX", "PROPN", "ADJ", "PART", "SCONJ"})
ARGUMENT_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "attr", "dative", "appos"})
GROUP_TAGS = frozenset({"NNS"})


def _bucket(n: int) -> str:
    for limit in (1, 3, 6, 10, 20):
        if n <= limit:
            return f"<={limit}"
    return ">20"


def _family(method: str) -> str:
    """'verb:fine:active' -> 'verb'; 'role:founder' -> 'role'."""
    return method.split(":", 1)[0]


def _kind(mention: Mention) -> str:
    """How a mention was found, with names from the gazetteer, the recogniser and the actors'
    positions alike (the classifier learns from gold names, which come from none of them)."""
    family = _family(mention.method)
    return "name" if family in ("gazetteer", "ner", "argument", "joined") else family


class PairFeatures:
    """Feature strings for the candidate pairs of one parsed Doc and its mentions."""

    def __init__(self, doc: Doc, mentions: list[Mention], rule_claims: list[Claim]) -> None:
        self.doc = doc
        self.mentions = mentions
        self.lexicon: Cues = cues()
        self.sentence = sentence_of_tokens(doc)
        self.table = token_table(doc)
        self._roots: dict[tuple[int, int], int] = {}
        self._children: dict[int, list[tuple[str, str]]] = {}
        self.rules: dict[tuple[int, int], list[Claim]] = {}
        for claim in rule_claims:
            self.rules.setdefault((claim.subject, claim.object), []).append(claim)
        self._clauses: dict[int, list[str]] = {}
        self.lists = mention_lists(doc, mentions)
        self.in_list: dict[int, int] = {}
        for number, group in enumerate(self.lists):
            for index in group:
                self.in_list[index] = number

    @cached_property
    def _cues(self) -> list[str | None]:
        """The relationship type each word cues, if any, by token index."""
        table = self.table
        verbs, nouns, roles = self.lexicon.verbs, self.lexicon.nouns, self.lexicon.roles
        found: list[str | None] = []
        for lemma, lower, pos in zip(table.lemmas, table.lowers, table.pos, strict=True):
            rel_type = None
            if pos in ("VERB", "AUX"):
                rel_type = verbs.get(lemma) or verbs.get(lower)
            elif pos in ("NOUN", "PROPN"):
                noun_type = nouns.get(lemma) or roles.get(lemma)
                rel_type = noun_type.replace("_REVERSED", "") if noun_type else None
            found.append(rel_type)
        return found

    @cached_property
    def _sentence_cues(self) -> dict[int, set[str]]:
        found: dict[int, set[str]] = {}
        for i, cue in enumerate(self._cues):
            if cue:
                found.setdefault(self.sentence[i], set()).add(cue)
        return found

    @cached_property
    def _groups(self) -> dict[int, set[str]]:
        """Plural common nouns that stand as arguments, per sentence ('the firms', 'platforms')."""
        covered = {i for m in self.mentions for i in range(m.start, m.end)}
        found: dict[int, set[str]] = {}
        for token in self.doc:
            if token.tag_ in GROUP_TAGS and token.dep_ in ARGUMENT_DEPS and token.i not in covered:
                found.setdefault(self.sentence[token.i], set()).add(token.lemma_.lower())
        return found

    def cue(self, token: Token) -> str | None:
        """The relationship type a word cues, if any."""
        return self._cues[token.i]

    def of(self, candidate: Candidate) -> list[str]:
        """Every feature of one candidate."""
        s, o = self.mentions[candidate.subject], self.mentions[candidate.object]
        features = [f"types:{s.label}>{o.label}", f"sm:{_kind(s)}", f"om:{_kind(o)}"]
        # curated actors: what an actor usually does, and facts that recur across articles
        if s.gazetteer_id:
            features.append(f"sid:{s.gazetteer_id}")
        if o.gazetteer_id:
            features.append(f"oid:{o.gazetteer_id}")
        if s.gazetteer_id and o.gazetteer_id:
            features.append(f"ids:{s.gazetteer_id}>{o.gazetteer_id}")
        features += self._rule_features(candidate)
        if candidate.cross:
            features += ["x:" + f for f in self._cross(candidate)]
        else:
            features += list(self._within(candidate))
        return features

    def _rule_features(self, candidate: Candidate) -> list[str]:
        found = []
        for claim in self.rules.get((candidate.subject, candidate.object), []):
            found += [f"{RULE}{claim.type}", f"{RULE}{claim.type}:{_family(claim.method)}"]
            found.append(f"rulemod:{claim.modality}")
        for claim in self.rules.get((candidate.object, candidate.subject), []):
            found.append(f"rulerev:{claim.type}")
        return found

    def _within(self, candidate: Candidate) -> Iterator[str]:
        s, o = self.mentions[candidate.subject], self.mentions[candidate.object]
        table = self.table
        types = f"{s.label}>{o.label}"
        order = "so" if s.start < o.start else "os"
        yield f"order:{order}"
        if s.start < o.end and o.start < s.end:
            yield "overlap"
            return
        first, second = (s, o) if order == "so" else (o, s)
        gap = second.start - first.end
        yield f"dist:{_bucket(gap)}"
        s_root, o_root = self._root(s), self._root(o)
        yield f"sdep:{table.deps[s_root]}"
        yield f"odep:{table.deps[o_root]}"
        yield f"shead:{table.lemmas[table.heads[s_root]]}"
        yield f"ohead:{table.lemmas[table.heads[o_root]]}"
        yield from self._path(s_root, o_root, types, order)
        between = [i for i in range(first.end, second.start) if table.pos[i] in CONTENT_POS]
        if len(between) > MAX_BETWEEN:
            yield "between:long"
            between = between[:3] + between[-3:]
        for i in between:
            yield f"bw:{table.lemmas[i]}"
            cue = self._cues[i]
            if cue:
                yield f"bwcue:{cue}:{order}"
                yield f"bwcue:{cue}:{types}"
        if first.start > 0:
            yield f"before:{table.lowers[first.start - 1]}"
        if second.end < len(table.lowers):
            yield f"after:{table.lowers[second.end]}"
        yield from self._lists(candidate)

    def _root(self, mention: Mention) -> int:
        """The index of the mention's syntactic root (Span.root)."""
        root = self._roots.get((mention.start, mention.end))
        if root is None:
            root = self._roots[mention.start, mention.end] = self.doc[
                mention.start : mention.end
            ].root.i
        return root

    def _path(self, a: int, b: int, types: str, order: str) -> Iterator[str]:
        table = self.table
        up = [a, *table.ancestors(a)]
        down = [b, *table.ancestors(b)]
        above_b = set(down)
        common = next((i for i in up if i in above_b), None)
        if common is None:
            yield "path:none"
            return
        rising = up[: up.index(common)]
        falling = down[: down.index(common)]
        deps = table.deps
        path = (
            "^".join(deps[i] for i in rising) + "|" + "v".join(deps[i] for i in reversed(falling))
        )
        lemma = table.lemmas[common]
        length = len(rising) + len(falling)
        yield f"plen:{_bucket(length)}"
        yield f"pdeps:{path}"
        yield f"lca:{lemma}"
        yield f"lcapos:{table.pos[common]}"
        if length <= 5:
            yield f"path:{path}:{lemma}"
        if rising:
            yield f"up1:{deps[rising[0]]}"
        if falling:
            yield f"down1:{deps[falling[0]]}"
        for i in [*rising[1:], common, *falling[1:]]:
            cue = self._cues[i]
            if cue:
                yield f"pcue:{cue}"
                yield f"pcue:{cue}:{types}"
                yield f"pcue:{cue}:{order}"
            if table.pos[i] in ("VERB", "NOUN", "ADP"):
                yield f"on:{table.lemmas[i]}"
        children = self._children.get(common)
        if children is None:
            children = self._children[common] = [
                (c.dep_, c.lower_) for c in self.doc[common].children
            ]
        if any(dep == "neg" for dep, _ in children):
            yield "neg"
        if any(lower in self.lexicon.hedges for _, lower in children):
            yield "hedge"

    def _lists(self, candidate: Candidate) -> Iterator[str]:
        s_list = self.in_list.get(candidate.subject)
        o_list = self.in_list.get(candidate.object)
        if s_list is not None:
            yield "slist"
        if o_list is not None:
            yield "olist"
        if s_list is not None and s_list == o_list:
            yield "samelist"

    def _cross(self, candidate: Candidate) -> Iterator[str]:
        s, o = self.mentions[candidate.subject], self.mentions[candidate.object]
        yield f"order:{'so' if self.sentence[s.start] < self.sentence[o.start] else 'os'}"
        yield f"types:{s.label}>{o.label}"
        for role, index in (("s", candidate.subject), ("o", candidate.object)):
            for feature in self._clause_features(index):
                yield role + feature
        yield from self._lists(candidate)

    def _clause_features(self, index: int) -> list[str]:
        """What a mention's own clause and sentence say, for pairs across sentences."""
        cached = self._clauses.get(index)
        if cached is not None:
            return cached
        mention = self.mentions[index]
        doc = self.doc
        root = doc[mention.start : mention.end].root
        sent = self.sentence[mention.start]
        found = [f"dep:{root.dep_}", f"head:{root.head.lemma_.lower()}"]
        governor = self._governor(root)
        if governor is not None:
            found.append(f"gov:{governor.lemma_.lower()}")
            cue = self.cue(governor)
            if cue:
                found.append(f"govcue:{cue}")
        found += [f"cue:{cue}" for cue in sorted(self._sentence_cues.get(sent, ()))]
        found += [f"group:{group}" for group in sorted(self._groups.get(sent, ()))]
        found.append(f"first:{doc[doc[mention.start].sent.start].lower_}")
        self._clauses[index] = found
        return found

    @staticmethod
    def _governor(token: Token) -> Token | None:
        """The nearest verb above a token (its clause)."""
        for ancestor in token.ancestors:
            if ancestor.pos_ in ("VERB", "AUX"):
                return ancestor
        return None
