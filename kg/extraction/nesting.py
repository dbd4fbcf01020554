"""Names that contain another known name: an organ's ('General Office of the State Council'),
a firm's at the start of its product's ('Quillfeed Maps')."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.extraction.organ_names import POSSESSIVES
from kg.gazetteer import alias_index, normalise_surface
from kg.model import Mention
from kg.resolution.rules import name_rules

if TYPE_CHECKING:
    from spacy.tokens import Doc

METHOD = "nested"
CONTAINER_LABELS = ("Regulator", "Company", "Policy")
CONNECTORS = ("of", "to")  # "General Office of the State Council", "Amendment to the X Law"


def nested_mentions(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Mentions for known entities named inside another name, after 'of (the)' or 'to (the)'."""
    index = alias_index()
    countries = set(name_rules().country_words)
    found: list[Mention] = []
    for mention in mentions:
        if mention.label not in CONTAINER_LABELS:
            continue
        tokens = doc[mention.start : mention.end]
        for position, token in enumerate(tokens):
            if token.lower_ not in CONNECTORS or position == 0:
                continue
            start = mention.start + position + 1
            if start < mention.end and doc[start].lower_ == "the":
                start += 1
            # "of China's National People's Congress": the country says whose, it names no one
            if start + 2 < mention.end and doc[start].lower_ in countries:
                start += 2 if doc[start + 1].lower_ in POSSESSIVES else 1
            inner = doc[start : mention.end].text
            inner_id = index.get((normalise_surface(inner), mention.label))
            if inner_id and inner_id != mention.gazetteer_id:
                found.append(
                    Mention(
                        inner, mention.label, start, mention.end, mention.sentence, inner_id, METHOD
                    )
                )
                break
    found += [owner for m in mentions if (owner := _owner_inside(doc, m, index)) is not None]
    return [*mentions, *found]


def _owner_inside(doc: Doc, mention: Mention, index: dict[tuple[str, str], str]) -> Mention | None:
    """The known company whose name begins a product's name ('Quillfeed' in 'Quillfeed Maps')."""
    if mention.label != "Product" or mention.gazetteer_id:
        return None
    for end in range(mention.end - 1, mention.start, -1):
        inner_id = index.get((normalise_surface(doc[mention.start : end].text), "Company"))
        if inner_id:
            text = doc[mention.start : end].text
            return Mention(text, "Company", mention.start, end, mention.sentence, inner_id, METHOD)
    return None
