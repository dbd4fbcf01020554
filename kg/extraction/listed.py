"""Claims carried along a list: what a verb or a noun says of one name in 'A, B and C' it says
of each ('the bureau fined A, B and C'); the classifier scores each pair alone and often misses
the later names of a list. A possessive or a name before a name ('Alibaba's Taobao and Tmall',
'Tencent-backed A and B') attaches to one name only, so its claims are not carried."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from kg.model import Claim, Mention

if TYPE_CHECKING:
    from collections.abc import Callable

# Properties that belong to one end alone: a fine's amount is not every listed firm's fine.
OWN_PROPERTIES = frozenset({"amount", "currency"})
SUFFIX = "+list"
# The rule families (the method's part after "model:") whose claims a verb or a noun states.
CARRIED = frozenset({"verb", "noun"})


def listed_claims(
    lists: list[list[int]],
    mentions: list[Mention],
    claims: list[Claim],
    allowed: Callable[[Mention, Mention], list[str]],
) -> list[Claim]:
    """CLAIMS and, for each, the same claim for every other name of a list one of its ends is
    in (LISTS: runs of mention indices, as rulebase.mention_lists finds them), where the
    ontology allows that type between the new ends."""
    list_of = {index: group for group in lists for index in group}
    have = {(c.subject, c.type, c.object) for c in claims}
    added: list[Claim] = []
    for claim in claims:
        if _family(claim.method) not in CARRIED:
            continue
        moves = [(s, claim.object) for s in list_of.get(claim.subject, ())]
        moves += [(claim.subject, o) for o in list_of.get(claim.object, ())]
        for subject, obj in moves:
            key = (subject, claim.type, obj)
            if subject == obj or key in have:
                continue
            if claim.type not in allowed(mentions[subject], mentions[obj]):
                continue
            have.add(key)
            own = tuple((k, v) for k, v in claim.properties if k not in OWN_PROPERTIES)
            added.append(
                replace(
                    claim, subject=subject, object=obj, method=claim.method + SUFFIX, properties=own
                )
            )
    return claims + added


def _family(method: str) -> str:
    """'model:verb:fin:active' -> 'verb'."""
    parts = method.split(":")
    return parts[1] if len(parts) > 1 else ""
