"""A name the gazetteer does not list that is one of its actors' names written another way (a
translation variant, a legal form, a misnomer): the curated actor it names."""

from __future__ import annotations

from functools import cache

from kg.gazetteer import CuratedEntity, gazetteer
from kg.resolution.across import entity_record
from kg.resolution.matching import Blocks, best_match, record
from kg.resolution.rules import name_rules


@cache
def _curated_blocks() -> Blocks:
    rules = name_rules()
    return Blocks(rules, (entity_record(c.as_entity(), (), rules) for c in gazetteer().values()))


@cache
def curated_variant(surface: str, label: str) -> CuratedEntity | None:
    """The curated actor of LABEL that SURFACE names, where the resolution rules score the two
    names at least the merge threshold; None for a description or no such actor."""
    rules = name_rules()
    found = best_match(record("", label, [surface], rules), _curated_blocks(), rules)
    if found is None or found[1].score < rules.merge_at:
        return None
    return gazetteer()[found[0].id]
