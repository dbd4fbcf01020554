"""Sums of money: where a parse holds one, and as people read them in answers, timelines and
map tooltips."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

SCALES = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))
_MONEY = re.compile(
    r"([\d.,]+)\s*(million|billion|trillion|bn|m)?\s*(yuan|rmb|cny|\$|usd|dollars)?", re.IGNORECASE
)
_SCALE = {"million": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9, "trillion": 1e12}
_CURRENCY = {"yuan": "CNY", "rmb": "CNY", "cny": "CNY", "$": "USD", "usd": "USD", "dollars": "USD"}
CURRENCY_WORDS = frozenset(word for word in _CURRENCY if word.isalpha())


def money(text: str) -> dict[str, object]:
    """'18.2 billion yuan' -> {'amount': 18200000000.0, 'currency': 'CNY'}."""
    match = _MONEY.search(text.replace("US$", "$ "))
    if not match:
        return {}
    try:
        value = float(match.group(1).replace(",", ""))
    except ValueError:
        return {}
    value *= _SCALE.get((match.group(2) or "").lower(), 1)
    currency = _CURRENCY.get((match.group(3) or "").lower())
    if currency is None and "$" in text:
        currency = "USD"
    return {"amount": value, "currency": currency}


def is_sum(token: Token) -> bool:
    """Whether a token is the head of a sum of money ('2 million yuan'), marked by the NER or
    not: the recogniser does not always keep the base model's MONEY."""
    return token.ent_type_ == "MONEY" or (
        token.lower_ in CURRENCY_WORDS and any(c.like_num for c in token.children)
    )


def receivers_of_sum(token: Token) -> list[Token]:
    """The names a parse hangs on a sum ('fined Quillfeed Ltd 2 million yuan'), or on its
    number ('Quillfeed' a compound of 'million')."""
    numbers = [c for c in token.children if c.dep_ in ("nummod", "compound") and c.like_num]
    return [
        c
        for head in (token, *numbers)
        for c in head.children
        if c.dep_ in ("nmod", "compound") and not is_sum(c) and not c.like_num
    ]


def stated_sum(sentences: Iterable[Span]) -> dict[str, object]:
    """The amount and currency of the first sum the sentences state, marked as MONEY or not."""
    sums: list[tuple[int, str]] = []
    for sent in sentences:
        sums += [(ent.start, ent.text) for ent in sent.ents if ent.label_ == "MONEY"]
        sums += [
            (t.left_edge.i, sent.doc[t.left_edge.i : t.i + 1].text)
            for t in sent
            if is_sum(t) and t.ent_type_ != "MONEY"
        ]
    for _, text in sorted(sums):
        if found := money(text):
            return found
    return {}


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
