"""Documents longer than spaCy takes at once (E088) are parsed in pieces and extracted whole."""

from __future__ import annotations

import pytest

from kg.extraction.extract import extract_documents, pieces
from kg.model import Document

# Written for this test.
PARAGRAPH = (
    "Officials in Shenzhen reviewed how delivery apps price their services this quarter, "
    "and several analysts said the review would take months.\n\n"
)
FACT = "The State Administration for Market Regulation fined Meituan 3.4 billion yuan.\n\n"


def test_pieces_join_back_and_cut_at_paragraph_breaks() -> None:
    text = PARAGRAPH * 15_000  # about 2 MB
    assert len(text) > 2_000_000
    found = pieces(text, 100_000)
    assert "".join(found) == text
    assert all(len(piece) <= 100_000 for piece in found)
    assert all(piece.endswith("\n\n") for piece in found)
    unbroken = "x" * 250
    assert pieces(unbroken, 100) == ["x" * 100, "x" * 100, "x" * 50]


def test_a_2_mb_article_is_read_whole_without_spacys_length_error() -> None:
    import spacy

    from kg.extraction.extract import _parse_in_pieces

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    text = FACT + PARAGRAPH * 15_000 + FACT
    with pytest.raises(ValueError, match="E088"):
        nlp(text)
    doc = _parse_in_pieces(nlp, text)
    assert doc.text == text
    assert doc[-2].text == "." and doc[0].is_sent_start


def test_a_long_article_gives_the_graph_it_gives_when_read_at_once(nlp) -> None:
    text = FACT + PARAGRAPH * 40 + FACT.replace("Meituan", "Alibaba")
    document = Document(id="long", text=text)
    (whole,) = extract_documents(nlp, [document])
    limit = nlp.max_length
    nlp.max_length = 2_000
    try:
        before, split, after = extract_documents(
            nlp, [Document(id="a", text=FACT), document, Document(id="b", text=FACT)]
        )
    finally:
        nlp.max_length = limit
    assert [g.document.id for g in (before, after)] == ["a", "b"]
    assert split.entities == whole.entities and split.mentions == whole.mentions
    assert set(split.relations) == set(whole.relations)
    fined = {(r.subject, r.object) for r in split.relations if r.type == "FINED"}
    assert len(fined) == 2
