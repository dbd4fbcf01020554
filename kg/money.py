"""Sums of money: where a parse holds one, and as people read them in answers, timelines and
map tooltips."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.tokens import Token

SCALES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))
CURRENCY_WORDS = frozenset({"yuan", "rmb", "renminbi", "dollar", "dollars", "usd", "euro", "euros"})


def is_sum(token: Token) -> bool:
    """Whether a token is the head of a sum of money ('2 million yuan'), marked by the NER or
    not: the recogniser does not always keep the base model's MONEY."""
    return token.ent_type_ == "MONEY" or (
        token.lower_ in CURRENCY_WORDS and any(c.like_num for c in token.children)
    )


def amount_text(amount: float | None, currency: str | None) -> str:
    """'CNY 18.2 billion', 'USD 2.1 million', 'CNY 500,000'; '' when there is no amount."""
    if amount is None:
        return ""
    unit = f"{currency} " if currency else ""
    for size, word in SCALES:
        if abs(amount) >= size:
            return f"{unit}{amount / size:,.3g} {word}".replace(",", "")
    return f"{unit}{amount:,.0f}"


def evidence_note(item: dict[str, Any]) -> str:
    """What follows an evidence sentence: its source and date, the sum, and how it was said
    when not as a plain fact ('Reuters, 2021-04, CNY 10 billion, reported')."""
    parts = [item.get("source") or "?", item.get("date") or "undated"]
    parts.append(amount_text(item.get("amount"), item.get("currency")))
    if item.get("modality") not in (None, "", "asserted"):
        parts.append(str(item["modality"]))
    return ", ".join(p for p in parts if p)
