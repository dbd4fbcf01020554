"""Every example question the README, `kg ask --help` and the question file show answers
right on the sample graph (`kg demo`) or the dev corpus graph: what they promise is tested."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from kg.cli.main import main

ROOT = Path(__file__).resolve().parents[1]
SAMR = "State Administration for Market Regulation"

# question -> (graph, names the answer must hold). A new example must be added here.
EXPECTED = {
    "Who summoned Jack Ma?": ("samples", {"People's Bank of China",
        "China Banking and Insurance Regulatory Commission",
        "China Securities Regulatory Commission", "State Administration of Foreign Exchange"}),
    "Which regulators fined Didi?": ("samples", {"Cyberspace Administration of China"}),
    "Which regulators fined Didi since 2021?": ("samples", {"Cyberspace Administration of China"}),
    "Who regulates Ant Group?": ("samples", {"Shanghai Stock Exchange"}),
    "Who are Ant's owners?": ("samples", {"Alibaba Group"}),
    "What does Tencent own?": ("samples", {"Tencent Music Entertainment"}),
    "What did Jack Ma found?": ("samples", {"Alibaba Group", "Ant Group"}),
    "Who works at Alibaba?": ("samples", {"Daniel Zhang"}),
    "Which policies has the State Council issued?": ("samples", {
        "Anti-monopoly guidelines for the platform economy"}),
    "What is part of the State Council?": ("samples", {SAMR}),
    "Which firms were fined by Beijing since 2021?": ("dev", {"Alibaba Group"}),
    "Which firms were fined by Beijing?": ("dev", {"Alibaba Group"}),
    "Who has punished Alibaba?": ("samples", {SAMR}),
    "Who fined Alibaba?": ("samples", {SAMR}),
    "How are Jack Ma and the PBoC connected?": ("samples", {"Jack Ma", "People's Bank of China"}),
    "Which companies were fined most?": ("samples", {"Alibaba Group"}),
    "Which regulators are the most active?": ("samples", {SAMR}),
    "What happened to Ant Group?": ("samples", {"Shanghai Stock Exchange"}),
    "What is SAMR?": ("samples", {SAMR}),
    "Was Tencent actually fined?": ("dev", {SAMR}),
    "Who reportedly ordered Ant Group?": ("dev", {"People's Bank of China",
        "China Banking and Insurance Regulatory Commission",
        "China Securities Regulatory Commission", "State Administration of Foreign Exchange"}),
}  # fmt: skip


def shown_examples(runner) -> set[str]:
    """The example questions of the README, `kg ask --help` and questions.yaml."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    found = set(re.findall(r'kg ask "([^"]+)"', readme))
    knows = readme[readme.index("It knows:") : readme.index("`--format json` prints")]
    found |= set(re.findall(r'"([^"]+\?)"', knows))
    found |= set(re.findall(r'kg ask "([^"]+)"', runner.invoke(main, ["ask", "--help"]).output))
    questions = yaml.safe_load((ROOT / "kg/data/questions.yaml").read_text(encoding="utf-8"))
    found |= set(questions["examples"]) | {s["example"] for s in questions["special"]}
    # templates ("How are X and Y connected?") are not examples
    return {" ".join(q.split()) for q in found if not re.search(r"\b[XY]\b", q)}


def test_every_example_shown_is_checked_here(runner) -> None:
    assert shown_examples(runner) == set(EXPECTED)


@pytest.mark.parametrize("question", sorted(EXPECTED))
def test_example_question_answers_right(
    runner, samples_db: Path, dev_db: Path, question: str
) -> None:
    graph, names = EXPECTED[question]
    db = samples_db if graph == "samples" else dev_db
    result = runner.invoke(main, ["ask", question, "--format", "json", "--db", str(db)])
    assert result.exit_code == 0, result.output
    answers = json.loads(result.output)["answers"]
    assert answers, f"no answer to {question!r}"
    if all("name" in a for a in answers):
        assert names <= {a["name"] for a in answers}
    else:  # connections, timelines and rankings of regulators hold names inside
        text = json.dumps(answers, ensure_ascii=False)
        assert all(json.dumps(n, ensure_ascii=False) in text or n in text for n in names)
