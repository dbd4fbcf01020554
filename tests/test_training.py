"""kg train and kg eval --cv on a small annotated corpus written for these tests
(tests/fixtures/corpus), with a short training config."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.cli.main import main
from kg.extraction.settings import DEFAULT_CONFIG
from kg.extraction.trained import FORMAT

CORPUS = Path(__file__).parent / "fixtures" / "corpus"


@pytest.fixture(scope="module")
def quick_config(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped config with two epochs and two folds for the threshold."""
    text = DEFAULT_CONFIG.read_text(encoding="utf-8")
    text = text.replace("epochs = 10", "epochs = 2").replace(
        "threshold_folds = 5", "threshold_folds = 2"
    )
    assert "epochs = 2" in text and "threshold_folds = 2" in text
    path = tmp_path_factory.mktemp("config") / "quick.cfg"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def trained(tmp_path_factory: pytest.TempPathFactory, quick_config: Path) -> Path:
    from click.testing import CliRunner

    out = tmp_path_factory.mktemp("model") / "m"
    result = CliRunner().invoke(
        main, ["train", str(CORPUS), "--out", str(out), "--config", str(quick_config)]
    )
    assert result.exit_code == 0, result.output
    assert "Trained on 6 documents" in result.output
    return out


def test_train_writes_a_complete_model_directory(trained: Path) -> None:
    meta = json.loads((trained / "kg-model.json").read_text(encoding="utf-8"))
    assert meta["documents"] == 6 and meta["seed"] == 0 and meta["format"] == FORMAT
    assert meta["labels"] == ["Regulator", "Company", "Person", "Policy", "Product", "Media"]
    # a type no rule found needs at least the configured floor (the gold mentions flatter it)
    floor = meta["config"]["relations"]["unruled_floor"]
    assert 0.0 < floor <= meta["relations"]["threshold"] < 1.0
    assert 0.0 <= meta["relations"]["rule_threshold"] < 1.0  # 0: a rule's claim is kept
    assert meta["config"]["recogniser"]["epochs"] == 2
    # what the weights depend on besides the seed
    assert set(meta["libraries"]) == {"spacy", "thinc", "scikit-learn", "numpy", "scipy"}
    assert {p.name for p in trained.iterdir()} == {"kg-model.json", "ner", "relations"}
    assert {p.name for p in (trained / "relations").iterdir()} == {
        "relations.npz",
        "relations.json",
    }


def test_training_is_reproducible(trained: Path, quick_config: Path, tmp_path: Path) -> None:
    from kg.extraction.training import train

    again = tmp_path / "again"
    train([CORPUS], again, quick_config)
    for part in ("relations/relations.npz", "relations/relations.json", "ner/model", "ner/moves"):
        assert (again / part).read_bytes() == (trained / part).read_bytes(), part


def test_a_trained_model_is_used_by_extraction(trained: Path) -> None:
    from kg.extraction.extract import extract_documents
    from kg.extraction.pipeline import build_pipeline
    from kg.model import Document

    nlp = build_pipeline(str(trained))
    assert nlp.pipe_names[-1] == "kg_relations"
    assert set(nlp.get_pipe("ner").labels) >= {"Regulator", "Company", "Media"}
    text = "The Cyberspace Administration of China summoned Quillfeed on Monday."
    (graph,) = extract_documents(nlp, [Document(id="q", text=text, published="2022-01-03")])
    for relation in graph.relations:  # a two-epoch model may find nothing; what it finds is typed
        assert relation.method.startswith(("model:", "role", "verb", "noun", "possessive"))
        assert 0.0 < relation.confidence <= 1.0


def test_model_option_rejects_a_folder_that_is_not_a_model(runner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["eval", str(CORPUS), "--model", str(tmp_path)])
    assert result.exit_code == 1
    assert "not a trained model" in result.output and "kg train" in result.output


def test_eval_cross_validates_with_rules_beside(runner, quick_config: Path) -> None:
    result = runner.invoke(
        main,
        ["eval", str(CORPUS), "--cv", "2", "--config", str(quick_config), "--format", "json"],
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["documents"] == 6 and report["folds"] == 2
    for scores in (report, report["rules_only"]):
        for part in ("entities", "relations"):
            assert set(scores[part]) >= {"precision", "recall", "f1", "per_type"}
    gold_relations = sum(
        len(json.loads(p.read_text(encoding="utf-8"))["relations"])
        for p in CORPUS.glob("*.gold.json")
    )
    relations = report["relations"]
    assert relations["tp"] + relations["fn"] == gold_relations
    (folder,) = report["folders"].values()
    assert folder["documents"] == 6 and folder["trained"]["relations"]["tp"] == relations["tp"]


def test_eval_table_names_the_folds(runner, quick_config: Path) -> None:
    result = runner.invoke(main, ["eval", str(CORPUS), "--cv", "3", "--config", str(quick_config)])
    assert result.exit_code == 0, result.output
    assert "3-fold cross-validation" in result.output and "rules-only f1" in result.output


@pytest.mark.parametrize(
    ("arguments", "code", "message"),
    [
        (["--cv", "2", "--model", "rules"], 2, "--cv trains its own models"),
        (["--cv", "9"], 1, "needs 2 to 6 folds for 6 documents"),
        (["--config", "{config}"], 2, "--config and --base are for --cv"),
    ],
)
def test_eval_usage_errors(runner, quick_config: Path, arguments, code, message) -> None:
    arguments = [a.replace("{config}", str(quick_config)) for a in arguments]
    result = runner.invoke(main, ["eval", str(CORPUS), *arguments])
    assert result.exit_code == code
    assert message in result.output


def test_a_malformed_annotation_stops_training_with_its_name(runner, tmp_path: Path) -> None:
    for source in CORPUS.glob("t0[12]*.json"):
        (tmp_path / source.name).write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    gold = json.loads((tmp_path / "t02.gold.json").read_text(encoding="utf-8"))
    gold["relations"][0]["object"] = "Nobody Named So"
    (tmp_path / "t02.gold.json").write_text(json.dumps(gold), encoding="utf-8")
    result = runner.invoke(main, ["train", str(tmp_path), "--out", str(tmp_path / "m")])
    assert result.exit_code == 1
    assert "t02.gold.json" in result.output and "Nobody Named So" in result.output
    assert not (tmp_path / "m").exists()


def test_a_training_config_with_a_bad_value_is_named(runner, tmp_path: Path) -> None:
    text = DEFAULT_CONFIG.read_text(encoding="utf-8").replace("epochs = 10", 'epochs = "ten"')
    config = tmp_path / "bad.cfg"
    config.write_text(text, encoding="utf-8")
    result = runner.invoke(
        main, ["train", str(CORPUS), "--out", str(tmp_path / "m"), "--config", str(config)]
    )
    assert result.exit_code == 1
    assert "[recogniser] epochs" in result.output
    text = DEFAULT_CONFIG.read_text(encoding="utf-8").replace("unruled_floor = 0.5", "")
    config.write_text(text, encoding="utf-8")
    result = runner.invoke(
        main, ["train", str(CORPUS), "--out", str(tmp_path / "m"), "--config", str(config)]
    )
    assert result.exit_code == 1
    assert "[relations] lacks 'unruled_floor'" in result.output


def test_one_pair_can_state_two_types_and_a_pair_with_none_states_nothing() -> None:
    from kg.extraction.classifier import NONE, fit

    rows = [["role:chair", "types:Person>Company"]] * 20 + [["bw:visited"]] * 20
    labels = [["FOUNDED", "HOLDS_POSITION"]] * 20 + [[NONE]] * 20
    settings = {"C": 1.0, "max_iter": 200, "min_count": 1}
    classifier = fit(rows, labels, settings, seed=0)
    both, neither, forbidden = classifier.types_of_many(
        [rows[0], rows[-1], rows[0]],
        [["FOUNDED", "HOLDS_POSITION"], ["FOUNDED", "HOLDS_POSITION"], ["OWNS"]],
    )
    assert {t for t, p in both if p > 0.9} == {"FOUNDED", "HOLDS_POSITION"}
    assert all(p < 0.1 for _, p in neither)
    assert forbidden == []  # a type the ontology does not allow for the ends is never given


def test_a_model_of_another_format_is_refused(trained: Path, tmp_path: Path) -> None:
    import shutil

    from kg.errors import ModelError
    from kg.extraction.trained import MODEL_FILE, read_meta

    old = tmp_path / "old"
    shutil.copytree(trained, old)
    meta = json.loads((old / MODEL_FILE).read_text(encoding="utf-8"))
    meta["format"] = FORMAT - 1
    (old / MODEL_FILE).write_text(json.dumps(meta), encoding="utf-8")
    with pytest.raises(ModelError, match="model format"):
        read_meta(old)


def test_unmarked_names_in_running_text_are_left_unknown_and_headline_ones_taught_as_nothing() -> (
    None
):
    from kg.extraction.corpus import AnnotatedDocument
    from kg.extraction.recogniser import reference_doc
    from kg.extraction.training import plan, training_parser
    from kg.model import Document

    text = (
        "Analysts at Goldman Sachs said the State Administration for Market Regulation fined "
        "Lanmei Group.\n\nSource: Morgan Stanley"
    )
    gold = {
        "entities": [
            {
                "name": "State Administration for Market Regulation",
                "type": "Regulator",
                "mentions": ["State Administration for Market Regulation"],
            },
            {"name": "Lanmei Group", "type": "Company", "mentions": ["Lanmei Group"]},
        ],
        "relations": [],
    }
    settings = plan(None).recogniser
    annotated = AnnotatedDocument(Document(id="r", text=text), gold, Path("r.gold.json"))
    reference = reference_doc(training_parser(None)(text), annotated, settings)
    tags = {t.text: t.ent_iob_ for t in reference}
    assert tags["Goldman"] == tags["Sachs"] == ""  # unknown: neither a name nor nothing
    assert tags["Morgan"] == tags["Stanley"] == "O"  # after a colon: taught as nothing
    assert {(e.text, e.label_) for e in reference.ents} == {
        ("State Administration for Market Regulation", "Regulator"),
        ("Lanmei Group", "Company"),
    }


def test_a_type_a_rule_found_is_scored_however_unlikely_and_others_only_above_the_floor() -> None:
    from kg.extraction.classifier import FLOOR, NONE, fit

    rows = [["bw:visited"]] * 300 + [["role:chair"]] * 15 + [["role:founder"]] * 15
    labels = [[NONE]] * 300 + [["HOLDS_POSITION"]] * 15 + [["FOUNDED"]] * 15
    settings = {"C": 1.0, "max_iter": 200, "min_count": 1}
    classifier = fit(rows, labels, settings, seed=0)
    allowed = [["FOUNDED", "HOLDS_POSITION"]] * 2
    plain, ruled = classifier.types_of_many(
        [["bw:visited"], ["bw:visited", "rule:FOUNDED", "rule:FOUNDED:verb"]], allowed
    )
    assert plain == []
    assert [t for t, _ in ruled] == ["FOUNDED"]
    assert ruled[0][1] < FLOOR


def test_the_model_carries_calibration_curves_that_rise(trained: Path) -> None:
    saved = json.loads((trained / "relations" / "relations.json").read_text(encoding="utf-8"))
    for name in ("ruled", "unruled"):
        xs, ys = saved["calibration"][name]
        assert len(xs) == len(ys)
        assert xs == sorted(xs) and ys == sorted(ys)  # isotonic: more probable, more often right
        assert all(0.0 <= v <= 1.0 for v in (*xs, *ys))


def test_calibration_gives_the_share_right_apart_for_ruled_and_unruled_types() -> None:
    from kg.extraction.training import calibrate

    triple = ("a", "FINED", "b")
    # invented out-of-fold claims: a rule's low-probability claims were mostly right,
    # the classifier's own low-probability claims mostly wrong
    scored = [(n, triple, 0.1, True, n % 4 != 0) for n in range(40)]
    scored += [(n, triple, 0.9, True, True) for n in range(10)]
    scored += [(n, triple, 0.1, False, n % 4 == 0) for n in range(40)]
    scored += [(n, triple, 0.9, False, n % 10 != 0) for n in range(10)]
    curves = calibrate(scored)
    assert curves(0.1, ruled=True) == pytest.approx(0.75)
    assert curves(0.1, ruled=False) == pytest.approx(0.25)
    assert curves(0.9, ruled=True) == pytest.approx(1.0)
    assert curves(0.9, ruled=False) == pytest.approx(0.9)
    assert curves(0.5, ruled=False) == pytest.approx(0.575)  # between two points: interpolated
    assert curves(0.01, ruled=False) == pytest.approx(0.25)  # outside: the nearest end


def test_a_classifier_saved_without_calibration_keeps_its_probabilities(tmp_path: Path) -> None:
    import numpy as np

    from kg.errors import ModelError
    from kg.extraction.classifier import RelationClassifier

    plain = RelationClassifier(("NONE", "FINED"), {"f": 0}, np.zeros((2, 1)), np.zeros(2))
    plain.save(tmp_path)
    path = tmp_path / "relations.json"
    saved = json.loads(path.read_text(encoding="utf-8"))
    del saved["calibration"]
    path.write_text(json.dumps(saved), encoding="utf-8")
    assert RelationClassifier.load(tmp_path).confidence(0.37, ruled=True) == 0.37
    saved["calibration"] = {"ruled": [[0.5, 0.2], [0.1, 0.3]], "unruled": [[], []]}
    path.write_text(json.dumps(saved), encoding="utf-8")
    with pytest.raises(ModelError, match="calibration curve 'ruled'"):
        RelationClassifier.load(tmp_path)
