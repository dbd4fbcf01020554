"""A parsed Doc's token attributes as plain lists, read once per Doc, for code that visits the
same tokens many times (each `doc[i]` makes a new Token object, each `.lemma_` a lookup)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc

KEY = "kg_token_table"  # Doc.user_data


@dataclass(frozen=True)
class TokenTable:
    """Per token index: its head's index, dependency label, lower-cased lemma and text, and
    coarse part of speech, and where it starts in the text; and the text (Doc.text joins the
    tokens' texts anew at each call)."""

    heads: list[int]
    deps: list[str]
    lemmas: list[str]
    lowers: list[str]
    pos: list[str]
    starts: list[int]  # character offset of each token
    text: str

    def ancestors(self, i: int) -> list[int]:
        """The heads above token I, nearest first (Token.ancestors, as indices)."""
        found = []
        heads = self.heads
        while heads[i] != i:
            i = heads[i]
            found.append(i)
        return found


def token_table(doc: Doc) -> TokenTable:
    """DOC's table, made on first use."""
    table: TokenTable | None = doc.user_data.get(KEY)
    if table is None:
        table = doc.user_data[KEY] = _read(doc)
    return table


def _read(doc: Doc) -> TokenTable:
    import numpy
    from spacy.attrs import DEP, HEAD, IDX, LEMMA, LOWER, POS
    from spacy.parts_of_speech import NAMES

    array = doc.to_array([HEAD, DEP, LEMMA, LOWER, POS, IDX])
    strings = doc.vocab.strings
    # HEAD is stored as an offset from the token
    heads = (array[:, 0].astype(numpy.int64) + numpy.arange(len(doc))).tolist()
    _, deps, lemmas, lowers, pos, starts = array.T.tolist() if len(doc) else [[]] * 6
    return TokenTable(
        heads=heads,
        deps=[strings[h] for h in deps],
        lemmas=[strings[h].lower() for h in lemmas],
        lowers=[strings[h] for h in lowers],
        pos=[NAMES.get(p, "") for p in pos],
        starts=starts,
        text=doc.text,
    )
