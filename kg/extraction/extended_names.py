"""A known name inside a longer name names something else: "Shenzhen Quillfeed Network
Technology Co." or "Quillfeed Investment Limited" is a subsidiary or an affiliate, and
"Quillfeed Maps" a product, not Quillfeed. The gazetteer matches the known part; this widens
the mention to the whole name, a company or a product of its own."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import replace
from functools import cache
from typing import TYPE_CHECKING

from kg.extraction.cues import cues
from kg.extraction.token_table import token_table
from kg.gazetteer import alias_index, normalise_surface
from kg.model import METONYMY, Mention
from kg.resolution.rules import name_rules
from kg.rule_files import limits

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

METHOD = "extended"
KNOWN_LABELS = frozenset({"Company", "Product"})
PLACE_TYPES = frozenset({"GPE", "LOC"})
NOT_PRODUCT_WORDS = frozenset(
    {"DATE", "TIME", "PERSON", "GPE", "LOC", "NORP", "MONEY", "CARDINAL", "ORDINAL"}
    | {"Person", "Regulator", "Policy", "Media"}
)
HEADLINE_POS = frozenset({"VERB", "AUX", "ADP", "SCONJ", "CCONJ", "DET", "PART", "PRON"})
SENTENCE_ENDS = frozenset({".", "!", "?", ":", ";", '"', "“", "”", "—", "-", "(", "'", "‘"})


def _capitalised(token: Token) -> bool:
    return token.text[:1].isupper() and token.text.rstrip(".").isalpha()


def _not_a_name_word(token: Token) -> bool:
    """A capitalised verb or function word: a Title-case headline ('Beijing Summons X Over
    Rider Pay'), not part of a firm's name."""
    return token.pos_ in HEADLINE_POS or token.tag_.startswith("VB")


def _modifies_the_name(token: Token, start: int) -> bool:
    """A proper noun that the parser attaches to the name after it ('Beijing' in 'Beijing
    Quillfeed Technology'), which a recogniser trained to leave places alone left unlabelled."""
    return token.pos_ == "PROPN" and token.dep_ == "compound" and token.head.i >= start


def _place_before(doc: Doc, start: int, taken: set[int], places: set[int]) -> int:
    """The start of a place name right before START ('Hangzhou'), else START. PLACES are
    tokens of places read as the state acting; before a firm's name they are its seat."""
    position = start
    while position > 0 and (position - 1 not in taken or position - 1 in places):
        token = doc[position - 1]
        is_place = (
            token.ent_type_ in PLACE_TYPES
            or position - 1 in places
            or (not token.ent_type_ and _modifies_the_name(token, start))
        )
        if not is_place or not _capitalised(token) or _not_a_name_word(token):
            break
        position -= 1
    return position


def _name_after(doc: Doc, end: int, taken: set[int], heads: frozenset[str], placed: bool) -> int:
    """The end of the capitalised words after END that close on a company word ('Network
    Technology', '(Beijing) Technology', 'Investment Limited'), else END. Legal forms alone
    count only after a place ('Hangzhou Quillfeed Ltd.'): 'Quillfeed Holdings' is Quillfeed."""
    suffixes = name_rules().corporate_suffixes
    sentence_end = doc[end - 1].sent.end
    closed, position, words = end, end, 0
    named = placed  # a place, or a word that is more than a legal form
    longest = limits().extended_name_words
    while position < sentence_end and position not in taken and words <= longest:
        token = doc[position]
        if token.text == "(" and position + 2 < sentence_end and doc[position + 2].text == ")":
            if not _capitalised(doc[position + 1]):
                break
            position += 3
            continue
        if not _capitalised(token) or _not_a_name_word(token):
            break
        word = token.lower_.rstrip(".")
        named = named or word not in suffixes
        position += 1
        words += 1
        if word in heads and named:
            closed = position
    return closed


def _product_after(doc: Doc, end: int, taken: set[int], excluded: frozenset[str]) -> int:
    """The end of the Title-case nouns right after a known company's name that name one of
    its products ('Quillfeed Maps', 'Quillfeed Ads SDK'), else END. EXCLUDED words (company
    words, legal forms, roles) end the run: 'Quillfeed Holdings', 'Quillfeed Chairman X'."""
    sentence_end = doc[end - 1].sent.end
    position = end
    longest = limits().extended_product_words
    while position < sentence_end and position not in taken and position - end < longest:
        token = doc[position]
        if (
            not token.is_alpha
            or not (token.is_title or (token.is_upper and position > end))  # 'Ads SDK', not 'IPO'
            or token.pos_ not in ("PROPN", "NOUN")
            or token.ent_type_ in NOT_PRODUCT_WORDS
            or token.lower_ in excluded
        ):
            break
        position += 1
    return end if position > end and _headline(doc, end) else position


@cache
def _not_product_words(heads: frozenset[str]) -> frozenset[str]:
    """Words that end a product's name after a firm's: company words, legal forms, roles."""
    return heads | name_rules().corporate_suffixes | frozenset(cues().roles)


def line_around(doc: Doc, char: int) -> Span | None:
    """The tokens of the line (between line breaks) that holds character CHAR: those that
    overlap it (Doc.char_span with alignment_mode="expand", without its walk over the Doc)."""
    table = token_table(doc)
    text, starts = table.text, table.starts
    start = text.rfind("\n", 0, char) + 1
    end = text.find("\n", char)
    end = len(text) if end < 0 else end
    first = bisect_right(starts, start) - 1
    if first < 0 or starts[first] + len(doc[first]) <= start:
        first += 1
    last = bisect_left(starts, end)
    return doc[first:last] if first < last else None


def _headline(doc: Doc, position: int) -> bool:
    """Whether the line around POSITION is a Title-case headline ('Quillfeed Shares Fall As
    Rules Bite'): it capitalises, not after a sentence's end, a verb or a function word."""
    line = line_around(doc, doc[position].idx)
    if line is None:
        return False
    return any(
        token.is_title
        and token.pos_ in HEADLINE_POS
        and not token.ent_type_
        and doc[token.i - 1].text not in SENTENCE_ENDS
        for token in list(line)[1:]
    )


def _ends_on(doc: Doc, end: int, heads: frozenset[str]) -> bool:
    """Whether the known name itself ends on a company word ('Quillfeed Technology')."""
    return doc[end - 1].lower_.rstrip(".") in heads


def extended_names(doc: Doc, mentions: list[Mention], heads: frozenset[str]) -> list[Mention]:
    """MENTIONS, with each known name that begins or sits inside a longer company name
    replaced by a mention of that company. HEADS are the words a company's name ends on."""
    # a statistical name right after a known one may be the rest of its name ('Investment
    # Limited' after 'Quillfeed'); a curated one never is
    taken = {i for m in mentions if m.gazetteer_id for i in range(m.start, m.end)}
    excluded = _not_product_words(heads)
    places = {m.start for m in mentions if m.method == METONYMY and m.end == m.start + 1}
    widened: list[Mention] = []
    spans: list[tuple[int, int]] = []
    for mention in mentions:
        if mention.label not in KNOWN_LABELS or (
            mention.gazetteer_id is None and not _ends_on(doc, mention.end, heads)
        ):
            widened.append(mention)
            continue
        own = set(range(mention.start, mention.end))
        start = _place_before(doc, mention.start, taken - own, places)
        end = _name_after(doc, mention.end, taken - own, heads, start < mention.start)
        label = "Company"
        if end == mention.end and start == mention.start and mention.label == "Company":
            end = _product_after(doc, mention.end, taken - own, excluded)
            label = "Product"
        if end == mention.end and not (start < mention.start and _ends_on(doc, end, heads)):
            widened.append(mention)
            continue
        text = doc[start:end].text
        if any((normalise_surface(text), known) in alias_index() for known in KNOWN_LABELS):
            widened.append(mention)  # a curated name of its own: the gazetteer's to match
            continue
        taken.update(range(start, end))
        spans.append((start, end))
        widened.append(
            replace(
                mention,
                text=text,
                label=label,
                start=start,
                end=end,
                gazetteer_id=None,
                method=METHOD,
                alias_of=None,
            )
        )
    # what the wider names took in (a seat read as a place, the rest of a name) goes
    return [
        m
        for m in widened
        if m.method == METHOD or not any(start <= m.start < end for start, end in spans)
    ]
