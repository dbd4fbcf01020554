"""The shipped trained model on sentences written for these tests: what it finds, what it must
not find, and the provenance it gives."""

from __future__ import annotations

import pytest
from conftest import extract_one, triples_of

from kg.extraction.trained import SHIPPED, choose_model


def test_the_default_model_is_the_shipped_trained_one(nlp) -> None:
    choice = choose_model(None)
    assert choice.trained == SHIPPED
    assert choice.meta["documents"] >= 100
    assert nlp.pipe_names[-1] == "kg_relations"
    assert nlp.get_pipe("kg_relations").classifier is not None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The State Administration for Market Regulation fined Kuaishou 20 million yuan.",
            ("State Administration for Market Regulation", "FINED", "Kuaishou"),
        ),
        (
            "The Cyberspace Administration of China summoned NetEase over its game ads.",
            ("Cyberspace Administration of China", "SUMMONED", "NetEase"),
        ),
        (
            "The China Securities Regulatory Commission opened an investigation into Xiaomi.",
            ("China Securities Regulatory Commission", "INVESTIGATES", "Xiaomi"),
        ),
        (
            "The People's Bank of China issued the Measures on Payment Accounts in March.",
            ("People's Bank of China", "ISSUED", "Measures on Payment Accounts"),
        ),
        (
            "Meituan founder Wang Xing spoke to staff on Friday.",
            ("Wang Xing", "FOUNDED", "Meituan"),
        ),
    ],
)
def test_plain_statements_are_found(nlp, text: str, expected: tuple[str, str, str]) -> None:
    assert expected in triples_of(extract_one(nlp, text))


def test_provenance_of_a_model_claim(nlp) -> None:
    graph = extract_one(
        nlp, "In July 2021 the State Administration for Market Regulation fined Kuaishou."
    )
    (fine,) = [r for r in graph.relations if r.type == "FINED"]
    assert fine.method.startswith("model:")
    assert 0.0 < fine.confidence <= 1.0
    assert fine.date == "2021-07"
    assert fine.evidence.startswith("In July 2021")
    assert fine.article_id == "t"


def test_a_claims_confidence_is_the_calibrated_share_right_not_the_raw_probability(nlp) -> None:
    classifier = nlp.get_pipe("kg_relations").classifier
    curves = classifier.calibration
    assert curves.ruled[0] and curves.unruled[0]  # the shipped model carries both curves
    for ruled in (True, False):
        points = [classifier.confidence(p / 100, ruled) for p in range(101)]
        assert points == sorted(points) and points[0] >= 0.0 and points[-1] <= 1.0
    # a type a rule found is right more often than the classifier alone says of it
    assert classifier.confidence(0.05, ruled=True) > classifier.confidence(0.05, ruled=False)


def test_negated_statements_yield_nothing(nlp) -> None:
    graph = extract_one(
        nlp, "The State Administration for Market Regulation did not fine Kuaishou last year."
    )
    assert not any(r.type == "FINED" for r in graph.relations)


def test_hedged_statements_have_lower_confidence(nlp) -> None:
    plain = extract_one(nlp, "The Cyberspace Administration of China summoned NetEase.")
    hedged = extract_one(nlp, "The Cyberspace Administration of China may summon NetEase.")
    (p,) = [r for r in plain.relations if r.type == "SUMMONED"]
    (h,) = [r for r in hedged.relations if r.type == "SUMMONED"]
    assert h.modality == "hedged" and h.confidence < p.confidence


@pytest.mark.parametrize(
    "text",
    [
        "Kuaishou, NetEase and Xiaomi all reported results on Thursday.",
        "Shares of Baidu rose while the Shanghai Stock Exchange closed early for a holiday.",
        "Analysts at the conference discussed Tencent and the weather in Shenzhen.",
    ],
)
def test_sentences_stating_no_relationship_yield_none(nlp, text: str) -> None:
    assert extract_one(nlp, text).relations == ()


def test_headline_words_are_not_taken_for_organisations(nlp) -> None:
    graph = extract_one(
        nlp,
        "Crackdown Widens: Regulators Turn To Gaming\n\n"
        "Summary: The National Press and Publication Administration limited playing time.",
    )
    names = {e.name for e in graph.entities}
    assert not {"Crackdown Widens", "Regulators Turn", "Summary", "Crackdown"} & names
    assert "National Press and Publication Administration" in names


def test_claims_across_two_sentences_pass_the_classifier_as_rules_made_them(nlp) -> None:
    graph = extract_one(
        nlp,
        "The Ministry of Commerce summoned five e-commerce platforms on Tuesday. "
        "The platforms included JD.com and Pinduoduo.",
    )
    bridged = {
        (r.type, r.object, r.method) for r in graph.relations if r.method.startswith("bridge:")
    }
    names = {e.id: e.name for e in graph.entities}
    assert {(t, names[o]) for t, o, _ in bridged} == {
        ("SUMMONED", "JD.com"),
        ("SUMMONED", "Pinduoduo"),
    }
    evidence = next(r.evidence for r in graph.relations if r.method.startswith("bridge:"))
    assert evidence.startswith("The Ministry of Commerce") and evidence.endswith("Pinduoduo.")


@pytest.mark.parametrize(
    ("text", "acts"),
    [
        ("Quillfeed sells its phones in China and Kenya.", False),
        ("Growth in China slowed as exporters waited for orders.", False),
        ("China fined Quillfeed in March.", True),
        ("Quillfeed was fined by China in March.", True),
    ],
)
def test_a_place_the_recogniser_takes_for_the_state_is_the_state_only_where_it_acts(
    nlp, text: str, acts: bool
) -> None:
    from spacy.tokens import Span

    from kg.extraction.mentions import _mention_from_span

    doc = nlp(text)
    (china,) = [t for t in doc if t.text == "China"]
    span = Span(doc, china.i, china.i + 1, label="Regulator")  # as the recogniser may mark it
    mention = _mention_from_span(span, 0)
    assert (mention is not None and mention.gazetteer_id == "chinese-government") is acts


def test_a_country_named_only_to_say_whose_regulator_it_is_does_not_act(nlp) -> None:
    found = triples_of(
        extract_one(
            nlp,
            "China's market regulator on Friday held a meeting with representatives of Kuaishou "
            "and Meituan. China fined Didi in July.",
        )
    )
    samr = "State Administration for Market Regulation"
    assert {(samr, "SUMMONED", "Kuaishou"), ("Chinese government", "FINED", "Didi Global")} <= found
    assert not any(r[0] == "Chinese government" and r[1] == "SUMMONED" for r in found)


def test_a_name_ending_in_a_legal_form_or_after_a_type_noun_takes_that_type(nlp) -> None:
    graph = extract_one(
        nlp,
        "Regulators questioned Bailu Media Group and Harwell Holdings Ltd. on Friday, and "
        "fined edtech firm Zhixue.",
    )
    types = {e.name: e.label for e in graph.entities}
    assert types == {
        "Bailu Media Group": "Company",
        "Harwell Holdings Ltd.": "Company",
        "Zhixue": "Company",
    }


def test_the_watchdog_points_back_and_a_place_acting_is_the_state(nlp) -> None:
    graph = extract_one(
        nlp,
        "The CAC opened a review of Kanzhun in July. The watchdog later summoned the firm. "
        "Beijing has tightened its grip on data since.",
    )
    assert {(e.name, e.label) for e in graph.entities} == {
        ("Cyberspace Administration of China", "Regulator"),
        ("Kanzhun", "Company"),
        ("Chinese government", "Regulator"),
    }
    cac = "Cyberspace Administration of China"
    assert triples_of(graph) == {(cac, "INVESTIGATES", "Kanzhun"), (cac, "SUMMONED", "Kanzhun")}


def test_a_pronoun_that_is_not_a_possessive_does_not_stand_for_its_own_subject(nlp) -> None:
    from kg.extraction.component import extraction_of

    doc = nlp(
        "Kuaishou said the Cyberspace Administration of China had ordered it to remove the "
        "videos, and the regulator said its own review was over."
    )
    mentions, _ = extraction_of(doc)
    pointing = {m.text: m.alias_of for m in mentions if m.method == "anaphora"}
    assert pointing["it"] == "Kuaishou"
    assert pointing["its"] in ("Cyberspace Administration of China", "regulator")


def test_a_recognised_name_that_runs_on_through_a_verb_is_cut_before_it(nlp) -> None:
    from spacy.tokens import Span

    from kg.extraction.mentions import _mention_from_span

    doc = nlp("The Lanxi Bureau of Market Supervision fined Qorvia Tech 2 million yuan.")
    verb = next(t.i for t in doc if t.text == "fined")
    runaway = Span(doc, 1, verb + 3, label="Regulator")
    mention = _mention_from_span(runaway, 0)
    assert mention is not None
    assert (mention.text, mention.label) == ("Lanxi Bureau of Market Supervision", "Regulator")


def test_a_recognised_name_leaves_out_the_full_stop_after_it_and_an_unclosed_quote(nlp) -> None:
    from spacy.tokens import Span

    from kg.extraction.mentions import _mention_from_span

    doc = nlp("The CAC drafted new curbs on livestreaming. Firms objected.")
    stop = next(t.i for t in doc if t.text == ".")
    mention = _mention_from_span(Span(doc, 3, stop + 1, label="Policy"), 0)
    assert mention is not None
    assert (mention.text, mention.start, mention.end) == ("new curbs on livestreaming", 3, stop)
    doc = nlp("Qorvia formed a “Fair Pricing Task Force in May.")
    quote = next(t.i for t in doc if t.text == "“")
    mention = _mention_from_span(Span(doc, quote, quote + 5, label="Company"), 0)
    assert mention is not None
    assert (mention.text, mention.start) == ("Fair Pricing Task Force", quote + 1)


def test_a_claim_a_verb_makes_of_one_listed_name_holds_for_each_but_a_possessive_one_does_not(
    nlp,
) -> None:
    from kg.extraction.component import extraction_of
    from kg.extraction.listed import listed_claims
    from kg.extraction.relate import allowed_types
    from kg.extraction.rulebase import mention_lists
    from kg.model import Claim

    doc = nlp(
        "The State Administration for Market Regulation fined Kuaishou, NetEase and Xiaomi "
        "on Monday. Tencent's WeChat and QQ were not named."
    )
    mentions, _ = extraction_of(doc)
    at = {m.text: i for i, m in enumerate(mentions)}
    samr = at["State Administration for Market Regulation"]
    fined = Claim(
        samr,
        "FINED",
        at["Kuaishou"],
        "e",
        0.9,
        "model:verb:fine:active",
        "asserted",
        (("amount", 5.0), ("currency", "CNY"), ("date_text", "Monday")),
    )
    owned = Claim(at["Tencent"], "OWNS", at["WeChat"], "e", 0.8, "model:possessive:poss")
    out = listed_claims(mention_lists(doc, mentions), mentions, [fined, owned], allowed_types)
    added = out[2:]
    assert out[:2] == [fined, owned]
    assert {(mentions[c.subject].text, c.type, mentions[c.object].text) for c in added} == {
        ("State Administration for Market Regulation", "FINED", "NetEase"),
        ("State Administration for Market Regulation", "FINED", "Xiaomi"),
    }
    for claim in added:
        assert claim.method == "model:verb:fine:active+list"
        assert claim.properties == (("date_text", "Monday"),)
        assert (claim.confidence, claim.modality) == (0.9, "asserted")


def test_a_common_word_or_a_bare_policy_word_the_recogniser_marks_is_not_a_name(nlp) -> None:
    from spacy.tokens import Span

    from kg.extraction.mentions import _mention_from_span

    doc = nlp("Tighter rules hit Qorvia on Monday, and the Measures take effect in May.")
    at = {t.text: t.i for t in doc}
    firm = _mention_from_span(Span(doc, at["Qorvia"], at["Qorvia"] + 1, label="Company"), 0)
    assert firm is not None and (firm.text, firm.label) == ("Qorvia", "Company")
    assert _mention_from_span(Span(doc, 0, 1, label="Product"), 0) is None
    measures = Span(doc, at["Measures"], at["Measures"] + 1, label="Policy")
    assert _mention_from_span(measures, 0) is None


def test_a_name_the_recogniser_marks_only_in_a_title_case_headline_is_not_a_name(nlp) -> None:
    from spacy.tokens import Span

    from kg.extraction.mentions import _mention_from_span

    doc = nlp(
        "Watchdogs Warn Velmora And Ostrick Over Data\n\n"
        "Ostrick said it would comply, as did its rival Quenby."
    )
    where: dict[str, list[int]] = {}
    for token in doc:
        where.setdefault(token.text, []).append(token.i)

    def mention(word: str, occurrence: int = 0):
        start = where[word][occurrence]
        return _mention_from_span(Span(doc, start, start + 1, label="Company"), 0)

    assert mention("Velmora") is None  # in the headline and nowhere else
    for word, occurrence in (("Ostrick", 0), ("Ostrick", 1), ("Quenby", 0)):
        found = mention(word, occurrence)
        assert found is not None and (found.text, found.label) == (word, "Company")


def test_an_unrecognised_name_that_a_regulator_acts_on_is_read_from_where_it_stands(nlp) -> None:
    fined = extract_one(nlp, "The market regulator fined Hanwei on Monday.")
    assert triples_of(fined) == {("State Administration for Market Regulation", "FINED", "Hanwei")}
    assert {(e.name, e.label) for e in fined.entities} == {
        ("State Administration for Market Regulation", "Regulator"),
        ("Hanwei", "Company"),
    }
    passive = extract_one(nlp, "Hanwei and Dorsel were fined by the market regulator on Monday.")
    assert triples_of(passive) == {
        ("State Administration for Market Regulation", "FINED", "Hanwei"),
        ("State Administration for Market Regulation", "FINED", "Dorsel"),
    }


def test_a_name_read_from_where_it_stands_is_kept_only_if_it_takes_part_in_a_claim(nlp) -> None:
    from kg.extraction.argument_names import argument_names
    from kg.extraction.resolve import resolve_article
    from kg.model import Document

    doc = nlp("Lawmakers said the market regulator would fine Hanwei and Dorsel.")
    doc.ents = []  # as if the recogniser had found nothing
    found = argument_names(doc, [])
    assert [(m.text, m.label, m.method) for m in found] == [
        ("Hanwei", "Company", "argument"),
        ("Dorsel", "Company", "argument"),
    ]
    alone = resolve_article(Document(id="t", text=doc.text), found, [])
    assert alone.entities == ()
    headline = extract_one(nlp, "Regulators Fine Ostrick Over Pricing\n\nThe rules took effect.")
    assert headline.entities == ()


def test_a_role_noun_apposed_to_or_before_a_name_makes_it_a_person(nlp) -> None:
    from spacy.tokens import Span

    from kg.extraction.mentions import _mention_from_span

    doc = nlp("Dorsel Quan, a lawyer at Harwell, said economist Tamsin Obi agreed.")
    at = {t.text: t.i for t in doc}
    for first, label in (("Dorsel", "Company"), ("Tamsin", "Product")):
        span = Span(doc, at[first], at[first] + 2, label=label)
        mention = _mention_from_span(span, 0)
        assert mention is not None and mention.label == "Person"
    firm = _mention_from_span(Span(doc, at["Harwell"], at["Harwell"] + 1, label="Company"), 0)
    assert firm is not None and firm.label == "Company"


def test_the_last_word_of_a_name_types_it_unless_products_end_with_it_too(nlp) -> None:
    from spacy.tokens import Span

    from kg.extraction.mentions import _mention_from_span

    doc = nlp(
        "Harwell Law Firm sued Ningbo Evening News in Ningbo Intermediate Court over Quillfeed Pay."
    )
    at = {t.text: t.i for t in doc}
    for first, size, given, expected in (
        ("Harwell", 3, "Product", "Company"),
        ("Evening", 3, "Company", "Media"),
        ("Intermediate", 3, "Company", "Regulator"),
        ("Quillfeed", 2, "Product", "Product"),
    ):
        start = at[first] - (1 if first in ("Evening", "Intermediate") else 0)
        mention = _mention_from_span(Span(doc, start, start + size, label=given), 0)
        assert mention is not None and mention.label == expected, first


def test_a_dateline_and_an_unknown_short_acronym_are_no_names(nlp) -> None:
    from spacy.tokens import Span

    from kg.extraction.mentions import _mention_from_span

    doc = nlp("BEIJING (Wire) - Beijing fined QXR and the CAC on Monday.")
    at = {t.text: t.i for t in doc}

    def mention(word: str, label: str):
        return _mention_from_span(Span(doc, at[word], at[word] + 1, label=label), 0)

    assert mention("BEIJING", "Regulator") is None
    acting = mention("Beijing", "Regulator")
    assert acting is not None and acting.label == "Regulator"
    assert mention("QXR", "Company") is None
    known = mention("CAC", "Regulator")
    assert known is not None and known.gazetteer_id == "cyberspace-administration-of-china"
    defined = extract_one(
        nlp, "Quillfeed Xinran Technology Co. (QXT) said the CAC had summoned QXT on Monday."
    )
    firm = "Quillfeed Xinran Technology Co."
    assert triples_of(defined) == {("Cyberspace Administration of China", "SUMMONED", firm)}
    assert set(defined.mentions[next(e.id for e in defined.entities if e.name == firm)]) == {
        firm,
        "QXT",
    }


def test_a_school_a_forum_or_a_province_named_alone_is_no_actor(nlp) -> None:
    from spacy.tokens import Span

    from kg.extraction.mentions import _mention_from_span

    doc = nlp("Lanmei University, the Hanwei Forum and Sichuan praised Lanmei Games.")
    at = {t.text: t.i for t in doc}

    def mention(first: str, size: int, label: str):
        return _mention_from_span(Span(doc, at[first], at[first] + size, label=label), 0)

    assert _mention_from_span(Span(doc, 0, 2, label="Company"), 0) is None  # Lanmei University
    assert mention("Hanwei", 2, "Regulator") is None
    assert mention("Sichuan", 1, "Company") is None
    games = _mention_from_span(Span(doc, len(doc) - 3, len(doc) - 1, label="Company"), 0)
    assert games is not None and games.text == "Lanmei Games"


def test_a_regulatory_act_without_its_agent_is_by_the_regulator_named_just_before(nlp) -> None:
    found = triples_of(
        extract_one(
            nlp,
            "The Ministry of Industry and Information Technology said on Monday that 20 apps "
            "collected data illegally. Quillfeed and Lanyue were ordered to fix their apps "
            "within a week.",
        )
    )
    miit = "Ministry of Industry and Information Technology"
    assert {(miit, "ORDERED", "Quillfeed"), (miit, "ORDERED", "Lanyue")} <= found
    far = triples_of(
        extract_one(
            nlp,
            "The Ministry of Industry and Information Technology published its list on Monday. "
            "Shoppers took little notice. Sales rose in May. Quillfeed was ordered to fix its "
            "app within a week.",
        )
    )
    assert not any(o == "Quillfeed" for _, _, o in far)


def test_a_description_points_back_to_the_last_name_holding_its_head_noun(nlp) -> None:
    found = triples_of(
        extract_one(
            nlp,
            "The Hangzhou Intermediate People's Court heard the case brought by the China "
            "Securities Regulatory Commission. The court ordered Quillfeed to pay 10 million "
            "yuan.",
        )
    )
    assert ("Hangzhou Intermediate People's Court", "ORDERED", "Quillfeed") in found
    assert not any(s == "China Securities Regulatory Commission" for s, _, _ in found)


def test_attending_the_meeting_refers_to_the_meeting_named_last_however_far_back(nlp) -> None:
    before = (
        "The State Administration for Market Regulation held a meeting with 30 platforms on "
        "Tuesday. It said the firms must obey the law. Inspections will follow in the spring. "
        "Prices rose in May. Representatives from Harwell Group and Lanmei Technology attended "
    )
    samr = "State Administration for Market Regulation"
    assert triples_of(extract_one(nlp, before + "the meeting.")) == {
        (samr, "SUMMONED", "Harwell Group"),
        (samr, "SUMMONED", "Lanmei Technology"),
    }
    # "a meeting" is another one, and the meeting named three sentences back is too far
    assert triples_of(extract_one(nlp, before + "a meeting.")) == set()


def test_an_owner_of_a_group_of_firms_owns_the_firms_it_lists(nlp) -> None:
    members = {"Harwell Group", "Zhiyun Technology", "Baitong Holdings"}
    for text in (
        "Regulators named apps run by Tencent-backed companies — Harwell Group, Zhiyun "
        "Technology and Baitong Holdings.",
        "Regulators named three Tencent-backed apps: Harwell Group, Zhiyun Technology and "
        "Baitong Holdings.",
        "Tencent-backed firms such as Harwell Group, Zhiyun Technology and Baitong Holdings "
        "were fined.",
    ):
        owned = {
            o for s, t, o in triples_of(extract_one(nlp, text)) if (s, t) == ("Tencent", "OWNS")
        }
        assert owned == members, text
    unlisted = "Tencent-backed firms were fined, and Harwell Group said it would appeal."
    assert not any(t == "OWNS" for _, t, _ in triples_of(extract_one(nlp, unlisted)))


def test_a_sum_the_recogniser_leaves_unmarked_still_gives_the_receiver_and_the_amount(
    nlp,
) -> None:
    from kg.extraction.mentions import find_mentions
    from kg.extraction.relations import find_claims

    doc = nlp("The Ministry of Commerce fined Qorvia Logistics Ltd 4 million yuan.")
    doc.ents = [e for e in doc.ents if e.label_ not in ("MONEY", "Company")]  # as it may leave it
    mentions = find_mentions(doc)
    fines = [(mentions[c.object].text, dict(c.properties)) for c in find_claims(doc, mentions)]
    assert fines == [("Qorvia Logistics Ltd", {"amount": 4_000_000.0, "currency": "CNY"})]


def test_a_name_the_recogniser_takes_for_a_policy_is_a_company_where_a_regulator_fines_it(
    nlp,
) -> None:
    from spacy.tokens import Span

    from kg.extraction.mentions import find_mentions

    doc = nlp("The market regulator fined Hanwei under the Harwell Data Law on Monday.")
    at = {t.text: t.i for t in doc}
    ours = range(at["Hanwei"], at["Law"] + 1)
    others = [e for e in doc.ents if e.start not in ours and e.end - 1 not in ours]
    doc.ents = [
        *others,
        Span(doc, at["Hanwei"], at["Hanwei"] + 1, label="Policy"),  # as the recogniser may
        Span(doc, at["Harwell"], at["Law"] + 1, label="Policy"),
    ]
    labels = {m.text: m.label for m in find_mentions(doc)}
    # no policy word in its name: a company; a law stays a law
    assert labels["Hanwei"] == "Company" and labels["Harwell Data Law"] == "Policy"
