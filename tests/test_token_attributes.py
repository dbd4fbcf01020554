"""The array attribute ruler and lemmatizer give exactly spaCy's annotations."""

from __future__ import annotations

import pytest

from kg.extraction.pipeline import load_model
from kg.extraction.token_attributes import (
    LEMMATIZER_FACTORY,
    RULER_FACTORY,
    ArrayAttributeRuler,
    use_array_annotators,
)

# Written for this test: contractions, pronouns, auxiliaries, expletives, dialect spellings,
# blank lines and the attribute ruler's multi-word exceptions.
TEXTS = [
    "The watchdog said it wouldn't approve the deal, and they're gonna appeal.",
    "There were nothin' but delays; y'all know the ministry ain't done yet.",
    "Let's see whether she'd have signed it if he'd asked her himself.",
    "Regulators summoned the firm.\n\n  Its founder, who had been silent, didn't comment.",
    "Does anyone know what the 2021 rules require of those platforms? We do.",
]
ATTRIBUTES = ("LEMMA", "POS", "MORPH", "TAG", "DEP", "HEAD")


@pytest.fixture(scope="module")
def pipelines():
    spacy_own, arrays = load_model(), load_model()
    use_array_annotators(arrays)
    return spacy_own, arrays


def test_array_annotators_replace_spacys(pipelines) -> None:
    spacy_own, arrays = pipelines
    assert len(arrays.pipe_names) == len(spacy_own.pipe_names)
    factories = {arrays.get_pipe_meta(name).factory for name in arrays.pipe_names}
    assert {RULER_FACTORY, LEMMATIZER_FACTORY} <= factories


def test_array_annotators_give_spacys_annotations(pipelines) -> None:
    spacy_own, arrays = pipelines
    for text in TEXTS:
        expected, got = spacy_own(text), arrays(text)
        assert (got.to_array(ATTRIBUTES) == expected.to_array(ATTRIBUTES)).all(), text
        assert [t.lemma_ for t in got] == [t.lemma_ for t in expected]
    assert [t.lemma_ for t in arrays("They were gonna go.")][1:4] == ["be", "go", "to"]


def test_a_pattern_it_cannot_compile_is_refused(pipelines) -> None:
    spacy_own, _ = pipelines
    ruler = spacy_own.get_pipe("attribute_ruler")
    odd = type("Ruler", (), {})()
    odd.patterns = [{"patterns": [[{"LENGTH": 3}]], "attrs": {}, "index": 0}]
    odd.attrs, odd.indices, odd.vocab = [{}], [0], ruler.vocab
    with pytest.raises(ValueError, match="unsupported pattern"):
        ArrayAttributeRuler().wrap(odd)
