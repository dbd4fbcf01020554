"""The data files are checked when loaded: a malformed one is one error naming the file and the
key, never a KeyError inside a rule. Each case breaks a copy of a shipped file in memory."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from kg import data_files
from kg.data_files import DemoFile, GazetteerFile, QuestionsFile, RankingsFile, load_checked
from kg.errors import KGError
from kg.resources import load_yaml
from kg.rule_files import CuesFile, TypingFile

MODELS = {
    "cues.yaml": CuesFile,
    "typing.yaml": TypingFile,
    "questions.yaml": QuestionsFile,
    "rankings.yaml": RankingsFile,
    "demo.yaml": DemoFile,
    "gazetteer.yaml": GazetteerFile,
}


@pytest.mark.parametrize("name", sorted(MODELS))
def test_every_shipped_data_file_loads(name: str) -> None:
    assert isinstance(load_checked(name, MODELS[name]), MODELS[name])


def _set(data: dict[str, Any], path: str, value: Any) -> None:
    *parents, last = path.split(".")
    for key in parents:
        data = data[int(key)] if isinstance(data, list) else data[key]
    if value is KeyError:
        del data[last]
    elif isinstance(data, list):
        data[int(last)] = value
    else:
        data[last] = value


@pytest.mark.parametrize(
    ("name", "path", "value", "message"),
    [
        ("cues.yaml", "verbs.FINED.lemmas", 7, "verbs.FINED.lemmas: Input should be a valid tuple"),
        (
            "cues.yaml",
            "verbs.BRIBED",
            {"lemmas": ["bribe"]},
            "verbs: Value error, unknown relationship type 'BRIBED'",
        ),
        ("cues.yaml", "verb_cues", [], "verb_cues: Extra inputs are not permitted"),
        ("cues.yaml", "groups.window", 0, "groups.window: Input should be greater than 0"),
        ("typing.yaml", "limits", KeyError, "limits: Field required"),
        (
            "typing.yaml",
            "limits.title_case_share",
            2,
            "limits.title_case_share: Input should be less than or equal to 1",
        ),
        (
            "typing.yaml",
            "anaphors.Agency",
            ["agency"],
            "anaphors: Value error, unknown label 'Agency'",
        ),
        (
            "typing.yaml",
            "junk_patterns",
            ["(unclosed"],
            "junk_patterns: Value error, not a regular expression",
        ),
        (
            "questions.yaml",
            "relations.0.pattern",
            "(",
            "relations.0.pattern: Value error, not a regular expression",
        ),
        (
            "questions.yaml",
            "linking.fuzzy_accept",
            101,
            "linking.fuzzy_accept: Input should be less than or equal to 100",
        ),
        (
            "questions.yaml",
            "modalities.0.keep",
            ["certain"],
            "modalities.0.keep: Value error, unknown modality ['certain']",
        ),
        (
            "rankings.yaml",
            "boards.active_regulators.ranked",
            "middle",
            "boards.active_regulators.ranked: Input should be 'subject' or 'object'",
        ),
        ("rankings.yaml", "size", -1, "size: Input should be greater than 0"),
        ("demo.yaml", "questions.0.params", KeyError, "questions.0.params: Field required"),
        ("gazetteer.yaml", "3.type", KeyError, "3.type (entry "),
        ("gazetteer.yaml", "0.type", "Agency", "0.type (entry "),
        ("gazetteer.yaml", "0.wikidata", "wd:42", "0.wikidata (entry "),
    ],
)
def test_a_malformed_data_file_is_one_error_naming_the_file_and_the_key(
    monkeypatch: pytest.MonkeyPatch, name: str, path: str, value: Any, message: str
) -> None:
    broken = copy.deepcopy(load_yaml(name))
    _set(broken, path, value)
    monkeypatch.setattr(data_files, "load_yaml", lambda asked: broken if asked == name else None)
    data_files._load_checked.cache_clear()
    try:
        with pytest.raises(KGError) as caught:
            load_checked(name, MODELS[name])
    finally:
        data_files._load_checked.cache_clear()
    assert str(caught.value).startswith(f"kg/data/{name}: {message}")
