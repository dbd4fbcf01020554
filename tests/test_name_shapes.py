"""Names as English press writes them, on sentences written for these tests: names found in
pieces made one, short names defined in parentheses, a curated actor under another
translation, a platform acted on as the firm of its name, two-word titles of laws."""

from __future__ import annotations

from conftest import extract_one, triples_of

from kg.extraction.argument_names import company_of_same_name
from kg.extraction.resolve import ArticleResolver
from kg.model import Mention
from kg.resolution.curated import curated_variant


def _types(graph) -> dict[str, str]:
    return {e.name: e.label for e in graph.entities}


def test_an_organ_named_inside_its_parent_with_the_country_between_is_one_organ(nlp) -> None:
    graph = extract_one(
        nlp,
        "On Friday the Standing Committee of China's National People's Congress passed the "
        "Harwell Protection Law.",
    )
    assert _types(graph) == {
        "NPC Standing Committee": "Regulator",
        "National People's Congress": "Regulator",
        "Harwell Protection Law": "Policy",
    }
    found = triples_of(graph)
    assert ("NPC Standing Committee", "ISSUED", "Harwell Protection Law") in found
    assert ("NPC Standing Committee", "PART_OF", "National People's Congress") in found


def test_two_organs_apart_or_a_firm_and_an_organ_are_not_joined(nlp) -> None:
    graph = extract_one(
        nlp,
        "The chairman of the Bank of China's board met the China Securities Regulatory "
        "Commission on Monday.",
    )
    assert _types(graph) == {
        "Bank of China": "Company",
        "China Securities Regulatory Commission": "Regulator",
    }


def test_a_firm_whose_name_holds_its_city_in_parentheses_is_one_firm(nlp) -> None:
    graph = extract_one(
        nlp, "The stake was bought by Lanmeixing (Beijing) Technology, a unit of Harwell Group."
    )
    assert _types(graph) == {
        "Lanmeixing (Beijing) Technology": "Company",
        "Harwell Group": "Company",
    }
    assert triples_of(graph) == {("Harwell Group", "OWNS", "Lanmeixing (Beijing) Technology")}


def test_a_place_in_parentheses_after_a_whole_name_is_not_taken_into_it(nlp) -> None:
    graph = extract_one(nlp, "Harwell Group (Hangzhou) said on Monday that its profit fell.")
    assert set(_types(graph)) == {"Harwell Group"}


def test_a_short_name_defined_in_parentheses_is_the_firm_wherever_it_is_used(nlp) -> None:
    graph = extract_one(
        nlp,
        "Qiaolan Cloud Technology Co., Ltd. (Qiaolan Cloud) was fined on Monday. Qiaolan Cloud "
        "said it would appeal.",
    )
    (firm,) = graph.entities
    assert (firm.name, firm.label) == ("Qiaolan Cloud Technology Co., Ltd.", "Company")
    assert graph.mentions[firm.id] == ("Qiaolan Cloud Technology Co., Ltd.", "Qiaolan Cloud")


def test_a_name_in_parentheses_with_words_the_name_lacks_defines_nothing(nlp) -> None:
    graph = extract_one(nlp, "Harwell Group (Zhiyun Studio) bought a stake in Quillfeed on Monday.")
    assert "Harwell Group" in _types(graph)
    assert all(
        "Zhiyun Studio" not in mentions or entity_id != "harwell-group"
        for entity_id, mentions in graph.mentions.items()
    )


def test_a_curated_actor_under_another_translation_of_its_name_is_that_actor() -> None:
    samr = curated_variant("State Administration of Market Supervision", "Regulator")
    assert samr is not None and samr.id == "state-administration-for-market-regulation"
    csrc = curated_variant("China Securities Regulatory Committee", "Regulator")
    assert csrc is not None and csrc.name == "China Securities Regulatory Commission"
    # a name inside another is a different institution, and types never cross
    assert curated_variant("Bank", "Company") is None
    assert curated_variant("People's Bank", "Company") is None
    assert curated_variant("State Administration of Market Supervision", "Company") is None


def test_the_article_resolver_links_a_translation_variant_to_the_curated_actor() -> None:
    mentions = [
        Mention("State Administration of Market Supervision", "Regulator", 0, 6, 0, None, "ner"),
        Mention(
            "SAMR",
            "Regulator",
            10,
            11,
            1,
            "state-administration-for-market-regulation",
            "gazetteer",
        ),
        Mention("Harwell Market Supervision Bureau", "Regulator", 20, 24, 2, None, "ner"),
    ]
    resolver = ArticleResolver(mentions)
    assert resolver.entity_of[0] == resolver.entity_of[1]
    assert resolver.entity_of[0] == "state-administration-for-market-regulation"
    assert resolver.entity_of[2] not in (None, resolver.entity_of[0])


def test_a_platform_acted_on_as_a_firm_is_the_firm_of_its_name(nlp) -> None:
    assert company_of_same_name("weibo") == "weibo-corporation"
    assert company_of_same_name("wechat") is None
    graph = extract_one(
        nlp, "The Cyberspace Administration of China fined Weibo on Tuesday over its trending list."
    )
    assert ("Cyberspace Administration of China", "FINED", "Weibo Corporation") in triples_of(graph)
    where = extract_one(nlp, "Millions of users posted photos of the storm on Weibo.")
    assert _types(where) == {"Weibo": "Product"}


def test_an_app_or_a_platform_in_apposition_is_a_product(nlp) -> None:
    graph = extract_one(
        nlp,
        "Huaxin, a livestreaming platform, was suspended by the Cyberspace Administration "
        "of China. Regulators also named the video app Lanyue.",
    )
    assert _types(graph) == {
        "Huaxin": "Product",
        "Lanyue": "Product",
        "Cyberspace Administration of China": "Regulator",
    }


def test_a_law_named_in_two_title_case_words_is_a_policy(nlp) -> None:
    graph = extract_one(nlp, "The Price Law was amended in 2024, lawmakers said.")
    assert _types(graph) == {"Price Law": "Policy"}


def test_a_law_school_or_a_law_firm_is_no_law(nlp) -> None:
    graph = extract_one(
        nlp, "He studied at Tsinghua Law School before joining Harwell Law Firm last year."
    )
    assert "Policy" not in _types(graph).values()


def test_a_title_case_headline_ending_on_its_verb_is_no_title(nlp) -> None:
    graph = extract_one(nlp, "Data Act Looms")
    assert graph.entities == ()


def test_ownership_by_shares_by_purchase_and_by_the_nouns_of_affiliation(nlp) -> None:
    found = triples_of(
        extract_one(
            nlp,
            "Harwell Capital, an investment vehicle of Lanmei Group, will take shares in "
            "Quillfeed. Zhiyun, an associate company of Lanmei Group, purchased Baitong "
            "Technology in May.",
        )
    )
    assert {
        ("Lanmei Group", "OWNS", "Harwell Capital"),
        ("Harwell Capital", "OWNS", "Quillfeed"),
        ("Lanmei Group", "OWNS", "Zhiyun"),
        ("Zhiyun", "OWNS", "Baitong Technology"),
    } <= found


def test_shares_that_fall_or_a_share_of_a_market_own_nothing(nlp) -> None:
    graph = extract_one(
        nlp,
        "Shares of Lanmei Group fell 3% in Hong Kong. Quillfeed said its share of the "
        "Chinese market grew.",
    )
    assert triples_of(graph) == set()


def test_pieces_of_a_firm_name_cut_by_a_city_in_parentheses_are_joined(nlp) -> None:
    from kg.extraction.organ_names import joined_organs

    doc = nlp("The buyer was Lanmeixing (Beijing) Technology, a unit of Harwell Group.")
    pieces = [
        Mention("Lanmeixing", "Product", 3, 4, 0, None, "ner"),
        Mention("Technology", "Company", 7, 8, 0, None, "argument"),
        Mention("Harwell Group", "Company", 13, 15, 0, None, "ner"),
    ]
    assert [t.text for t in doc[3:8]] == ["Lanmeixing", "(", "Beijing", ")", "Technology"]
    joined = joined_organs(doc, pieces)
    assert [(m.text, m.label, m.start, m.end) for m in joined] == [
        ("Lanmeixing (Beijing) Technology", "Company", 3, 8),
        ("Harwell Group", "Company", 13, 15),
    ]


def test_a_short_name_in_parentheses_takes_the_type_of_the_name_it_shortens(nlp) -> None:
    from kg.extraction.acronyms import apply_acronyms

    doc = nlp("Qiaolan Cloud Technology Ltd. (Qiaolan Cloud) lost. Qiaolan Cloud will appeal.")
    long_name = Mention("Qiaolan Cloud Technology Ltd.", "Company", 0, 4, 0, None, "ner")
    short = Mention("Qiaolan Cloud", "Person", 5, 7, 0, None, "ner")  # the recogniser's slip
    assert doc[5:7].text == doc[10:12].text == "Qiaolan Cloud"
    found = apply_acronyms(doc, [long_name, short])
    assert [(m.text, m.label, m.start, m.alias_of) for m in found] == [
        ("Qiaolan Cloud Technology Ltd.", "Company", 0, None),
        ("Qiaolan Cloud", "Company", 5, "Qiaolan Cloud Technology Ltd."),
        ("Qiaolan Cloud", "Company", 10, "Qiaolan Cloud Technology Ltd."),
    ]
