"""Resolution across articles: which names are one actor, by the rules of
kg/data/resolution.yaml, and how an ingest applies them and people's judgements. Every name
here is invented for the test."""

from __future__ import annotations

import json

import pytest
from conftest import article

from kg.resolution.across import KnownActors
from kg.resolution.matching import compare, pairs, record
from kg.resolution.rules import name_rules

MERGE_AT = name_rules().merge_at


def score(left: str, right: str, label: str = "Company", right_label: str | None = None) -> float:
    a = record("a", label, [left])
    b = record("b", right_label or label, [right])
    return compare(a, b).score


@pytest.mark.parametrize(
    ("left", "right", "label"),
    [
        ("Quillfeather Ltd", "Quillfeather Holdings Inc", "Company"),  # legal-form words
        ("Ministry for Digital Regulation", "Chinese Ministry of Digital Supervision", "Regulator"),
        ("Office of Data Regulation of China", "Data Regulation Office", "Regulator"),
        ("Wen Haoran", "Haoran Wen", "Person"),  # family name first or last
        ("NDSB", "National Data Security Bureau", "Regulator"),  # acronym and initials
        ("Quillfeather Technologies", "Quilfeather Technologies", "Company"),  # a typo
        ("Lanmo Pay", "LanmoPay", "Product"),  # written apart
        (
            "Cybersecurity Administration of China",
            "Cyberspace Administration of China",
            "Regulator",
        ),
        ("Provisions on Drone Data", "Rules on Drone Data", "Policy"),  # translation variants
        ("Draft Rules on Drone Data", "Rules on Drone Data", "Policy"),  # stages of one rule
        ("Rules on Drone Data (Trial)", "Revised Rules on Drone Data", "Policy"),
        ("Measures on Kite Data (Draft for Comment)", "Measures on Kite Data", "Policy"),
        ("DRS Law", "Drone Registry Safety Law", "Policy"),  # acronym of the first words
        ("Drone Registry Safety Act", "DRS Law", "Policy"),
        ("DRS Law (Draft)", "Drone Registry Safety Law", "Policy"),
        ("QFT Leasing", "Quill Feather Trust Leasing", "Company"),
    ],
)
def test_names_of_one_actor_merge(left: str, right: str, label: str) -> None:
    assert score(left, right, label) >= MERGE_AT


@pytest.mark.parametrize(
    ("left", "right", "label"),
    [
        ("Bank of Lanzhou", "Agricultural Bank of Lanzhou", "Company"),  # a name inside another
        ("Harbour Times", "Times", "Media"),  # a newspaper's last word alone
        ("Quillfeather Technologies", "Quillfeather Music", "Company"),  # another word
        ("Rules on Drone Data No. 3", "Rules on Drone Data No. 4", "Policy"),  # numbers
        ("Wen Haoran", "Wen Haoming", "Person"),
        ("JD", "Jade Dragon", "Company"),  # two letters are too few for an acronym
        ("Data Security Bureau", "Data Protection Bureau", "Regulator"),
        ("DRS Law", "Drone Registry Safety Rules", "Policy"),  # the words after differ
        ("DRS Law", "Data Retention Law", "Policy"),  # initials of other words
        ("QFT Leasing", "Quill Feather Trust", "Company"),
        ("Draft Rules on Drone Data", "Rules on Kite Data", "Policy"),
        ("New Horizon Media", "Horizon Media", "Company"),  # a stage word is a firm's word
        ("Wen Haoran", "WH Haoran", "Person"),
    ],
)
def test_different_actors_stay_apart(left: str, right: str, label: str) -> None:
    assert score(left, right, label) < MERGE_AT


def test_an_acronym_of_the_first_words_meets_the_full_name_among_many() -> None:
    # blocking: the pair is compared though the names share no acronym, initials or rare word
    others = [record(f"law-{n}", "Policy", [f"Law on Harbour Zone {n}"]) for n in range(300)]
    short = record("drs", "Policy", ["DRS Law"])
    full = record("drone", "Policy", ["Drone Registry Safety Law"])
    compared = {(a.id, b.id): m for a, b, m in pairs([full, *others, short])}
    assert compared[("drone", "drs")].score >= MERGE_AT


def test_never_across_types() -> None:
    assert score("Lanmo", "Lanmo", "Company", right_label="Product") == 0


def test_short_forms_of_one_article_are_not_names_across_articles() -> None:
    # "Wen" stood for Wen Haoran in one article; it says nothing about Wen Lijun elsewhere
    a = record("a", "Person", ["Wen Haoran", "Wen"])
    b = record("b", "Person", ["Wen Lijun", "Wen"])
    assert compare(a, b).score < MERGE_AT
    assert [f.surface for f in a.forms] == ["Wen Haoran"]


FIRST = article(
    "a1",
    [("quillfeather-ltd", "Quillfeather Ltd", "Company"), ("lanmo-pay", "Lanmo Pay", "Product")],
    [("quillfeather-ltd", "OPERATES", "lanmo-pay")],
)
SECOND = article(
    "a2",
    [
        ("ministry-of-commerce", "Ministry of Commerce", "Regulator"),
        ("quillfeather", "Quillfeather", "Company"),
    ],
    [("ministry-of-commerce", "SUMMONED", "quillfeather")],
)


def test_a_later_article_takes_the_id_of_the_actor_an_earlier_one_named() -> None:
    actors = KnownActors()
    actors.resolve(FIRST)
    second = actors.resolve(SECOND)
    assert {e.id for e in second.entities} == {"ministry-of-commerce", "quillfeather-ltd"}
    assert [(r.subject, r.type, r.object) for r in second.relations] == [
        ("ministry-of-commerce", "SUMMONED", "quillfeather-ltd")
    ]
    (company,) = [e for e in second.entities if e.label == "Company"]
    assert company.name == "Quillfeather Ltd" and "Quillfeather" in company.aliases
    assert second.mentions["quillfeather-ltd"] == ("Quillfeather",)
    assert set(actors.decisions) == {"quillfeather"}


def test_a_variant_of_a_curated_name_takes_the_curated_id() -> None:
    graph = article("a3", [("ministry-for-commerce", "Chinese Ministry for Commerce", "Regulator")])
    (entity,) = KnownActors().resolve(graph).entities
    assert entity.id == "ministry-of-commerce" and entity.name == "Ministry of Commerce"


def test_judgements_override_names() -> None:
    apart = KnownActors(apart=[("quillfeather", "quillfeather-ltd")])
    apart.resolve(FIRST)
    assert {e.id for e in apart.resolve(SECOND).entities} >= {"quillfeather"}
    forced = KnownActors(merged={"quillfeather": "quillfeather-ltd"}, with_gazetteer=False)
    assert {e.id for e in forced.apply(SECOND).entities} == {
        "ministry-of-commerce",
        "quillfeather-ltd",
    }
    rejected = KnownActors(rejected=[("ministry-of-commerce", "SUMMONED", "quillfeather")])
    assert rejected.resolve(SECOND).relations == ()


def test_kg_eval_resolution_on_an_invented_corpus(runner, tmp_path) -> None:
    from kg.cli.main import main

    folder = tmp_path / "gold"
    folder.mkdir()
    docs = {
        "d1": [("Quillfeather Ltd", "Company", ["Quillfeather Ltd", "Quillfeather"])],
        "d2": [("Quillfeather Ltd", "Company", ["Quillfeather Holdings"])],
        "d3": [("Quillfeather Music", "Company", ["Quillfeather Music"])],
    }
    for doc_id, entities in docs.items():
        (folder / f"{doc_id}.json").write_text(json.dumps({"id": doc_id, "text": "x"}))
        gold = {
            "id": doc_id,
            "entities": [{"name": n, "type": t, "mentions": m} for n, t, m in entities],
            "relations": [],
        }
        (folder / f"{doc_id}.gold.json").write_text(json.dumps(gold))
    result = runner.invoke(main, ["eval", str(folder), "--resolution", "--format", "json"])
    assert result.exit_code == 0, result.output
    (chosen,) = [s for s in json.loads(result.output) if s["threshold"] == MERGE_AT]
    assert chosen["precision"] == 1.0 and chosen["recall"] == 1.0 and chosen["gold_pairs"] == 1


def test_people_one_letter_apart_are_different_people_but_a_candidate() -> None:
    rules = name_rules()
    assert rules.candidate_at <= score("Liu Hong", "Liu Kong", "Person") < MERGE_AT


@pytest.mark.parametrize(
    ("name", "label", "curated"),
    [
        (
            "State Administration of Market Supervision",
            "Regulator",
            "state-administration-for-market-regulation",
        ),
        (
            "Chinese Cybersecurity Administration of China",
            "Regulator",
            "cyberspace-administration-of-china",
        ),
        ("Cyberspace Administration", "Regulator", "cyberspace-administration-of-china"),
        ("Beijing Cyberspace Administration", "Regulator", "beijing-cyberspace-administration"),
        ("State Exchange Administration", "Regulator", "state-administration-of-foreign-exchange"),
        ("Will Cheng", "Person", "cheng-wei"),
        ("Wei Cheng", "Person", "cheng-wei"),
    ],
)
def test_variants_of_curated_names_resolve_to_the_curated_actor(name, label, curated) -> None:
    from kg.gazetteer import slugify

    graph = article("v1", [(slugify(name), name, label)])
    (entity,) = KnownActors().resolve(graph).entities
    assert entity.id == curated


def test_an_actor_named_by_a_description_keeps_to_its_article() -> None:
    actors = KnownActors()
    first = article("x1", [("watchdog", "watchdog", "Regulator"), ("ebay", "eBay", "Company")],
                    [("watchdog", "FINED", "ebay")])  # fmt: skip
    second = article("x2", [("watchdog", "watchdog", "Regulator")])
    one, two = actors.resolve(first), actors.resolve(second)
    assert {e.id for e in one.entities} == {"watchdog-in-x1", "ebay"}
    assert [r.subject for r in one.relations] == ["watchdog-in-x1"]
    assert [e.id for e in two.entities] == ["watchdog-in-x2"]
    policy = article("x3", [("common-prosperity", "common prosperity", "Policy")])
    assert [e.id for e in actors.resolve(policy).entities] == ["common-prosperity"]


@pytest.mark.parametrize(("full", "short"), [("Li Qiang", "Li"), ("Harlan Voss", "Voss")])
def test_a_family_name_alone_that_the_recogniser_mistyped_is_the_person_named_before(
    full: str, short: str
) -> None:
    from kg.extraction.resolve import ArticleResolver
    from kg.model import Mention

    resolver = ArticleResolver(
        [
            Mention(full, "Person", 0, 2, 0, None, "ner"),
            Mention(short, "Product", 10, 11, 1, None, "ner"),
            Mention("Qorvia", "Product", 20, 21, 2, None, "ner"),
        ]
    )
    first, again, other = resolver.entity_of
    assert again == first
    assert other not in (None, first)


def test_a_family_name_articles_used_for_two_curated_people_does_not_pair_them() -> None:
    from kg.gazetteer import gazetteer
    from kg.model import Entity
    from kg.resolution.across import entity_record

    people = [e for e in gazetteer().values() if e.label == "Person" and e.family_name]
    first, second = next(
        (a, b) for a in people for b in people if a.id < b.id and a.family_name == b.family_name
    )
    # as stored after articles that named each by the family name alone, once introduced
    records = [
        entity_record(Entity(e.id, e.name, e.label, (*e.aliases, e.family_name)))
        for e in (first, second)
    ]
    assert compare(*records).score < name_rules().candidate_at
    listed = entity_record(Entity(first.id, first.name, first.label, first.aliases))
    assert {f.surface for f in listed.forms} == {first.name, *first.aliases}
