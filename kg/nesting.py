"""Names that contain another organ's name: 'General Office of the State Council'."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.gazetteer import alias_index, normalise_surface
from kg.model import Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc

METHOD = "nested"
CONTAINER_LABELS = ("Regulator", "Company", "Policy")
CONNECTORS = ("of", "to")  # "General Office of the State Council", "Amendment to the X Law"


def nested_mentions(doc: Doc, mentions: list[Mention]) -> list[Mention]:
    """Mentions for known entities named inside another name, after 'of (the)' or 'to (the)'."""
    index = alias_index()
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
            inner = doc[start : mention.end].text
            inner_id = index.get((normalise_surface(inner), mention.label))
            if inner_id and inner_id != mention.gazetteer_id:
                found.append(
                    Mention(
                        inner, mention.label, start, mention.end, mention.sentence, inner_id, METHOD
                    )
                )
                break
    return [*mentions, *found]
