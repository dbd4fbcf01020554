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
    """Per token index: its head's index, dependency label, lower-cased lemma and text, coarse
    and fine part of speech, its text, whether it is all letters, its entity type, and where it
    starts in the text; and the text (Doc.text joins the tokens' texts anew at each call)."""

    heads: list[int]
    deps: list[str]
    lemmas: list[str]
    lowers: list[str]
    pos: list[str]
    tags: list[str]
    texts: list[str]
    alpha: list[bool]
    ents: list[str]  # entity type, "" outside entities
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
    from spacy.attrs import DEP, ENT_TYPE, HEAD, IDX, IS_ALPHA, LEMMA, LOWER, ORTH, POS, TAG
    from spacy.parts_of_speech import NAMES

    columns = [HEAD, DEP, LEMMA, LOWER, POS, TAG, ORTH, IS_ALPHA, ENT_TYPE, IDX]
    array = doc.to_array(columns)
    strings = doc.vocab.strings
    # HEAD is stored as an offset from the token
    heads = (array[:, 0].astype(numpy.int64) + numpy.arange(len(doc))).tolist()
    rows = array.T.tolist() if len(doc) else [[]] * len(columns)
    _, deps, lemmas, lowers, pos, tags, texts, alpha, ents, starts = rows
    return TokenTable(
        heads=heads,
        deps=[strings[h] for h in deps],
        lemmas=[strings[h].lower() for h in lemmas],
        lowers=[strings[h] for h in lowers],
        pos=[NAMES.get(p, "") for p in pos],
        tags=[strings[h] for h in tags],
        texts=[strings[h] for h in texts],
        alpha=[bool(a) for a in alpha],
        ents=[strings[h] if h else "" for h in ents],
        starts=starts,
        text=doc.text,
    )
