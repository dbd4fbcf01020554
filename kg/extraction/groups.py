"""Group nouns: 'these companies', 'the three apps', 'those platforms' stand for the list of
names written just before them, so a rule that finds one as an argument reaches each member."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from kg.extraction.cues import cues
from kg.extraction.money import is_sum
from kg.extraction.sentences import sentence_starts
from kg.extraction.token_table import TokenTable, token_table

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from kg.model import Mention

GROUP_TAGS = frozenset({"NNS", "NNPS"})
DEFINITE = frozenset({"the", "these", "those"})
BARE_MODIFIERS = frozenset({"det", "nummod", "amod", "compound", "quantmod"})
QUALIFYING_TAGS = frozenset({"IN", "WDT", "WP", "VBN", "VBG"})  # behind, that, which, named
# what a group of firms, apps or sites lists; one list may mix them ("Kuaishou, Bilibili
# and Douyin")
FIRMS = frozenset({"Company", "Product"})


def is_group(token: Token, named: dict[int, int]) -> bool:
    """A plural common noun of firms that names no one ('12 platforms', 'the companies');
    NAMED maps the tokens of names to their mentions."""
    return _group_at(token_table(token.doc), token.i, named, cues().group_nouns)


def groups_in(doc: Doc, named: dict[int, int]) -> Iterator[Token]:
    """The tokens of DOC that is_group accepts, found from its token table."""
    table = token_table(doc)
    nouns = cues().group_nouns
    return (doc[i] for i in range(len(doc)) if _group_at(table, i, named, nouns))


def _group_at(table: TokenTable, i: int, named: dict[int, int], nouns: frozenset[str]) -> bool:
    return table.tags[i] in GROUP_TAGS and i not in named and table.lemmas[i] in nouns


def definite(group: Token) -> bool:
    """'the 12 companies', 'these firms', 'those platforms': a group named before. Not one
    the sentence itself defines ('the firms behind X', 'the apps that Y runs')."""
    children = list(group.children)
    following = group.nbor(1) if group.i + 1 < len(group.doc) else None
    qualified = following is not None and following.tag_ in QUALIFYING_TAGS  # however parsed
    return (
        not qualified
        and any(c.dep_ == "det" and c.lower_ in DEFINITE for c in children)
        and all(c.dep_ in BARE_MODIFIERS or _a_sum_beside(c) for c in children)
    )


def _a_sum_beside(child: Token) -> bool:
    """'fined the three firms 2 million yuan each': the parse may hang the sum on the group as
    an apposition; it does not say which firms the group is."""
    return child.dep_ == "appos" and is_sum(child)


def group_references(
    doc: Doc, mentions: list[Mention], lists: list[list[int]], named: dict[int, int]
) -> dict[int, list[int]]:
    """Token index of each definite group noun -> the members of the last list of firms or
    products before it, in its own sentence or in the few before (cues.yaml groups.window)."""
    firms = [group for group in lists if all(mentions[i].label in FIRMS for i in group)]
    if not firms:
        return {}  # most documents: nothing a group noun could stand for
    number = sentence_starts(doc)
    found: dict[int, list[int]] = {}
    for token in groups_in(doc, named):
        if not definite(token):
            continue
        here = number[token.sent.start]
        before = [
            group
            for group in firms
            if mentions[group[-1]].end <= token.i
            and here - mentions[group[0]].sentence <= cues().group_window
        ]
        if before:
            found[token.i] = max(before, key=lambda group: mentions[group[-1]].end)
    return found
