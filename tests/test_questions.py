"""Questions analysts ask, on a graph written by hand (names invented): parts, people, what an
actor did in a period, yes/no passives, a name two entities share, and names written as the
store's resolution rules allow."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from conftest import article

from kg.cli.main import main
from kg.store import open_store

REGULATOR = ("northern-data-bureau", "Northern Data Bureau", "Regulator")
COUNCIL = ("harbour-council", "Harbour Council", "Regulator")
FIRM = ("quillfeather-ltd", "Quillfeather Ltd", "Company")
CHIEF = ("wen-haoran", "Wen Haoran", "Person")


def dated(graph, day: str):
    relations = tuple(replace(r, date=day) for r in graph.relations)
    return replace(graph, document=replace(graph.document, published=day), relations=relations)


def stated(graph, modality: str):
    relations = tuple(replace(r, modality=modality) for r in graph.relations)
    return replace(graph, relations=relations)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("questions") / "db"
    graphs = [
        dated(
            article("q1", [REGULATOR, COUNCIL], [(REGULATOR[0], "PART_OF", COUNCIL[0])]),
            "2022-01-05",
        ),
        dated(
            article("q2", [REGULATOR, FIRM], [(REGULATOR[0], "INVESTIGATES", FIRM[0])]),
            "2023-03-01",
        ),
        dated(article("q3", [REGULATOR, FIRM], [(REGULATOR[0], "FINED", FIRM[0])]), "2021-06-01"),
        dated(article("q4", [CHIEF, FIRM], [(CHIEF[0], "HOLDS_POSITION", FIRM[0])]), "2023-04-01"),
        article("q7", [CHIEF, REGULATOR], [(CHIEF[0], "CRITICIZED", REGULATOR[0])]),
        stated(article("q8", [REGULATOR, FIRM], [(REGULATOR[0], "SUSPENDED", FIRM[0])]), "planned"),
        stated(article("q9", [COUNCIL, FIRM], [(COUNCIL[0], "SUSPENDED", FIRM[0])]), "hedged"),
    ]
    # one article calls the council "Harbour", as a firm elsewhere is called
    harbour = dated(article("q5", [COUNCIL, FIRM], [(COUNCIL[0], "FINED", FIRM[0])]), "2023-05-01")
    harbour = replace(
        harbour, mentions={**harbour.mentions, COUNCIL[0]: ("Harbour Council", "Harbour")}
    )
    namesake = article("q6", [("harbour", "Harbour", "Company")])
    with open_store(path) as store:
        store.write([*graphs, harbour, namesake])
    return path


@pytest.mark.parametrize(
    ("question", "intent", "answers"),
    [
        ("What is part of the Harbour Council?", "part_of", ["Northern Data Bureau"]),
        ("Who are the people at Quillfeather?", "positions", ["Wen Haoran"]),
        ("What did the Northern Data Bureau do in 2023?", "actions", ["Quillfeather Ltd"]),
        ("Has Quillfeather been investigated?", "investigated", ["Northern Data Bureau"]),
        ("Was Quillfeather Ltd fined?", "fined", ["Harbour Council", "Northern Data Bureau"]),
        ("Which firms were fined by Harbour since 2022?", "fined", ["Quillfeather Ltd"]),
        ("What has the Northern Data Office done?", "actions", ["Quillfeather Ltd"]),
        ("Who did Haoran Wen work for?", "positions", ["Quillfeather Ltd"]),
        # the parse says who does what: the entity as subject, object, passive subject, agent
        ("Which positions does Wen Haoran hold?", "positions", ["Quillfeather Ltd"]),
        ("Where does Wen Haoran work?", "positions", ["Quillfeather Ltd"]),
        ("Has Quillfeather ever been probed?", "investigated", ["Northern Data Bureau"]),
        (
            "Who imposed fines on Quillfeather?",
            "fined",
            ["Harbour Council", "Northern Data Bureau"],
        ),
        ("Whom did the Northern Data Bureau fine?", "fined", ["Quillfeather Ltd"]),
        ("What is the Northern Data Bureau part of?", "part_of", ["Harbour Council"]),
        ("Which bodies are under the Harbour Council?", "part_of", ["Northern Data Bureau"]),
        # a person who criticizes is the doer, not the one criticized
        ("Who did Wen Haoran criticize?", "criticized", ["Northern Data Bureau"]),
        ("Who has criticized the Northern Data Bureau?", "criticized", ["Wen Haoran"]),
        ("Was the Northern Data Bureau criticized by anyone?", "criticized", ["Wen Haoran"]),
        # how sure the facts must be: a plan, a hedged report, or stated as fact
        ("Who suspended Quillfeather?", "suspended", ["Harbour Council", "Northern Data Bureau"]),
        ("Who is planning to suspend Quillfeather?", "suspended", ["Northern Data Bureau"]),
        ("Who reportedly suspended Quillfeather?", "suspended", ["Harbour Council"]),
        ("Has Quillfeather actually been suspended?", "suspended", []),
        ("Was Quillfeather really fined?", "fined", ["Harbour Council", "Northern Data Bureau"]),
    ],
)
def test_questions_analysts_ask(
    runner, db: Path, question: str, intent: str, answers: list[str]
) -> None:
    import json

    result = runner.invoke(main, ["ask", question, "--format", "json", "--db", str(db)])
    assert result.exit_code == 0, result.output
    answer = json.loads(result.output)
    assert answer["intent"] == intent
    assert sorted(a["name"] for a in answer["answers"]) == sorted(answers)


def test_a_profile_question_is_still_a_profile(runner, db: Path) -> None:
    result = runner.invoke(main, ["ask", "What is the Northern Data Bureau?", "--db", str(db)])
    assert result.exit_code == 0 and "[profile: Northern Data Bureau]" in result.output
