"""Which sentence of its article a token or span is in, counted once per parsed Doc."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

KEY = "kg_sentence_starts"  # Doc.user_data: first token of each sentence -> its number


def sentence_number(item: Token | Span) -> int:
    """The number of the sentence ITEM is in (0 for the first)."""
    data = item.doc.user_data
    starts = data.get(KEY)
    if starts is None:
        starts = data[KEY] = {sent.start: n for n, sent in enumerate(item.doc.sents)}
    return starts.get(item.sent.start, 0)
