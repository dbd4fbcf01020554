"""Plain-English questions to named queries: intent from kg/data/questions.yaml, entities
linked to the graph, parameters only (no query text is ever built from the question)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from kg.data_files import QuestionsFile, load_checked
from kg.errors import KGError
from kg.extraction.dates import calendar_years, end_of_period
from kg.model import fact_id
from kg.ontology import ontology
from kg.queries.connections import connections
from kg.queries.library import find_query, run_named
from kg.queries.linking import (
    EntityLinker,
    Found,
    LinkedEntity,
    possessives,
    store_linker,
    tokens,
)
from kg.queries.question_parse import QuestionParse, parse_question
from kg.store.base import GraphStore

EVIDENCE_PER_ANSWER = 3
RANKING_LIMIT = 10
COUNT_NOTE = "ranked by the number of articles reporting it"
AMOUNT_NOTE = (
    "ranked by the total of fines with a reported amount; a fine several articles report "
    "counts once; fines without an amount are left out"
)
_BE = frozenset({"is", "are", "was", "were", "been", "be"})


class QuestionError(KGError):
    """A question none of the known kinds matches."""


@dataclass(frozen=True)
class Cue:
    """A relationship cue of questions.yaml."""

    kind: str
    pattern: re.Pattern[str]
    types: tuple[str, ...]
    noun: str | None
    symmetric: bool


@dataclass(frozen=True)
class Special:
    """A question kind recognised by its whole shape (connections, rankings, timelines)."""

    kind: str
    example: str
    query: str
    patterns: tuple[re.Pattern[str], ...]
    unless_cue: bool = False  # not this kind when what it captured holds a relationship cue


@dataclass(frozen=True)
class QuestionRules:
    """questions.yaml, compiled."""

    special: tuple[Special, ...]
    cues: tuple[Cue, ...]
    answer_types: dict[str, tuple[str, ...]]
    frame_words: frozenset[str]
    dates: dict[str, re.Pattern[str]]
    modalities: tuple[tuple[re.Pattern[str], tuple[str, ...]], ...]


@cache
def question_rules() -> QuestionRules:
    """The question patterns, loaded once."""
    raw = load_checked("questions.yaml", QuestionsFile)
    special = tuple(
        Special(
            s.kind,
            s.example,
            s.query,
            tuple(re.compile(p, re.IGNORECASE) for p in s.patterns),
            s.unless_cue,
        )
        for s in raw.special
    )
    cues = tuple(
        Cue(
            c.kind,
            re.compile(c.pattern, re.IGNORECASE),
            c.types,
            c.noun,
            c.symmetric,
        )
        for c in raw.relations
    )
    answer_types: dict[str, tuple[str, ...]] = {}
    for label, nouns in raw.answer_types.items():
        for noun in nouns:
            answer_types[noun] = (*answer_types.get(noun, ()), label)
    for word, labels in raw.wh_types.items():
        answer_types[word] = tuple(labels)
    dates = {k: re.compile(v, re.IGNORECASE) for k, v in raw.dates.items()}
    modalities = []
    for entry in raw.modalities:
        modalities.append((re.compile(entry.pattern, re.IGNORECASE), tuple(entry.keep)))
    return QuestionRules(
        special, cues, answer_types, frozenset(raw.frame_words), dates, tuple(modalities)
    )


def modalities_asked(question: str) -> list[str]:
    """The modalities a question keeps ("was X actually fined" keeps what was asserted); empty
    for every report."""
    for pattern, keep in question_rules().modalities:
        if pattern.search(question):
            return list(keep)
    return []


def question_kinds() -> list[str]:
    """One example per kind of question understood, for the 'not understood' message."""
    return [
        *load_checked("questions.yaml", QuestionsFile).examples,
        *(s.example for s in question_rules().special),
    ]


@dataclass
class Interpretation:
    """What a question asks: the kind, the named query and its parameters."""

    question: str
    kind: str
    query: str
    params: dict[str, Any]
    entities: list[LinkedEntity] = field(default_factory=list)
    extra_queries: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    note: str = ""  # how the answers are ranked or chosen, when the reader should know
    fallback: Interpretation | None = None  # what answers instead when this finds nothing


def date_range(question: str) -> tuple[str, str, str]:
    """(since, until, the question without its date phrase)."""
    rules = question_rules().dates
    since = until = ""
    if match := rules["between"].search(question):
        since, until = match["since"], end_of_period(match["until"])
    else:
        if match := rules["since"].search(question):
            since = match["since"]
        if match := rules["until"].search(question):
            until = _before(match["until"])
        if not since and not until and (match := rules["year"].search(question)):
            since, until = match["year"], end_of_period(match["year"])
    stripped = question
    for pattern in rules.values():
        stripped = pattern.sub(" ", stripped)
    return since, until, " ".join(stripped.split())


def _before(date: str) -> str:
    """Dates strictly before DATE compare below this string."""
    return date + "-00" if len(date) < 10 else date


def interpret(question: str, linker: EntityLinker) -> Interpretation:
    """The named query and parameters that answer QUESTION."""
    rules = question_rules()
    since, until, text = date_range(question)
    text = text.strip().rstrip("?!. ")
    for special in rules.special:
        for pattern in special.patterns:
            match = pattern.search(text)
            if match is None:
                continue
            captured = [v for v in match.groupdict().values() if v]
            if special.unless_cue and any(
                not linker.knows(v) and _cue(v.lower()) for v in captured
            ):
                continue  # "what is part of X" asks about X's parts, not what "part of X" is
            return _special(question, special, match, linker, since, until)
    words = tokens(text)
    asked = _cue(text.lower())
    found = linker.find_in(
        words,
        rules.frame_words,
        possessives(text),
        _fitting(text.lower(), words),
        frozenset(asked.types) if asked else frozenset(),
    )
    if not found:
        if _cue(" ".join(w.lower() for w in words)) is None:
            raise not_understood(question)
        found = [closest_name(words, linker)]
    target = found[-1] if _by_before(words, found[-1]) else found[0]
    frame_words = [*words[: target.start], "X", *words[target.end :]]
    frame = " ".join(w if w == "X" else w.lower() for w in frame_words)
    parsed = parse_question(
        words[: target.start], words[target.end :], target.end - 1 in possessives(text)
    )
    cue = _cue(frame) or _cue(parsed.lemmas)
    if cue is None:
        raise not_understood(question)
    direction = _parsed_direction(parsed, cue) or _direction(frame, frame_words, cue)
    labels = _answer_labels(words[: target.start] if target.start else words)
    params = {
        "id": target.entity.id,
        "types": list(cue.types),
        "labels": labels,
        "since": since,
        "until": until,
        "modalities": modalities_asked(text),
    }
    note = ""
    if params["modalities"]:
        note = "only facts the articles report as " + " or ".join(params["modalities"])
    interpretation = Interpretation(
        question, cue.kind, f"ask_{direction}", params, [target.entity], note=note
    )
    if cue.symmetric:
        other = "outgoing" if direction == "incoming" else "incoming"
        interpretation.extra_queries.append((f"ask_{other}", params))
    return interpretation


def _special(
    question: str,
    special: Special,
    match: re.Match[str],
    linker: EntityLinker,
    since: str,
    until: str,
) -> Interpretation:
    groups = {k: v for k, v in match.groupdict().items() if v}
    entities = [linker.link(groups[k]) for k in ("a", "b") if k in groups]
    if special.query == "paths_between":
        params: dict[str, Any] = {"a": entities[0].name, "b": entities[1].name}
    elif special.query == "entity_timeline":
        params = {"id": entities[0].id, "since": since, "until": until}
    elif special.query == "entity_card":
        params = {"id": entities[0].id}
    elif special.kind == "ranking_targets":
        cue = _cue(groups.get("verb", "").lower())
        if cue is None:
            raise not_understood(question)
        ranking: dict[str, Any] = {"types": list(cue.types), "limit": RANKING_LIMIT}
        by_count = Interpretation(
            question, special.kind, "ranked_targets", ranking, note=COUNT_NOTE
        )
        if since or until:
            by_count = Interpretation(
                question,
                special.kind,
                "ranked_targets_between",
                {**ranking, "since": since, "until": until},
                note=COUNT_NOTE,
            )
        if cue.types != ("FINED",):
            return by_count
        by_count.note = COUNT_NOTE + " (no fine amounts are recorded)"
        return Interpretation(
            question,
            special.kind,
            "fined_amounts",
            {"since": since, "until": until},
            note=AMOUNT_NOTE,
            fallback=by_count,
        )
    else:
        params = {"limit": RANKING_LIMIT}
    return Interpretation(question, special.kind, special.query, params, entities)


def _fitting(question: str, words: list[str]) -> Callable[[int], frozenset[str]]:
    """For a name starting at a word: the entity types the question's relationship allows
    there (its subjects after "by", else either end), to tell apart entities of one name."""
    cue = _cue(question)
    if cue is None:
        return lambda start: frozenset()
    kinds = [ontology().relation(t) for t in cue.types]
    subjects = frozenset(label for k in kinds for label in k.domain)
    either = subjects | frozenset(label for k in kinds for label in k.range)
    return lambda start: subjects if start > 0 and words[start - 1].lower() == "by" else either


def _counts_years(name: str) -> bool:
    """Whether named query NAME takes its period as calendar years, not dates."""
    return any(p.type == "year" for p in find_query(name).parameters if p.name == "since")


def _by_before(words: list[str], found: Found) -> bool:
    return found.start > 0 and words[found.start - 1].lower() == "by"


def _cue(frame: str) -> Cue | None:
    """The first verb cue that matches, else the first noun cue."""
    matching = [c for c in question_rules().cues if c.pattern.search(frame)]
    verbs = [c for c in matching if c.noun is None]
    ranked = verbs or matching
    return ranked[0] if ranked else None


def _parsed_direction(parsed: QuestionParse, cue: Cue) -> str:
    """'outgoing' when the parse makes the entity the doer of what is asked ("what did X
    buy", "fined by X"), 'incoming' when it undergoes it ("who fined X", "was X fined"), and
    for "X's owners" / "the owners of X" what the noun says; '' when the parse cannot tell."""
    if parsed.role in ("subject", "agent"):
        return "outgoing"
    if parsed.role in ("passive", "object"):
        return "incoming"
    if parsed.role in ("possessor", "of_noun") and _cue(parsed.head) is not None:
        return cue.noun or "incoming"
    return ""


def _direction(frame: str, words: list[str], cue: Cue) -> str:
    """Without a usable parse: 'incoming' when the entity is the object of the relationship
    asked about, from the words around it."""
    x = words.index("X")
    if x + 1 < len(words) and words[x + 1].lower() == "by":
        return "incoming"  # "who is X owned by"
    if " by X" in frame:
        return "outgoing"
    if cue.noun is not None:
        return cue.noun
    match = cue.pattern.search(frame)
    entity_at = frame.index("X")
    if match is not None and match.start() < entity_at:
        return "incoming"
    before = words[x - 1].lower() if x > 0 else ""
    if before in _BE and re.search(r"\b\w+(?:ed|en|wn|ht)\b", frame[entity_at:]):
        return "incoming"  # "was Alibaba fined"
    if re.search(r"\bX (?:been|be|being|got|get|gotten) \w+(?:ed|en|wn|ht)\b", frame):
        return "incoming"  # "has Tencent been investigated"
    return "outgoing"


def _answer_labels(words: list[str]) -> list[str]:
    """Types the answers must have, from 'which regulators', 'what companies', 'where'."""
    types = question_rules().answer_types
    lowered = [w.lower() for w in words]
    for index, word in enumerate(lowered):
        if word in ("which", "what") and index + 1 < len(lowered):
            following = lowered[index + 1]
            if following in types:
                return list(types[following])
        if word == "where" and word in types:
            return list(types[word])
    return []


def closest_name(words: list[str], linker: EntityLinker) -> Found:
    """The entity the name-like words of the question are closest to (a typo, a variant),
    or an error with the candidates."""
    rules = question_rules()
    content = [
        i
        for i, w in enumerate(words)
        if w.lower() not in rules.frame_words
        and (w[:1].isupper() or not _is_cue_word(w.lower()))  # "Office" of a name stays
    ]
    capitalised = [i for i in content if words[i][:1].isupper()] or content
    if not capitalised:
        raise KGError("No entity name found in the question.")
    start, end = capitalised[0], capitalised[-1] + 1
    return Found(linker.link(" ".join(words[start:end])), start, end)


def _is_cue_word(word: str) -> bool:
    return any(c.pattern.fullmatch(word) for c in question_rules().cues)


def not_understood(question: str) -> QuestionError:
    kinds = "\n  ".join(question_kinds())
    return QuestionError(f"Cannot read the question {question!r}. Questions I know:\n  {kinds}")


@dataclass
class Answer:
    """The interpretation, the query texts run and the answers."""

    interpretation: Interpretation
    cypher: str
    rows: list[dict[str, Any]]

    def as_json(self) -> dict[str, Any]:
        """The shape of DESIGN.md: question, intent, cypher, answers with evidence."""
        return {
            "question": self.interpretation.question,
            "intent": self.interpretation.kind,
            "query": self.interpretation.query,
            "params": self.interpretation.params,
            "cypher": self.cypher,
            "entities": [e.__dict__ for e in self.interpretation.entities],
            **({"note": self.interpretation.note} if self.interpretation.note else {}),
            "answers": self.rows,
        }


def ask(store: GraphStore, question: str, since: str = "", until: str = "") -> Answer:
    """Answer QUESTION from STORE; --since/--until narrow what the question says."""
    interpretation: Interpretation | None = interpret(question, store_linker(store))
    answer = None
    while interpretation is not None:
        answer = _answer(store, interpretation, since, until)
        if answer.rows:
            break
        interpretation = interpretation.fallback
    assert answer is not None
    return answer


def _answer(store: GraphStore, interpretation: Interpretation, since: str, until: str) -> Answer:
    for key, value in (("since", since), ("until", until)):
        if value and key in interpretation.params:
            interpretation.params[key] = value if key == "since" else end_of_period(value)
    if _counts_years(interpretation.query):
        first, last = calendar_years(interpretation.params["since"], interpretation.params["until"])
        interpretation.params.update(since=first, until=last)
    runs = [(interpretation.query, interpretation.params), *interpretation.extra_queries]
    rows: dict[str, dict[str, Any]] = {}
    texts = []
    for name, params in runs:
        texts.append(find_query(name).text(store.dialect))
        for row in run_named(store, name, params):
            row = _with_facts(name, params, row)
            key = str(row.get("id") or sorted(row.items()))
            if key in rows and isinstance(row.get("evidence"), list):
                merged = rows[key]
                merged["relations"] = sorted(set(merged["relations"]) | set(row["relations"]))
                merged["evidence"] = [*merged["evidence"], *row["evidence"]]
                merged["facts"] = sorted({*merged.get("facts", ()), *row.get("facts", ())})
            else:
                rows[key] = dict(row)
    answers = [_trimmed(row) for row in rows.values()]
    if interpretation.query == "fined_amounts":
        answers = ranked_by_amount(answers)
    if interpretation.query == "paths_between":
        answers = connections(lambda name, params: run_named(store, name, params), answers)
    return Answer(interpretation, "\n\n".join(texts), answers)


def ranked_by_amount(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows of fined_amounts (one per company and currency) with their "total", largest
    first within each currency, the currency most companies were fined in first."""
    companies: dict[str, int] = {}
    for row in rows:
        companies[row["currency"]] = companies.get(row["currency"], 0) + 1
    totals = [{**row, "total": sum(row["amounts"])} for row in rows]
    totals.sort(key=lambda r: (-companies[r["currency"]], r["currency"], -r["total"], r["name"]))
    return totals[:RANKING_LIMIT]


def _with_facts(query: str, params: dict[str, Any], row: dict[str, Any]) -> dict[str, Any]:
    """ROW of an ask_outgoing / ask_incoming query with the ids of the facts behind it (what
    kg reject takes)."""
    if query not in ("ask_outgoing", "ask_incoming") or not row.get("id"):
        return row
    ends = (params["id"], row["id"]) if query == "ask_outgoing" else (row["id"], params["id"])
    return {**row, "facts": sorted(fact_id(ends[0], rel, ends[1]) for rel in row["relations"])}


def _trimmed(row: dict[str, Any]) -> dict[str, Any]:
    """At most three evidence sentences, newest first, without repeats."""
    if "evidence" not in row or not isinstance(row["evidence"], list):
        return row
    seen: set[str] = set()
    evidence = []
    for item in sorted(row["evidence"], key=lambda e: str(e.get("date") or ""), reverse=True):
        if item.get("sentence") and item["sentence"] not in seen:
            seen.add(item["sentence"])
            evidence.append(item)
    row["evidence"] = evidence[:EVIDENCE_PER_ANSWER]
    return row
