"""Titles of laws and rules written out in full: 'the Provisions on Live-Streaming Sales'."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.extraction.sentences import sentence_number
from kg.extraction.token_table import token_table
from kg.gazetteer import linked_id, without_jurisdiction
from kg.model import Mention
from kg.rule_files import limits

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

METHOD = "title"
CONNECTORS = frozenset(
    {"of", "on", "for", "the", "in", "to", "and", "&", "-", "’s", "'s", "from", "by", "with"}
)
# A verb form inside a title after one of these words belongs to it: "Measures for Regulating
# ...", "Platforms Operated by ...". A finite verb, or a form after a name, is a headline's.
VERB_FORMS_IN_TITLES = frozenset({"VBG", "VBN"})
JOINERS = frozenset({"and", "&"})
NATIONALITY = frozenset({"china", "chinese", "prc"})


def _title_case(token: Token) -> bool:
    return _title_case_word(token.text, token.is_alpha)


def _title_case_word(text: str, alpha: bool) -> bool:
    return (text[:1].isupper() and alpha) or text == "-"


def _runs(doc: Doc) -> list[tuple[int, int]]:
    """Maximal runs of Title-case words joined by connectors, starting and ending on a word."""
    runs: list[tuple[int, int]] = []
    start: int | None = None
    table = token_table(doc)
    texts, alpha, lowers = table.texts, table.alpha, table.lowers
    for i, text in enumerate(texts):
        title_case = _title_case_word(text, alpha[i])
        hyphenated = i > 0 and texts[i - 1] == "-" and alpha[i]
        inside = (
            title_case
            or (start is not None and lowers[i] in CONNECTORS)
            or (start is not None and hyphenated)  # "Micro-lending", "Record-filing"
        )
        if inside and start is None and title_case:
            start = i
        elif not inside and start is not None:
            runs.append((start, i))
            start = None
    if start is not None:
        runs.append((start, len(doc)))
    trimmed = []
    for begin, end in runs:
        # headline verbs ("Beijing Passes ..."), sentence-initial words and trailing dates are not
        # part of a title
        verbs = [t.i for t in doc[begin:end] if t.tag_.startswith("VB") and not _titled_verb(t)]
        if verbs:
            begin = verbs[-1] + 1
        if begin >= end:
            continue  # a headline that ends on its verb ("Data Act Looms")
        hyphenated = begin + 1 < end and doc[begin + 1].text == "-"  # "Anti-monopoly Law"
        if doc[begin].is_sent_start and doc[begin].pos_ != "PROPN" and not hyphenated:
            begin += 1
        while end > begin and (
            not _title_case(doc[end - 1])
            or doc[end - 1].text == "-"
            or doc[end - 1].ent_type_ == "DATE"
        ):
            if doc[end - 1].is_alpha and doc[end - 2].text == "-" and end - 2 > begin:
                break  # a hyphenated last word ("Online Micro-lending") ends the title
            end -= 1
        while begin < end and (
            not _title_case(doc[begin])
            or doc[begin].text == "-"
            or doc[begin].lower_ in NATIONALITY
            or doc[begin].dep_ == "case"
        ):
            begin += 1  # "China's Export Control Law" names the Export Control Law
        if (
            end - begin >= limits().title_min_tokens - 1
        ):  # two words: only a short title's (_each_title)
            trimmed.append((begin, end))
    return trimmed


def _titled_verb(token: Token) -> bool:
    """A gerund or participle after a title's connector ('for Protecting', 'on Strictly
    Preventing') or before 'by' ('Operated by')."""
    if token.tag_ not in VERB_FORMS_IN_TITLES or token.i == 0:
        return False
    before = token.doc[token.i - 1]
    if before.tag_ == "RB" and before.i > 0:
        before = token.doc[before.i - 1]
    after = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    return before.lower_ in CONNECTORS or (
        token.tag_ == "VBN" and after is not None and after.lower_ == "by"
    )


def _with_parenthesis(doc: Doc, end: int) -> int:
    """END, or the end of a parenthesis of Title-case words right after it ('(Draft for
    Comment)', '(Trial)'); an acronym in parentheses ('(PIPL)') is the title's short name."""
    if end + 1 >= len(doc) or doc[end].text != "(" or not doc[end + 1].is_title:
        return end
    for token in doc[end + 1 : end + 2 + limits().title_parenthesis]:
        if token.text == ")":
            return token.i + 1
        if token.is_upper or not (token.is_title or token.like_num or token.lower_ in CONNECTORS):
            return end
    return end


def _each_title(
    doc: Doc, begin: int, end: int, policy_heads: frozenset[str], short_heads: frozenset[str]
) -> list[tuple[int, int]]:
    """The titles of a run that joins two or more with 'and': 'the Data Security Law and the
    Measures for Security Review' are two titles, split where each side has a policy word of
    its own; 'the Law on Prevention and Control of Pollution' is one. A title of two words
    ends in one of SHORT_HEADS ('the Price Law')."""
    parts: list[tuple[int, int]] = []
    start = begin
    for token in doc[begin:end]:
        if token.lower_ not in JOINERS or token.i == start:
            continue
        before = {t.lower_ for t in doc[start : token.i]}
        after = {t.lower_ for t in doc[token.i + 1 : end]}
        if before & policy_heads and after & policy_heads:
            parts.append((start, token.i))
            start = token.i + 1
    parts.append((start, end))
    shortest = limits().title_min_tokens
    return [
        (b, e)
        for b, e in parts
        if e - b >= shortest or (e - b == 2 and doc[e - 1].lower_ in short_heads)
    ]


def _past_an_issuer(doc: Doc, begin: int, end: int, organs: set[int]) -> int:
    """Where a title starts after a curated organ's possessive: 'the PBoC's Payment Services
    Measures' names the measures, and the PBoC is who has them."""
    position = begin
    while position < end and position in organs:
        position += 1
    if begin < position < end and doc[position].lower_ in ("'s", "’s"):
        return position + 1
    return begin


def policy_titles(
    doc: Doc,
    mentions: list[Mention],
    policy_heads: frozenset[str],
    organisation_heads: frozenset[str] = frozenset(),
    short_heads: frozenset[str] = frozenset(),
) -> list[Mention]:
    """Replace partial mentions inside a full policy title with one Policy mention for it."""
    # A curated organ's name ('State Administration for Market Regulation') is not a title.
    organs = {
        i for m in mentions if m.label != "Policy" and m.gazetteer_id for i in range(m.start, m.end)
    }
    titles: list[Mention] = []
    runs = [
        part for run in _runs(doc) for part in _each_title(doc, *run, policy_heads, short_heads)
    ]
    shortest = limits().title_min_tokens
    for begin, end in runs:
        begin = _past_an_issuer(doc, begin, end, organs)
        if end - 1 in organs or end - begin < shortest - 1:
            continue
        words = [t.lower_ for t in doc[begin:end]]
        if not any(w in policy_heads for w in words) or doc[begin:end].text.count("\n"):
            continue
        if words[-1] in organisation_heads:
            continue  # "Harwell Law Firm", "Banking Law Institute": named bodies
        named = without_jurisdiction(doc[begin:end].text).split()
        if all(w in policy_heads or w in CONNECTORS for w in named):
            continue  # "Rules and the Measures" names no particular policy
        if words[0] == "the":
            begin += 1
        end = _with_parenthesis(doc, end)
        span = doc[begin:end]
        linked = linked_id(span.text, "Policy")
        titles.append(
            Mention(span.text, "Policy", begin, end, sentence_number(span), linked, METHOD)
        )
    if not titles:
        return mentions
    covered = {i for t in titles for i in range(t.start, t.end)}
    kept = [m for m in mentions if not (set(range(m.start, m.end)) & covered)]
    return sorted([*kept, *titles], key=lambda m: m.start)
