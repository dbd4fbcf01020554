"""Faster ways of reading a parsed Doc give exactly what the slower ones gave: the gazetteer
ruler's one-word matcher, the token table, the line around a character, a sentence's dates and
its hedging phrases (read once per Doc), the group nouns, a name reduced once for its rules."""

from __future__ import annotations

import pytest
import spacy

from kg.extraction.exact_words import ExactWords
from kg.extraction.extended_names import line_around
from kg.extraction.token_table import token_table

# Written for this test.
PATTERNS = [
    {"label": "Regulator", "pattern": [{"ORTH": "NFRA"}], "id": "nfra"},
    {"label": "Regulator", "pattern": [{"ORTH": "CBIRC"}], "id": "nfra"},
    {"label": "Company", "pattern": [{"ORTH": "Zap"}], "id": "zap"},
    {"label": "Product", "pattern": [{"ORTH": "Zap"}], "id": "zap-app"},
    {"label": "Company", "pattern": "zap holdings", "id": "zap"},
    {"label": "Regulator", "pattern": "national financial regulatory administration", "id": "nfra"},
]
TEXTS = [
    "The NFRA told Zap Holdings to stop; nfra staff and Nfra aides stayed silent.",
    "Zap, which runs the zap app, met the CBIRC. ZAP shares fell.",
    "The National Financial Regulatory Administration (NFRA) fined Zap.",
    "Nothing here names anyone.",
    "",
]


def ruler_pipeline(exact: bool) -> spacy.language.Language:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER"})
    if exact:
        ruler.matcher = ExactWords(nlp.vocab)
    ruler.add_patterns(PATTERNS)
    return nlp


def entities(doc) -> list[tuple[str, str, str]]:
    return [(e.text, e.label_, e.ent_id_) for e in doc.ents]


def test_exact_words_find_what_spacys_matcher_finds() -> None:
    spacys, exact = ruler_pipeline(exact=False), ruler_pipeline(exact=True)
    for text in TEXTS:
        assert entities(exact(text)) == entities(spacys(text)), text
    found = entities(exact(TEXTS[0]))
    # as written only: "nfra" and "Nfra" are no match; the phrase matches on lower case
    assert found == [("NFRA", "Regulator", "nfra"), ("Zap Holdings", "Company", "zap")]


def test_exact_words_keep_every_key_of_a_word_and_remove_one() -> None:
    nlp = spacy.blank("en")
    words = ExactWords(nlp.vocab)
    words.add("Company||zap", [[{"ORTH": "Zap"}]])
    words.add("Product||zap-app", [[{"ORTH": "Zap"}], [{"ORTH": "ZapPay"}]])
    words.add("Product||zap-app", [[{"ORTH": "Zap"}]])  # added twice, found once
    strings = nlp.vocab.strings
    doc = nlp("Zap and ZapPay, not zap")
    assert sorted((strings[k], s, e) for k, s, e in words(doc)) == [
        ("Company||zap", 0, 1),
        ("Product||zap-app", 0, 1),
        ("Product||zap-app", 2, 3),
    ]
    assert len(words) == 2
    words.remove("Product||zap-app")
    assert [(strings[k], s) for k, s, _ in words(doc)] == [("Company||zap", 0)]
    assert words(nlp("")) == []


@pytest.mark.parametrize(
    "pattern",
    [[{"LOWER": "zap"}], [{"ORTH": "Zap"}, {"ORTH": "Pay"}], [{"ORTH": "Zap", "POS": "X"}]],
)
def test_exact_words_refuse_any_other_pattern(pattern) -> None:
    with pytest.raises(ValueError, match="one-word ORTH"):
        ExactWords(spacy.blank("en").vocab).add("Company||zap", [pattern])


# Written for this test: headlines, blank lines, indented and empty lines, a final line break.
DOCUMENT = (
    "Watchdog Fines Zap Over Data\n\n  BEIJING - The regulator fined Zap on Monday.\n"
    "\n\n\nIts founder, who had been silent, did not comment. Shares fell.\n  \nEnd\n"
)


def test_the_token_table_is_the_tokens_own(nlp) -> None:
    doc = nlp(DOCUMENT)
    table = token_table(doc)
    assert table is token_table(doc)  # read once per Doc
    assert table.text == doc.text
    assert table.heads == [t.head.i for t in doc]
    assert table.deps == [t.dep_ for t in doc]
    assert table.lemmas == [t.lemma_.lower() for t in doc]
    assert table.lowers == [t.lower_ for t in doc]
    assert table.pos == [t.pos_ for t in doc]
    assert table.tags == [t.tag_ for t in doc]
    assert table.texts == [t.text for t in doc]
    assert table.alpha == [t.is_alpha for t in doc]
    assert table.ents == [t.ent_type_ for t in doc]
    assert table.starts == [t.idx for t in doc]
    assert [table.ancestors(t.i) for t in doc] == [[a.i for a in t.ancestors] for t in doc]
    empty = token_table(nlp(""))
    assert (empty.heads, empty.text) == ([], "")


def test_the_line_around_a_character_is_the_char_span_of_its_line(nlp) -> None:
    doc = nlp(DOCUMENT)
    text = doc.text
    lines = set()
    for char in range(len(text) + 1):
        start = text.rfind("\n", 0, char) + 1
        end = text.find("\n", char)
        expected = doc.char_span(start, len(text) if end < 0 else end, alignment_mode="expand")
        got = line_around(doc, char)
        assert (got is None) == (expected is None), char
        if got is not None:
            assert (got.start, got.end) == (expected.start, expected.end), char
            lines.add(got.text)
    assert {"Watchdog Fines Zap Over Data", "End"} <= lines


# Written for this test: dates in two sentences, one sentence hedged by a phrase.
DATED = (
    "On 3 May 2023 the bureau fined Zap, a year after the March 2022 probe. "
    "Zap is said to have paid the fine last week. In June the bureau warned Zap again."
)


def test_a_sentences_dates_are_its_own_date_entities_nearest_first(nlp) -> None:
    from kg.extraction.dates import date_texts

    doc = nlp(DATED)
    for sent in doc.sents:
        own = [e for e in sent.ents if e.label_ == "DATE"]
        assert date_texts(sent) == tuple(e.text for e in own)
        for near in range(sent.start, sent.end):
            nearest = sorted(own, key=lambda e: min(abs(e.start - near), abs(e.end - 1 - near)))
            assert date_texts(sent, near=near) == tuple(e.text for e in nearest)
    assert len([t for s in doc.sents for t in date_texts(s)]) >= 4


def test_a_hedging_phrase_hedges_its_own_sentence_only(nlp) -> None:
    from kg.extraction.cues import cues
    from kg.extraction.rulebase import modality_of

    doc = nlp(DATED)
    verbs = {t.lower_: t for t in doc if t.pos_ == "VERB"}
    assert modality_of(verbs["paid"], cues()) == "hedged"
    assert modality_of(verbs["fined"], cues()) == "asserted"
    assert modality_of(verbs["warned"], cues()) == "asserted"


def test_a_names_form_is_reduced_once_per_rules() -> None:
    from kg.resolution.names import name_form
    from kg.resolution.rules import name_rules

    rules = name_rules()
    first = name_form("Lantern Quay Holdings Ltd", "Company", rules)
    assert first is not None and first.key == "lantern quay"
    assert name_form("Lantern Quay Holdings Ltd", "Company", rules) is first
    assert name_form("Lantern Quay Holdings Ltd", "Company") is first  # the default rules
    bare = rules.model_copy(update={"corporate_suffixes": frozenset()})
    unreduced = name_form("Lantern Quay Holdings Ltd", "Company", bare)
    assert unreduced is not None and unreduced.key == "lantern quay holdings ltd"
    assert name_form("Lantern Quay Holdings Ltd", "Person", rules) is not first


def test_the_group_nouns_found_from_the_table_are_those_is_group_accepts(nlp) -> None:
    from kg.extraction.groups import groups_in, is_group

    doc = nlp(
        "Officials summoned nine platforms on Friday. The companies and their apps agreed; "
        "the platform said it would comply."
    )
    apps = next(token.i for token in doc if token.text == "apps")
    named = {apps: 0}  # as if inside a name
    found = [token.i for token in groups_in(doc, named)]
    assert found == [token.i for token in doc if is_group(token, named)]
    assert [doc[i].text for i in found] == ["platforms", "companies"]  # not the singular
