"""A product named after its firm ("Weibo" of Weibo Corporation): where an article has a regulator
fine, summon or order it, acts only a firm undergoes, the article means the firm, in every one of
its mentions. The pairs come from the gazetteer: a curated product whose name, with a legal form
after it, is a curated company's."""

from __future__ import annotations

from dataclasses import replace
from functools import cache

from kg.extraction.cues import cues
from kg.gazetteer import CuratedEntity, gazetteer, normalise_surface
from kg.model import Claim, Mention
from kg.resolution.rules import name_rules

COMPANY = "Company"


@cache
def firm_namesakes() -> dict[str, CuratedEntity]:
    """Curated product id -> the curated company it is named after."""
    suffixes = name_rules().corporate_suffixes
    companies: dict[str, CuratedEntity] = {}
    for entity in gazetteer().values():
        words = entity.name.split()
        if entity.label == COMPANY and len(words) > 1 and words[-1].lower().rstrip(".") in suffixes:
            companies[normalise_surface(" ".join(words[:-1]))] = entity
    return {
        entity.id: companies[normalise_surface(entity.name)]
        for entity in gazetteer().values()
        if entity.label == "Product" and normalise_surface(entity.name) in companies
    }


@cache
def _products_by_firm() -> dict[str, str]:
    return {firm.id: product for product, firm in firm_namesakes().items()}


def as_firms(mentions: list[Mention], claims: list[Claim]) -> list[Mention]:
    """MENTIONS, with every mention of a product named after its firm made that firm where a
    claim has a regulator act on it in a way only a firm undergoes (cues.yaml firm_acts)."""
    namesakes = firm_namesakes()
    products = _products_by_firm()
    acted_on: set[str] = set()
    for claim in claims:
        if claim.type not in cues().firm_acts:
            continue
        named = mentions[claim.object].gazetteer_id
        if named in namesakes:
            acted_on.add(named)
        elif named in products:  # the product's name already read as the firm's
            acted_on.add(products[named])
    if not acted_on:
        return mentions
    return [
        replace(
            m,
            label=COMPANY,
            gazetteer_id=namesakes[m.gazetteer_id].id,
            alias_of=namesakes[m.gazetteer_id].name,
        )
        if m.gazetteer_id in acted_on
        else m
        for m in mentions
    ]
