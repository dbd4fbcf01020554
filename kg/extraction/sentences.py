"""Which sentence of its article a token or span is in: the one sentence index, built once per
parsed Doc and kept in its user data."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

KEY = "kg_sentence_starts"  # Doc.user_data: first token of each sentence -> its number
TOKENS_KEY = "kg_sentence_of_tokens"  # Doc.user_data: the sentence number of every token


def sentence_starts(doc: Doc) -> dict[int, int]:
    """The first token of each sentence of DOC -> the sentence's number (0 for the first)."""
    starts = doc.user_data.get(KEY)
    if starts is None:
        starts = doc.user_data[KEY] = {sent.start: n for n, sent in enumerate(doc.sents)}
    return starts


def sentence_number(item: Token | Span) -> int:
    """The number of the sentence ITEM is in (0 for the first)."""
    return sentence_starts(item.doc).get(item.sent.start, 0)


def sentence_of_tokens(doc: Doc) -> list[int]:
    """The sentence number of every token of DOC."""
    numbers = doc.user_data.get(TOKENS_KEY)
    if numbers is None:
        numbers = [0] * len(doc)
        for number, sent in enumerate(doc.sents):
            numbers[sent.start : sent.end] = [number] * (sent.end - sent.start)
        doc.user_data[TOKENS_KEY] = numbers
    return numbers
