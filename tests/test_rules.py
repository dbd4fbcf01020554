"""The rule families, on the rules-only pipeline (they are the classifier's features and the
fallback without a trained model). Every sentence here was written for these tests."""

from __future__ import annotations

import pytest
from conftest import extract_one, triples_of

from kg.extraction.extract import extract_documents, to_gold_format
from kg.model import Document


@pytest.fixture(scope="module")
def rules_nlp():
    from kg.extraction.pipeline import build_pipeline

    return build_pipeline("rules")


def triples(nlp, text: str, published: str = "2021-01-01") -> set[tuple[str, str, str]]:
    return triples_of(extract_one(nlp, text, published))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "On Thursday SAMR fined JD.com 2 million yuan.",
            ("State Administration for Market Regulation", "FINED", "JD.com"),
        ),
        (
            "Kuaishou was fined by the market regulator in the spring.",
            ("State Administration for Market Regulation", "FINED", "Kuaishou"),
        ),
        (
            "The CAC summoned ByteDance after complaints about its feeds.",
            ("Cyberspace Administration of China", "SUMMONED", "ByteDance"),
        ),
        (
            "People familiar with the matter said the CSRC would investigate Xiaomi.",
            ("China Securities Regulatory Commission", "INVESTIGATES", "Xiaomi"),
        ),
        (
            "The Beijing Stock Exchange suspended NetEase's bond sale.",
            ("Beijing Stock Exchange", "SUSPENDED", "NetEase"),
        ),
        (
            "The NPC Standing Committee passed the Data Security Law after three readings.",
            ("NPC Standing Committee", "ISSUED", "Data Security Law"),
        ),
        (
            "Liu He criticized Pinduoduo for its pricing tactics.",
            ("Liu He", "CRITICIZED", "Pinduoduo"),
        ),
    ],
)
def test_verbs_active_and_passive(rules_nlp, text: str, expected: tuple[str, str, str]) -> None:
    assert expected in triples(rules_nlp, text)


def test_coordinated_subjects_and_objects_give_one_edge_each(rules_nlp) -> None:
    found = triples(rules_nlp, "The NDRC and the MIIT summoned Colin Huang on Tuesday.")
    assert {s for s, t, o in found if t == "SUMMONED" and o == "Colin Huang"} == {
        "National Development and Reform Commission",
        "Ministry of Industry and Information Technology",
    }
    fined = triples(rules_nlp, "SAMR fined Meituan and Trip.com in March.")
    assert {o for s, t, o in fined if t == "FINED"} == {"Meituan", "Trip.com"}


def test_roles_in_titles_appositions_and_copulas(rules_nlp) -> None:
    found = triples(
        rules_nlp,
        "Colin Huang, Pinduoduo's founder, stepped back. ByteDance founder Zhang Yiming agreed. "
        "Eddie Wu is now the chief executive of Alibaba Group.",
    )
    assert ("Colin Huang", "FOUNDED", "Pinduoduo") in found
    assert ("Zhang Yiming", "FOUNDED", "ByteDance") in found
    assert ("Eddie Wu", "HOLDS_POSITION", "Alibaba Group") in found


def test_position_carries_its_role(rules_nlp) -> None:
    (graph,) = extract_documents(
        rules_nlp, [Document(id="t", text="Pan Gongsheng, governor of the PBoC, left early.")]
    )
    (relation,) = [r for r in graph.relations if r.type == "HOLDS_POSITION"]
    assert (relation.subject, relation.object) == ("pan-gongsheng", "peoples-bank-of-china")
    assert dict(relation.properties)["role"] == "governor"


def test_ownership_from_possessives_and_relative_clauses(rules_nlp) -> None:
    found = triples(
        rules_nlp,
        "Tencent's QQ Music lost users. Alibaba Group, which owns Youku, reported results.",
    )
    assert ("Tencent", "OWNS", "QQ Music") in found
    assert ("Alibaba Group", "OWNS", "Youku") in found


def test_each_possessor_owns_the_name_right_after_it(rules_nlp) -> None:
    found = triples(
        rules_nlp,
        "The draft covers wallets like Ant Group’s Alipay or Tencent Holding’s WeChat Pay.",
    )
    assert found == {("Ant Group", "OWNS", "Alipay"), ("Tencent", "OWNS", "WeChat Pay")}


def test_a_person_named_after_a_possessive_holds_a_position_there(rules_nlp) -> None:
    found = triples(rules_nlp, "Officials met Meituan's Wang Xing and the CSRC's Yi Huiman.")
    assert found == {
        ("Wang Xing", "HOLDS_POSITION", "Meituan"),
        ("Yi Huiman", "HOLDS_POSITION", "China Securities Regulatory Commission"),
    }


def test_part_of_names_a_unit(rules_nlp) -> None:
    found = triples(
        rules_nlp, "Yu'e Bao is part of Alipay, and the fine on Meituan is part of a campaign."
    )
    assert {r for r in found if r[1] == "PART_OF"} == {("Yu'eBao", "PART_OF", "Alipay")}


def test_a_role_word_after_a_possessive_names_the_relation_instead_of_ownership(
    rules_nlp,
) -> None:
    found = triples(
        rules_nlp,
        "Meituan and its competitor Ele.me were told to stop the practice. "
        "Baidu's search rival Sogou gained users.",
    )
    assert ("Meituan", "OWNS", "Ele.me") not in found
    assert ("Baidu", "OWNS", "Sogou") not in found
    assert ("Baidu", "COMPETES_WITH", "Sogou") in found


def test_a_known_firm_at_the_start_of_a_longer_name_names_a_product(rules_nlp) -> None:
    graph = extract_one(
        rules_nlp,
        "Regulators warned users of Baidu Maps and Tencent Ads SDK, Alibaba Tuesday said. "
        "Tencent Holdings and Tencent Chairman Pony Ma were not named; the Ant IPO was.",
    )
    assert {(e.name, e.label) for e in graph.entities} == {
        ("Baidu Maps", "Product"),
        ("Tencent Ads SDK", "Product"),
        ("Baidu", "Company"),
        ("Tencent", "Company"),
        ("Alibaba Group", "Company"),
        ("Ant Group", "Company"),
        ("Pony Ma", "Person"),
    }
    # whose product it is goes unsaid: annotators read it as OWNS and OPERATES alike
    assert ("Pony Ma", "HOLDS_POSITION", "Tencent") in triples_of(graph)
    assert not {r for r in triples_of(graph) if r[1] in ("OWNS", "OPERATES", "PART_OF")}


def test_a_headline_in_title_case_names_no_product(rules_nlp) -> None:
    graph = extract_one(rules_nlp, "Alibaba Shares Slide As Beijing Steps In")
    assert "Alibaba Group" in {e.name for e in graph.entities}
    assert not any(e.label == "Product" for e in graph.entities)


def test_a_legal_form_after_a_company_name_is_part_of_the_name(rules_nlp) -> None:
    graph = extract_one(
        rules_nlp,
        "Shares of Quillfeed Holdings Ltd. fell on Monday before Quillfeed said it would "
        "appeal. Harwell, Inc. and Lanmei (Group) Co., Ltd. were fined. "
        "Brightpath said Brightpath Corp. would pay.",
    )
    surfaces = {
        next(e.name for e in graph.entities if e.id == entity_id): set(found)
        for entity_id, found in graph.mentions.items()
    }
    assert surfaces["Quillfeed Holdings Ltd."] == {"Quillfeed Holdings Ltd.", "Quillfeed"}
    assert {"Harwell, Inc."} in surfaces.values()
    assert {"Lanmei (Group) Co., Ltd."} in surfaces.values()
    # the short and the full form, in either order, are one company
    assert [s for s in surfaces.values() if "Brightpath Corp." in s] == [
        {"Brightpath", "Brightpath Corp."}
    ]
    assert len(graph.entities) == 4


def test_a_known_name_inside_a_longer_company_name_is_another_company(rules_nlp) -> None:
    graph = extract_one(
        rules_nlp,
        "Shenzhen Tencent Computer Systems Co. signed the deal. "
        "Alibaba Investment Limited bought the shares. "
        "In Hangzhou Alibaba opened a campus, and Tencent Holdings said nothing.",
    )
    names = {e.name: e.label for e in graph.entities}
    assert names == {
        "Shenzhen Tencent Computer Systems Co.": "Company",
        "Alibaba Investment Limited": "Company",
        "Alibaba Group": "Company",
        "Tencent": "Company",
    }


def test_a_group_noun_reaches_the_members_named_in_the_next_sentence(rules_nlp) -> None:
    found = triples(
        rules_nlp,
        "The market regulator fined eight companies for unreported mergers on Friday. "
        "Baidu, JD.com and Meituan were among those penalised. "
        "The Cyberspace Administration of China held talks with several platforms. "
        "Executives from Kuaishou and Pinduoduo attended, and Xiaomi, which Lei Jun founded, "
        "issued a statement.",
    )
    regulator = "State Administration for Market Regulation"
    assert {(regulator, "FINED", c) for c in ("Baidu", "JD.com", "Meituan")} <= found
    cac = "Cyberspace Administration of China"
    assert {(cac, "SUMMONED", c) for c in ("Kuaishou", "Pinduoduo")} <= found
    assert (cac, "SUMMONED", "Xiaomi") not in found  # named, but not among the attendees
    assert not any(r[1] == "FINED" and r[2] in ("Kuaishou", "Pinduoduo") for r in found)


@pytest.mark.parametrize(
    ("text", "firms"),
    [
        (  # the host of a meeting summoned the firms whose representatives attended
            "The Ministry of Commerce convened a meeting with online retailers on Monday. "
            "Representatives from Pinduoduo and JD.com attended the meeting, while Tencent "
            "stayed away.",
            ("Pinduoduo", "JD.com"),
        ),
        (  # a meeting a regulator holds with firms summons them; a firm's own meeting does not
            "The Ministry of Commerce held a meeting with representatives of Meituan and Baidu. "
            "Tencent held a meeting with its staff on Friday.",
            ("Meituan", "Baidu"),
        ),
    ],
    ids=["attended-a-hosted-meeting", "meeting-with-firms"],
)
def test_meetings_a_regulator_holds_with_firms_summon_them(
    rules_nlp, text: str, firms: tuple[str, ...]
) -> None:
    found = triples(rules_nlp, text)
    assert {r for r in found if r[1] == "SUMMONED"} == {
        ("Ministry of Commerce", "SUMMONED", firm) for firm in firms
    }


def test_these_companies_point_back_to_the_list_just_before(rules_nlp) -> None:
    found = triples(
        rules_nlp,
        "Auditors flagged deals by Baidu, Meituan and JD.com last month. "
        "The three companies were fined 200,000 yuan each, the market regulator said. "
        "Tencent and Alibaba posted results. Regulators later fined several companies. "
        "Xiaomi, Lenovo and Huawei make phones. The regulator fined the firms behind two apps.",
    )
    fined = {r for r in found if r[1] == "FINED"}
    samr = "State Administration for Market Regulation"
    assert fined == {(samr, "FINED", c) for c in ("Baidu", "Meituan", "JD.com")}


def test_found_as_the_past_of_find_founds_nothing(rules_nlp) -> None:
    found = triples(
        rules_nlp,
        "The People's Bank of China found Alipay in breach of the rules. "
        "Lei Jun founded Xiaomi in 2010.",
    )
    assert found == {("Lei Jun", "FOUNDED", "Xiaomi")}


def test_a_group_noun_without_members_named_after_it_reaches_no_one(rules_nlp) -> None:
    found = triples(
        rules_nlp,
        "The central bank summoned four payment firms on Monday. "
        "Separately, Tencent said its profit rose, and Alibaba hired bankers.",
    )
    assert not any(r[1] == "SUMMONED" for r in found)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Last week the MIIT handed Kuaishou a penalty of 2 million yuan.",
            {("Ministry of Industry and Information Technology", "FINED", "Kuaishou")},
        ),
        (
            "The CSRC slapped Xiaomi with a fine over its disclosures.",
            {("China Securities Regulatory Commission", "FINED", "Xiaomi")},
        ),
        ("Pinduoduo paid the fine to the CSRC in March.", set()),
    ],
)
def test_an_action_noun_given_to_the_object_of_its_verb(
    rules_nlp, text: str, expected: set[tuple[str, str, str]]
) -> None:
    assert triples(rules_nlp, text) == expected


def test_action_nouns_with_possessors_and_light_verbs(rules_nlp) -> None:
    found = triples(
        rules_nlp,
        "The MIIT's review of Xiaomi ended quickly. SAMR opened a probe into Trip.com.",
    )
    assert ("Ministry of Industry and Information Technology", "INVESTIGATES", "Xiaomi") in found
    assert ("State Administration for Market Regulation", "INVESTIGATES", "Trip.com") in found


def test_negation_yields_nothing_and_hedges_lower_confidence(rules_nlp) -> None:
    assert not triples(rules_nlp, "NetEase never criticized the NPPA.")
    plain, hedged = extract_documents(
        rules_nlp,
        [
            Document(id="a", text="The CSRC fined Kuaishou."),
            Document(id="b", text="The CSRC could fine Kuaishou."),
        ],
    )
    (p,) = [r for r in plain.relations if r.type == "FINED"]
    (h,) = [r for r in hedged.relations if r.type == "FINED"]
    assert h.modality == "hedged" and h.confidence < p.confidence


def test_fine_amounts_are_normalised(rules_nlp) -> None:
    (graph,) = extract_documents(
        rules_nlp, [Document(id="t", text="SAMR fined Meituan 3.5 billion yuan.")]
    )
    (fine,) = [r for r in graph.relations if r.type == "FINED"]
    assert dict(fine.properties) == {"amount": 3_500_000_000.0, "currency": "CNY"}


def test_short_forms_acronyms_and_descriptions_resolve(rules_nlp) -> None:
    text = (
        "Colin Huang gave a talk in Hangzhou. The securities regulator later summoned Huang. "
        "The Export Control Law (ECL) was amended; exporters must follow the ECL."
    )
    (graph,) = extract_documents(rules_nlp, [Document(id="t", text=text)])
    record = to_gold_format(graph)
    by_name = {e["name"]: e for e in record["entities"]}
    assert {"Colin Huang", "Huang"} <= set(by_name["Colin Huang"]["mentions"])
    assert "securities regulator" in by_name["China Securities Regulatory Commission"]["mentions"]
    assert "ECL" in by_name["Export Control Law"]["mentions"]
    relations = {(r["subject"], r["type"], r["object"]) for r in record["relations"]}
    assert ("China Securities Regulatory Commission", "SUMMONED", "Colin Huang") in relations


def test_definite_descriptions_and_pronouns_point_back(rules_nlp) -> None:
    text = (
        "The NPPA approved fewer games this year. Publishers waited. "
        "In May the regulator summoned NetEase and Tencent."
    )
    found = triples(rules_nlp, text)
    assert ("National Press and Publication Administration", "SUMMONED", "NetEase") in found
    assert ("National Press and Publication Administration", "SUMMONED", "Tencent") in found
    (graph,) = extract_documents(rules_nlp, [Document(id="t", text=text)])
    assert "regulator" not in graph.mentions["national-press-and-publication-administration"]


def test_lists_after_including_and_talks_as_summons(rules_nlp) -> None:
    found = triples(
        rules_nlp,
        "Three ministries, including the MOFCOM and the MIIT, held talks with Xiaomi in April.",
    )
    assert ("Ministry of Commerce", "SUMMONED", "Xiaomi") in found
    assert ("Ministry of Industry and Information Technology", "SUMMONED", "Xiaomi") in found


def test_passive_without_agent_takes_the_reporting_speaker(rules_nlp) -> None:
    found = triples(
        rules_nlp, "NetEase's bond sale will be halted, the Shenzhen Stock Exchange said."
    )
    assert ("Shenzhen Stock Exchange", "SUSPENDED", "NetEase") in found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Pinduoduo was fined 800,000 yuan last spring, according to SAMR.",
            {("State Administration for Market Regulation", "FINED", "Pinduoduo")},
        ),
        (
            "Authorities told Kuaishou to remove the feature, according to a notice from the CAC.",
            {("Cyberspace Administration of China", "ORDERED", "Kuaishou")},
        ),
        (
            "Officials halted NetEase's bond sale, the Shenzhen Stock Exchange said on Monday.",
            {("Shenzhen Stock Exchange", "SUSPENDED", "NetEase")},
        ),
        # the source takes over only a regulator's acts, and only where no actor is named
        ("Baidu attacked the draft rules, Caixin reported.", set()),
        (
            "The CSRC fined Xiaomi, according to the People's Bank of China.",
            {("China Securities Regulatory Commission", "FINED", "Xiaomi")},
        ),
    ],
)
def test_an_act_without_a_named_actor_takes_the_source_of_the_statement(
    rules_nlp, text: str, expected: set[tuple[str, str, str]]
) -> None:
    assert triples(rules_nlp, text) == expected


def test_a_hyphenated_participle_of_ownership_names_the_owner(rules_nlp) -> None:
    found = triples(
        rules_nlp,
        "Alibaba-backed Weibo hired staff. The Tencent-owned app Weixin grew. "
        "The SAMR-approved deal closed, and a state-owned bank lent to Meituan. "
        "JD.com and Tencent-backed Kuaishou were summoned.",
    )
    assert {r for r in found if r[1] == "OWNS"} == {
        ("Alibaba Group", "OWNS", "Weibo"),
        ("Tencent", "OWNS", "WeChat"),
        ("Tencent", "OWNS", "Kuaishou"),
    }


def test_a_name_placed_under_another_belongs_to_it(rules_nlp) -> None:
    found = triples(
        rules_nlp,
        "The MIIT told Douyin under ByteDance to fix its pop-ups. "
        "Meituan came under pressure from SAMR.",
    )
    # coming under pressure is being acted on, not being owned
    assert found == {
        ("Ministry of Industry and Information Technology", "ORDERED", "Douyin"),
        ("ByteDance", "OWNS", "Douyin"),
        ("State Administration for Market Regulation", "REGULATES", "Meituan"),
    }


def test_the_firm_behind_a_product_runs_it(rules_nlp) -> None:
    found = triples(
        rules_nlp,
        "Ant Group, the company behind Alipay, hired staff. Tencent is the firm behind WeChat. "
        "Meituan, the group behind Mobike, grew. The State Council stands behind Huawei.",
    )
    assert found == {
        ("Ant Group", "OPERATES", "Alipay"),
        ("Tencent", "OPERATES", "WeChat"),
        ("Meituan", "OWNS", "Mobike"),
    }


def test_what_a_regulator_orders_halted_is_suspended(rules_nlp) -> None:
    miit = "Ministry of Industry and Information Technology"
    found = triples(
        rules_nlp,
        "The MIIT instructed Kuaishou and Bilibili to halt new user registrations. "
        "Didi agreed to stop its promotions.",
    )
    assert found == {
        (miit, rel_type, firm)
        for rel_type in ("ORDERED", "SUSPENDED")
        for firm in ("Kuaishou", "Bilibili")
    }


def test_a_doubled_comma_does_not_break_a_list(rules_nlp) -> None:
    from kg.extraction.mentions import find_mentions
    from kg.extraction.rulebase import mention_lists

    doc = rules_nlp("Regulators met Alibaba, Tencent,, Baidu and JD.com, and Xiaomi met Meituan.")
    mentions = find_mentions(doc)
    lists = [[mentions[i].text for i in group] for group in mention_lists(doc, mentions)]
    assert lists == [["Alibaba", "Tencent", "Baidu", "JD.com"]]


def test_organs_under_and_inside_other_organs(rules_nlp) -> None:
    found = triples(
        rules_nlp,
        "The State Council's Ministry of Transport drafted a plan. "
        "The NRTA is an agency under the State Council.",
    )
    assert ("Ministry of Transport", "PART_OF", "State Council") in found
    assert ("National Radio and Television Administration", "PART_OF", "State Council") in found


def test_policy_titles_written_out_in_full(rules_nlp) -> None:
    text = "The MIIT unveiled the Measures on the Security of Vehicle Data in the autumn."
    (graph,) = extract_documents(rules_nlp, [Document(id="t", text=text)])
    record = to_gold_format(graph)
    assert (
        "Ministry of Industry and Information Technology",
        "ISSUED",
        "Measures on the Security of Vehicle Data",
    ) in {(r["subject"], r["type"], r["object"]) for r in record["relations"]}


@pytest.mark.parametrize(
    "text, title",
    [
        (
            "The CAC issued the Guidelines for Protecting Riders in Food Delivery Apps on Friday.",
            "Guidelines for Protecting Riders in Food Delivery Apps",
        ),
        (
            "The MIIT drafted the Notice on Strictly Preventing Pupils from Buying Game Credits.",
            "Notice on Strictly Preventing Pupils from Buying Game Credits",
        ),
        (
            "The CSRC released the Measures for Funds Managed by Overseas Trustees "
            "(Draft for Comment) in June.",
            "Measures for Funds Managed by Overseas Trustees (Draft for Comment)",
        ),
        (
            "The PBoC issued the Rules on Regulating Prepaid Card Issuers (Trial) last year.",
            "Rules on Regulating Prepaid Card Issuers (Trial)",
        ),
        (
            "The CAC issued the Data Handling Law (DHL) in the spring.",
            "Data Handling Law",
        ),
    ],
)
def test_a_title_runs_through_its_gerunds_participles_and_a_parenthesis_of_title_words(
    rules_nlp, text: str, title: str
) -> None:
    graph = extract_one(rules_nlp, text)
    assert [e.name for e in graph.entities if e.label == "Policy"] == [title]


def test_a_finite_verb_in_a_title_case_headline_still_ends_a_title(rules_nlp) -> None:
    graph = extract_one(rules_nlp, "Beijing Passes Rules for Lending Apps\n\nText.")
    assert [e.name for e in graph.entities if e.label == "Policy"] == ["Rules for Lending Apps"]


def test_a_title_opening_a_sentence_keeps_its_hyphenated_first_word(rules_nlp) -> None:
    found = triples(rules_nlp, "Cross-border Data Rules were issued by the CAC in the spring.")
    assert found == {("Cyberspace Administration of China", "ISSUED", "Cross-border Data Rules")}


def test_navigation_credits_and_events_are_not_entities(rules_nlp) -> None:
    text = (
        "News > Markets > Asia\n\nPony Ma appeared at the Global Digital Forum in Macau. "
        "China's exports rose. Tycoon Ma declined to comment. Photo: Reuters"
    )
    (graph,) = extract_documents(rules_nlp, [Document(id="t", text=text)])
    names = {e.name for e in graph.entities}
    assert not {"Global Digital Forum", "Chinese government", "Reuters"} & names
    assert not any(">" in n for n in names)
    assert "Ma" in graph.mentions["pony-ma"]


def test_a_date_stated_in_the_sentence_overrides_the_article_date(rules_nlp) -> None:
    text = "SAMR fined Baidu on 4 May 2021. In July 2020 the CAC summoned Kuaishou. NetEase was probed."
    (graph,) = extract_documents(rules_nlp, [Document(id="t", text=text, published="2021-09-30")])
    dates = {r.type: r.date for r in graph.relations}
    assert dates["FINED"] == "2021-05-04"
    assert dates["SUMMONED"] == "2020-07"


def test_people_who_attend_a_summons_were_summoned(rules_nlp) -> None:
    found = triples(
        rules_nlp,
        "The CAC held talks with Kuaishou's managers on Friday. "
        "Cheng Wei and Jean Liu attended the meeting.",
    )
    summoned = {o for s, t, o in found if t == "SUMMONED"}
    assert {"Cheng Wei", "Jean Liu"} <= summoned
    alone = triples(rules_nlp, "Cheng Wei attended the meeting of the CAC.")
    assert not any(t == "SUMMONED" for _, t, _ in alone)


def test_a_speaker_supports_what_the_reported_clause_pursues(rules_nlp) -> None:
    found = triples(rules_nlp, "Li Keqiang said the country would embrace dual circulation.")
    assert ("Li Keqiang", "SUPPORTED", "dual circulation") in found
    denied = triples(rules_nlp, "Li Keqiang said the country would not embrace dual circulation.")
    assert ("Li Keqiang", "SUPPORTED", "dual circulation") not in denied


def test_lone_family_name_needs_an_organisation_to_tell_who(rules_nlp) -> None:
    told = triples(rules_nlp, "Baidu shares dipped. Li's Baidu faces a new probe by SAMR.")
    assert ("Robin Li", "OWNS", "Baidu") in told
    untold = triples(rules_nlp, "Regulators questioned Li's plans for the company.")
    assert not any(s in ("Robin Li", "Li Keqiang", "Li Qiang") for s, _, _ in untold)


def test_parallel_extraction_keeps_order_and_results(rules_nlp) -> None:
    texts = [
        "SAMR fined Baidu 3 million yuan.",
        "The CSRC summoned Xiaomi executives.",
        "Tencent owns QQ Music.",
    ]
    documents = [Document(id=f"d{i}", text=texts[i % 3]) for i in range(70)]
    one = list(extract_documents(rules_nlp, documents, batch_size=4, workers=1))
    two = list(extract_documents(rules_nlp, documents, batch_size=4, workers=2))
    assert [g.document.id for g in two] == [d.id for d in documents]
    assert two == one and any(g.relations for g in two)


def test_coordinated_verbs_share_a_later_object(rules_nlp) -> None:
    pboc = "People's Bank of China"
    assert triples(
        rules_nlp, "The central bank said on Monday that it warned and fined Lufax."
    ) == {
        (pboc, "WARNED", "Lufax"),
        (pboc, "FINED", "Lufax"),
    }
    # a later verb with a subject of its own keeps its object
    assert triples(rules_nlp, "SAMR warned on Monday and the CAC fined Lufax.") == {
        ("Cyberspace Administration of China", "FINED", "Lufax")
    }


def test_the_receiver_of_a_sum_that_the_parser_reads_into_the_sum(rules_nlp) -> None:
    found = triples(
        rules_nlp, "The central bank said that it warned and fined Lufax 3 million yuan."
    )
    assert ("People's Bank of China", "FINED", "Lufax") in found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Meituan forced riders to accept lower pay by cutting bonuses, SAMR said.",
            {("State Administration for Market Regulation", "CRITICIZED", "Meituan")},
        ),
        (
            "The CAC said that since 2019 Kuaishou had violated rules on minors.",
            {("Cyberspace Administration of China", "CRITICIZED", "Kuaishou")},
        ),
        (
            "JD.com abused its position, said the State Administration for Market Regulation.",
            {("State Administration for Market Regulation", "CRITICIZED", "JD.com")},
        ),
        # no one reports it, or the report denies it
        ("Meituan forced riders to accept lower pay.", set()),
        ("SAMR said JD.com had not abused its position.", set()),
    ],
)
def test_who_reports_a_wrongdoing_criticises_the_wrongdoer(
    rules_nlp, text: str, expected: set[tuple[str, str, str]]
) -> None:
    assert {r for r in triples(rules_nlp, text) if r[1] == "CRITICIZED"} == expected


def test_control_over_a_firm_is_ownership(rules_nlp) -> None:
    assert triples(rules_nlp, "Tencent holds majority control over Huya.") == {
        ("Tencent", "OWNS", "Huya")
    }
    assert triples(rules_nlp, "Tencent has no control over Huya.") == set()


def test_an_apposition_describes_the_name_before_its_comma(rules_nlp) -> None:
    found = triples(
        rules_nlp,
        "The CAC fined Weibo and Youku, a video site owned by Alibaba. "
        "JD.com and Alibaba-backed Ele.me, two delivery apps, were named.",
    )
    assert {r for r in found if r[1] == "OWNS"} == {
        ("Alibaba Group", "OWNS", "Youku"),
        ("Alibaba Group", "OWNS", "Ele.me"),
    }


def test_the_source_is_whoever_the_according_to_phrase_names(rules_nlp) -> None:
    found = triples(
        rules_nlp,
        "Kuaishou was fined 500,000 yuan, according to a notice posted on the State "
        "Administration for Market Regulation's website on Monday.",
    )
    assert found == {("State Administration for Market Regulation", "FINED", "Kuaishou")}
    found = triples(
        rules_nlp, "Regulators fined Lufax, according to a joint notice from the PBoC and the CSRC."
    )
    assert found == {
        ("People's Bank of China", "FINED", "Lufax"),
        ("China Securities Regulatory Commission", "FINED", "Lufax"),
    }


def test_roles_sharing_one_of_and_actors_acting_together(rules_nlp) -> None:
    found = triples(rules_nlp, "Colin Huang, chief executive and co-founder of Pinduoduo, left.")
    assert found == {
        ("Colin Huang", "HOLDS_POSITION", "Pinduoduo"),
        ("Colin Huang", "FOUNDED", "Pinduoduo"),
    }
    assert triples(rules_nlp, "The CSRC, along with the central bank, fined Lufax.") == {
        ("China Securities Regulatory Commission", "FINED", "Lufax"),
        ("People's Bank of China", "FINED", "Lufax"),
    }
    assert triples(rules_nlp, "The NPPA, together with the CAC, summoned NetEase.") == {
        ("National Press and Publication Administration", "SUMMONED", "NetEase"),
        ("Cyberspace Administration of China", "SUMMONED", "NetEase"),
    }
    # after the verb, the phrase lists what was acted on, not who acted
    found = triples(rules_nlp, "SAMR fined JD.com, along with Meituan.")
    assert {s for s, t, o in found} == {"State Administration for Market Regulation"}


def test_a_participle_with_a_by_agent_whatever_its_tag(rules_nlp) -> None:
    assert triples(rules_nlp, "The CAC fined QQ Music, an app run by Tencent.") == {
        ("Cyberspace Administration of China", "FINED", "QQ Music"),
        ("Tencent", "OPERATES", "QQ Music"),
    }


def test_an_order_that_sends_a_firm_off_suspends_it(rules_nlp) -> None:
    cac = "Cyberspace Administration of China"
    assert triples(rules_nlp, "The CAC ordered Kuaishou off the app stores.") == {
        (cac, "ORDERED", "Kuaishou"),
        (cac, "SUSPENDED", "Kuaishou"),
    }
    assert triples(rules_nlp, "The CAC ordered Kuaishou to pay compensation.") == {
        (cac, "ORDERED", "Kuaishou")
    }


def test_a_regulator_described_by_its_domain_is_that_regulator(rules_nlp) -> None:
    assert triples(rules_nlp, "The cyber-security watchdog fined Lufax on Friday.") == {
        ("Cyberspace Administration of China", "FINED", "Lufax")
    }
    assert triples(rules_nlp, "China's antitrust agency summoned Meituan.") == {
        ("State Administration for Market Regulation", "SUMMONED", "Meituan")
    }


def test_the_gazetteer_refuses_a_name_or_domain_that_two_entries_claim() -> None:
    from kg.gazetteer import curated_entities

    one = {"name": "Alpha Regulatory Office", "type": "Regulator", "aliases": ["ARO"]}
    assert set(curated_entities([one])) == {"alpha-regulatory-office"}
    twin = {"name": "Beta Office", "type": "Regulator", "aliases": ["aro"]}
    with pytest.raises(ValueError, match="'aro' names both 'Alpha Regulatory Office'"):
        curated_entities([one, twin])
    same_domain = [
        {**one, "domains": ["fishing"]},
        {"name": "Beta Office", "type": "Regulator", "domains": ["Fishing"]},
    ]
    with pytest.raises(ValueError, match="domain 'Fishing' of 'Beta Office'"):
        curated_entities(same_domain)
    # a name of another type is another entity
    product = {"name": "ARO", "type": "Product"}
    assert len(curated_entities([one, product])) == 2


def test_calling_out_criticises_and_a_possessive_stops_at_and(rules_nlp) -> None:
    miit = "Ministry of Industry and Information Technology"
    found = triples(rules_nlp, "The MIIT called out Alibaba's reading app and iQiyi's video app.")
    assert found == {(miit, "CRITICIZED", "Alibaba Group"), (miit, "CRITICIZED", "iQiyi")}
    assert triples(rules_nlp, "Jack Ma hit out at the Basel Accords.") == {
        ("Jack Ma", "CRITICIZED", "Basel Accords")
    }


def test_these_companies_stand_for_the_list_just_before(rules_nlp) -> None:
    cac = "Cyberspace Administration of China"
    found = triples(
        rules_nlp,
        "The CAC named Douyin, Taobao and Alipay on Monday. "
        "The regulator ordered the three apps to halt new sign-ups.",
    )
    assert found == {
        (cac, rel_type, app)
        for rel_type in ("ORDERED", "SUSPENDED")
        for app in ("Douyin", "Taobao", "Alipay")
    }
    samr = "State Administration for Market Regulation"
    found = triples(
        rules_nlp,
        "SAMR fined Meituan, Pinduoduo and JD.com. "
        "These platforms had abused subsidies to crush rivals, the regulator said.",
    )
    assert {r for r in found if r[1] == "CRITICIZED"} == {
        (samr, "CRITICIZED", firm) for firm in ("Meituan", "Pinduoduo", "JD.com")
    }


def test_a_group_noun_with_no_list_just_before_reaches_no_one(rules_nlp) -> None:
    found = triples(
        rules_nlp,
        "The regulator ordered the apps to halt new sign-ups. Weibo and Douyin grew fast. "
        "Rain fell for days. It fell again. Later the CAC fined the platforms.",
    )
    assert found == set()


def test_a_headline_is_not_read_as_one_long_firm_name(rules_nlp) -> None:
    from kg.extraction.mentions import find_mentions

    doc = rules_nlp("Shanghai Summons Meituan Over Rider Pay\n\nThe market regulator spoke.")
    assert [m.text for m in find_mentions(doc) if "Meituan" in m.text] == ["Meituan"]
    doc = rules_nlp("Regulators fined Shenzhen Tencent Computer Systems Co. last week.")
    assert [m.text for m in find_mentions(doc) if m.label == "Company"] == [
        "Shenzhen Tencent Computer Systems Co."
    ]


def test_new_rules_issued_without_a_name_are_a_policy(rules_nlp) -> None:
    assert triples(rules_nlp, "The NDRC published the new rules on Monday.") == {
        ("National Development and Reform Commission", "ISSUED", "new rules")
    }
    # unmarked and unqualified, 'guidelines' names nothing
    assert triples(rules_nlp, "The NDRC published guidelines on Monday.") == set()


def test_an_action_noun_inside_a_container_noun(rules_nlp) -> None:
    assert triples(
        rules_nlp, "The foreign exchange regulator gave Lufax a number of warnings."
    ) == {("State Administration of Foreign Exchange", "WARNED", "Lufax")}


def test_singling_out_a_firm_is_regulating_it(rules_nlp) -> None:
    assert triples(rules_nlp, "Pinduoduo has been singled out by the market regulator.") == {
        ("State Administration for Market Regulation", "REGULATES", "Pinduoduo")
    }


def test_a_possessor_has_the_list_it_opens(rules_nlp) -> None:
    found = triples(rules_nlp, "Regulators named Alibaba Group's Taobao and Tmall marketplaces.")
    assert found == {("Alibaba Group", "OWNS", "Taobao"), ("Alibaba Group", "OWNS", "Tmall")}
    found = triples(rules_nlp, "The CAC named Alibaba's Youku, ByteDance's Douyin and Tmall.")
    assert {r for r in found if r[1] == "OWNS"} == {
        ("Alibaba Group", "OWNS", "Youku"),
        ("ByteDance", "OWNS", "Douyin"),
    }


def test_the_operator_of_a_product_operates_it(rules_nlp) -> None:
    assert triples(rules_nlp, "Ant Group, the operator of Alipay, was fined.") == {
        ("Ant Group", "OPERATES", "Alipay")
    }
    assert triples(rules_nlp, "Douyin operator ByteDance hired staff.") == {
        ("ByteDance", "OPERATES", "Douyin")
    }


def test_what_a_policy_acts_on_it_targets(rules_nlp) -> None:
    found = triples(
        rules_nlp,
        "The NPC passed the Data Security Law in June. Under the law, firms must report "
        "breaches. The rules apply to Didi and Kuaishou.",
    )
    assert found == {
        ("National People's Congress", "ISSUED", "Data Security Law"),
        ("Data Security Law", "TARGETS", "Didi Global"),
        ("Data Security Law", "TARGETS", "Kuaishou"),
    }
    assert triples(rules_nlp, "The CAC put pressure on Tencent.") == {
        ("Cyberspace Administration of China", "REGULATES", "Tencent")
    }


def test_whoever_has_a_plan_does_what_it_is_for(rules_nlp) -> None:
    assert triples(
        rules_nlp, "Meituan unveiled a plan to spend 10 billion yuan to promote common prosperity."
    ) == {("Meituan", "SUPPORTED", "common prosperity")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The CAC ordered Lufax to pay a fine of 3 million yuan.",
            {("ORDERED", "Lufax"), ("FINED", "Lufax")},
        ),
        (
            "Lufax was required to pay a 2 million yuan penalty, according to a notice on the "
            "Cyberspace Administration of China's website.",
            {("ORDERED", "Lufax"), ("FINED", "Lufax")},
        ),
        ("Lufax paid a penalty of 3 million yuan, the CAC said.", {("FINED", "Lufax")}),
        ("The CAC said Lufax did not pay the fine.", set()),
    ],
)
def test_whoever_pays_a_fine_was_fined(rules_nlp, text: str, expected: set) -> None:
    found = triples(rules_nlp, text)
    assert {(t, o) for s, t, o in found} == expected
    assert {s for s, t, o in found} <= {"Cyberspace Administration of China"}


def test_a_gerund_after_a_preposition_shares_the_clause_subject(rules_nlp) -> None:
    found = triples(rules_nlp, "The CAC ended its probe by slapping a record fine on Lufax.")
    assert ("Cyberspace Administration of China", "FINED", "Lufax") in found


def test_titled_people_listed_after_the_first_hold_titles_there_too(rules_nlp) -> None:
    found = triples(rules_nlp, "Alibaba chairman Joe Tsai and chief executive Eddie Wu spoke.")
    assert found == {
        ("Joe Tsai", "HOLDS_POSITION", "Alibaba Group"),
        ("Eddie Wu", "HOLDS_POSITION", "Alibaba Group"),
    }
    # an untitled name after the list is no one's employee
    found = triples(rules_nlp, "Alibaba chairman Joe Tsai and Jack Ma spoke.")
    assert found == {("Joe Tsai", "HOLDS_POSITION", "Alibaba Group")}
    found = triples(rules_nlp, "Zhang Shixin, an official within the state planner, spoke.")
    assert found == {
        ("Zhang Shixin", "HOLDS_POSITION", "National Development and Reform Commission")
    }


def test_under_after_an_adverb_and_a_comma(rules_nlp) -> None:
    found = triples(rules_nlp, "The NFRA, directly under the State Council, was formed in 2023.")
    assert found == {("National Financial Regulatory Administration", "PART_OF", "State Council")}


def test_a_passive_receiver_of_a_penalty_and_a_name_modifying_an_object(rules_nlp) -> None:
    cac = "Cyberspace Administration of China"
    assert triples(rules_nlp, "Meituan was handed a fine by the CAC.") == {
        (cac, "FINED", "Meituan")
    }
    assert triples(rules_nlp, "The CAC removed 25 Didi apps from app stores.") == {
        (cac, "SUSPENDED", "Didi Global")
    }


def test_a_fronted_participle_describes_the_subject(rules_nlp) -> None:
    assert triples(rules_nlp, "Set up by Lei Jun in 2010, Xiaomi makes phones.") == {
        ("Lei Jun", "FOUNDED", "Xiaomi")
    }
    assert triples(rules_nlp, "Fined by SAMR last year, Meituan changed its rules.") == {
        ("State Administration for Market Regulation", "FINED", "Meituan")
    }
    assert triples(rules_nlp, "The CAC barred Didi from signing up new users.") == {
        ("Cyberspace Administration of China", "SUSPENDED", "Didi Global")
    }


def test_a_penalty_with_its_own_by_phrase_still_finds_who_received_it(rules_nlp) -> None:
    assert triples(rules_nlp, "Didi was hit with an 8 billion yuan fine by the CAC.") == {
        ("Cyberspace Administration of China", "FINED", "Didi Global")
    }
    found = triples(rules_nlp, "JD.com was slapped with a 500,000 yuan penalty by the CAC.")
    assert found == {("Cyberspace Administration of China", "FINED", "JD.com")}


def test_who_is_ordered_does_what_follows_and_its_points_to_them(rules_nlp) -> None:
    cac = "Cyberspace Administration of China"
    assert triples(rules_nlp, "The CAC ordered Bilibili to suspend its Hot Search feature.") == {
        (cac, "ORDERED", "Bilibili"),
        (cac, "SUSPENDED", "Bilibili"),
    }
    assert triples(rules_nlp, "The CAC ordered Didi to halt Kuaishou ads.") == {
        (cac, "ORDERED", "Didi Global")
    }


def test_a_list_may_mix_firms_and_their_apps(rules_nlp) -> None:
    cac = "Cyberspace Administration of China"
    found = triples(
        rules_nlp,
        "The CAC named Kuaishou, Bilibili and Douyin on Monday. "
        "The regulator ordered the three apps to halt new sign-ups.",
    )
    assert found == {
        (cac, rel_type, app)
        for rel_type in ("ORDERED", "SUSPENDED")
        for app in ("Kuaishou", "Bilibili", "Douyin")
    }


def test_a_firm_noun_after_its_and_a_name_is_that_name(rules_nlp) -> None:
    found = triples(
        rules_nlp, "In a filing, Meituan accused Alibaba and its Ele.me platform of copying menus."
    )
    assert found == {
        ("Meituan", "CRITICIZED", "Alibaba Group"),
        ("Meituan", "CRITICIZED", "Ele.me"),
        ("Alibaba Group", "OWNS", "Ele.me"),
    }


def test_an_unnamed_branch_acts_for_its_regulator(rules_nlp) -> None:
    pboc = "People's Bank of China"
    assert triples(
        rules_nlp, "The Chengdu branch of the People's Bank of China said it warned Lufax in June."
    ) == {(pboc, "WARNED", "Lufax")}
    assert triples(rules_nlp, "The CAC's Shanghai office summoned Kuaishou on Monday.") == {
        ("Cyberspace Administration of China", "SUMMONED", "Kuaishou")
    }
    assert triples(rules_nlp, "The Hangzhou office of Alibaba was closed in May.") == set()


def test_the_firms_behind_names_stand_for_them(rules_nlp) -> None:
    samr = "State Administration for Market Regulation"
    assert triples(
        rules_nlp, "SAMR fined the companies behind Meituan and Pinduoduo 300,000 yuan each."
    ) == {(samr, "FINED", "Meituan"), (samr, "FINED", "Pinduoduo")}


def test_an_act_done_illegally_is_a_reported_wrongdoing(rules_nlp) -> None:
    assert triples(
        rules_nlp, "Kuaishou illegally shared contact lists with advertisers, the MIIT said."
    ) == {("Ministry of Industry and Information Technology", "CRITICIZED", "Kuaishou")}
    assert triples(rules_nlp, "Kuaishou quickly shared the new figures, the MIIT said.") == set()


def test_a_list_of_possessives_is_not_an_apposition(rules_nlp) -> None:
    found = triples(
        rules_nlp, "Analysts compared Baidu's map app, NetEase's mail service and Sohu's portal."
    )
    assert not {t for t in found if t[1] == "OWNS"}
    assert ("Tencent", "OWNS", "WeChat") in triples(
        rules_nlp, "Tencent's messaging app, WeChat, grew fast."
    )


def test_an_unnamed_actor_is_the_list_of_sources_read_from_the_words(rules_nlp) -> None:
    found = triples(
        rules_nlp,
        "Officials fined Lufax 90 million yuan, the CSRC and the People's Bank of China said "
        "in a joint notice.",
    )
    assert found == {
        ("China Securities Regulatory Commission", "FINED", "Lufax"),
        ("People's Bank of China", "FINED", "Lufax"),
    }
    assert triples(rules_nlp, "Officials fined Lufax 90 million yuan, Caixin reported.") == set()


def test_a_fine_after_a_sum_read_as_an_adverb(rules_nlp) -> None:
    assert triples(
        rules_nlp, "In May, the CSRC closed its review by slapping a 5 million yuan fine on Lufax."
    ) == {("China Securities Regulatory Commission", "FINED", "Lufax")}


def test_a_participle_names_what_an_action_noun_is_about(rules_nlp) -> None:
    samr = "State Administration for Market Regulation"
    assert triples(rules_nlp, "SAMR opened an inquiry targeting Meituan last week.") == {
        (samr, "INVESTIGATES", "Meituan")
    }
    assert triples(rules_nlp, "SAMR listed fines involving Baidu and JD.com on Friday.") == {
        (samr, "FINED", "Baidu"),
        (samr, "FINED", "JD.com"),
    }


def test_affiliated_with_names_the_owner(rules_nlp) -> None:
    assert triples(rules_nlp, "Lufax, a lender affiliated with Ping An Insurance, grew.") == {
        ("Ping An Insurance", "OWNS", "Lufax")
    }
    assert (
        triples(rules_nlp, "Lufax, a lender popular with Ping An Insurance clients, grew.") == set()
    )


def test_along_with_after_the_verb_lists_what_it_acts_on(rules_nlp) -> None:
    cac = "Cyberspace Administration of China"
    assert triples(rules_nlp, "The CAC summoned Kuaishou, along with Bilibili, on Friday.") == {
        (cac, "SUMMONED", "Kuaishou"),
        (cac, "SUMMONED", "Bilibili"),
    }
    assert triples(rules_nlp, "The CAC opened a probe into Kanzhun together with Didi.") == {
        (cac, "INVESTIGATES", "Kanzhun"),
        (cac, "INVESTIGATES", "Didi Global"),
    }
    assert triples(rules_nlp, "The CAC summoned Kuaishou along with Bilibili's founder.") == {
        (cac, "SUMMONED", "Kuaishou")
    }


def test_who_receives_an_action_noun_is_acted_on(rules_nlp) -> None:
    csrc = "China Securities Regulatory Commission"
    assert triples(rules_nlp, "Last spring Lufax received a warning from the CSRC.") == {
        (csrc, "WARNED", "Lufax")
    }
    assert triples(rules_nlp, "Lufax may list after receiving approval from the CSRC.") == {
        (csrc, "REGULATES", "Lufax")
    }
    assert triples(rules_nlp, "Lufax got a fine last year.") == set()


def test_a_statement_does_what_its_issuer_does(rules_nlp) -> None:
    assert triples(
        rules_nlp, "The NPPA released a statement accusing NetEase of misleading young players."
    ) == {("National Press and Publication Administration", "CRITICIZED", "NetEase")}
    assert triples(rules_nlp, "SAMR fined a shop selling NetEase game cards.") == set()


def test_giving_up_a_stake_states_no_ownership(rules_nlp) -> None:
    assert triples(rules_nlp, "Tencent gave up control of Kuaishou in March.") == set()
    assert triples(rules_nlp, "Tencent sold its stake in Kuaishou in March.") == set()
    assert triples(rules_nlp, "Tencent took a stake in Kuaishou in March.") == {
        ("Tencent", "OWNS", "Kuaishou")
    }


def test_two_names_joined_by_and_hold_no_role_of_each_other(rules_nlp) -> None:
    assert (
        triples(
            rules_nlp, "Logistics firm Full Truck Alliance and online hiring platform Kanzhun rose."
        )
        == set()
    )


def test_a_mixed_case_name_ends_before_a_full_stop(rules_nlp) -> None:
    assert triples(rules_nlp, "Last week Lufax was fined by the PBoC.") == {
        ("People's Bank of China", "FINED", "Lufax")
    }


def test_clearing_a_product_for_sale_regulates_its_maker(rules_nlp) -> None:
    assert triples(rules_nlp, "SAMR cleared Xiaomi's new phones for sale in May.") == {
        ("State Administration for Market Regulation", "REGULATES", "Xiaomi")
    }


def test_titles_joined_by_and_are_each_a_policy_unless_one_side_has_no_policy_word(
    rules_nlp,
) -> None:
    graph = extract_one(
        rules_nlp,
        "The ministry cited the Grain Reserve Law and the Measures for Seed Export Review, "
        "and the Law on Prevention and Control of Soil Erosion.",
    )
    assert {(e.name, e.label) for e in graph.entities} == {
        ("Grain Reserve Law", "Policy"),
        ("Measures for Seed Export Review", "Policy"),
        ("Law on Prevention and Control of Soil Erosion", "Policy"),
    }


def test_an_owner_role_takes_its_firm_after_in_and_other_roles_do_not(rules_nlp) -> None:
    assert triples(rules_nlp, "Harwell Group is a major investor in Quillfeed Holdings.") == {
        ("Harwell Group", "OWNS", "Quillfeed Holdings")
    }
    assert triples(rules_nlp, "Wen Lu, a partner in Harwell Group, declined to comment.") == set()


def test_curated_firms_are_known_by_name_and_one_word_names_only_as_written(rules_nlp) -> None:
    graph = extract_one(
        rules_nlp, "The CAC summoned Hikvision and Megvii, and the meta review found nothing."
    )
    assert {(e.name, e.label) for e in graph.entities} == {
        ("Cyberspace Administration of China", "Regulator"),
        ("Hikvision", "Company"),
        ("Megvii", "Company"),
    }
    assert triples_of(graph) == {
        ("Cyberspace Administration of China", "SUMMONED", "Hikvision"),
        ("Cyberspace Administration of China", "SUMMONED", "Megvii"),
    }


def test_a_hyphenated_owner_owns_the_name_after_the_words_it_modifies(rules_nlp) -> None:
    # wherever the parse hangs the participle, and the owner is no item of the list it sits in
    assert triples(rules_nlp, "Tencent-backed startup Kuaishou opened offices in Wuhan.") == {
        ("Tencent", "OWNS", "Kuaishou")
    }
    found = triples(
        rules_nlp,
        "The SAMR fined Alibaba-backed start-up Ele.me and the Tencent-backed video app Huya.",
    )
    assert found == {
        ("Alibaba Group", "OWNS", "Ele.me"),
        ("Tencent", "OWNS", "Huya"),
        ("State Administration for Market Regulation", "FINED", "Ele.me"),
        ("State Administration for Market Regulation", "FINED", "Huya"),
    }


def test_a_possessive_binds_to_the_subject_of_its_clause_past_what_describes_it(
    rules_nlp,
) -> None:
    found = triples(
        rules_nlp, "Alibaba, an early investor in Meituan, relaunched its own app Ele.me."
    )
    assert found == {("Alibaba Group", "OWNS", "Meituan"), ("Alibaba Group", "OWNS", "Ele.me")}
    # a name the subject acts on is no description of it: the nearer name keeps the possessive
    found = triples(rules_nlp, "JD.com accused Alibaba and its app Taobao of copying.")
    assert {r for r in found if r[1] == "OWNS"} == {("Alibaba Group", "OWNS", "Taobao")}


def test_people_sent_from_a_firm_stand_for_it_and_other_things_from_it_do_not(rules_nlp) -> None:
    assert triples(rules_nlp, "The SAMR summoned officials from Meituan and JD.com on Friday.") == {
        ("State Administration for Market Regulation", "SUMMONED", "Meituan"),
        ("State Administration for Market Regulation", "SUMMONED", "JD.com"),
    }
    assert triples(rules_nlp, "The CAC halted imports from Kuaishou.") == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Kuaishou is under investigation by the CSRC.",
            {("China Securities Regulatory Commission", "INVESTIGATES", "Kuaishou")},
        ),
        (
            "Alibaba came under scrutiny from the SAMR last year.",
            {("State Administration for Market Regulation", "REGULATES", "Alibaba Group")},
        ),
        (
            "Alibaba was among 34 firms summoned by the SAMR.",
            {("State Administration for Market Regulation", "SUMMONED", "Alibaba Group")},
        ),
    ],
)
def test_a_firm_placed_under_an_act_or_among_those_acted_on_is_acted_on(
    rules_nlp, text: str, expected: set[tuple[str, str, str]]
) -> None:
    assert triples(rules_nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ele.me, backed by Alibaba, cut fees.", {("Alibaba Group", "OWNS", "Ele.me")}),
        ("Alibaba invested 5 billion yuan in Ele.me.", {("Alibaba Group", "OWNS", "Ele.me")}),
        # backing a policy is support, and selling shares states no ownership
        (
            "Tencent backed the common prosperity drive.",
            {("Tencent", "SUPPORTED", "common prosperity")},
        ),
        ("Alibaba sold its shares in Ele.me.", set()),
    ],
)
def test_a_firm_that_backs_or_invests_in_another_firm_owns_a_stake_in_it(
    rules_nlp, text: str, expected: set[tuple[str, str, str]]
) -> None:
    assert triples(rules_nlp, text) == expected


def test_curbs_and_restrictions_on_a_firm_regulate_it(rules_nlp) -> None:
    assert triples(rules_nlp, "The CAC's curbs on Didi hit its shares.") == {
        ("Cyberspace Administration of China", "REGULATES", "Didi Global")
    }
    assert triples(rules_nlp, "The SAMR imposed restrictions on Meituan.") == {
        ("State Administration for Market Regulation", "REGULATES", "Meituan")
    }
    assert triples(rules_nlp, "Curbs on lending hurt Ant Group.") == set()


def test_a_firm_facing_an_act_is_acted_on_and_a_possible_one_stays_hedged(rules_nlp) -> None:
    graph = extract_one(
        rules_nlp,
        "Meituan faces an antitrust probe by the SAMR. Didi could face a fine from the CAC. "
        "Alibaba faces competition from JD.com.",
    )
    assert {(r.subject, r.type, r.object, r.modality) for r in graph.relations} == {
        (
            "state-administration-for-market-regulation",
            "INVESTIGATES",
            "meituan",
            "asserted",
        ),
        ("cyberspace-administration-of-china", "FINED", "didi-global", "hedged"),
    }


def test_a_participle_given_a_subject_of_its_own_still_reads_by_as_its_agent(rules_nlp) -> None:
    # the small model parses "Taobao owned by ..." inside this list as a clause of its own,
    # with Taobao as the subject of "owned": the owner is still the one after "by"
    found = triples(
        rules_nlp,
        "The SAMR said it would fine Huya, Taobao owned by e-commerce giant Alibaba, and Douyin.",
    )
    assert {r for r in found if r[1] == "OWNS"} == {("Alibaba Group", "OWNS", "Taobao")}
    # a fronted participle with no subject of its own describes the clause's subject
    assert triples(rules_nlp, "Set up by Lei Jun in 2010, Xiaomi grew.") == {
        ("Lei Jun", "FOUNDED", "Xiaomi")
    }


def test_a_possessive_after_a_description_belongs_to_the_name_described(rules_nlp) -> None:
    # a name inside an apposition only describes the name before it; "its" outside that
    # apposition is the described name's, inside it (a relative clause) the nearer name's
    found = triples(rules_nlp, "The SAMR fined Tencent, a rival of Alibaba, over its app WeChat.")
    assert {r for r in found if r[1] == "OWNS"} == {("Tencent", "OWNS", "WeChat")}
    found = triples(rules_nlp, "Lufax, a unit of Ping An which launched its app Alipay, grew.")
    assert {r for r in found if r[1] == "OWNS"} == {
        ("Ping An Insurance", "OWNS", "Lufax"),
        ("Ping An Insurance", "OWNS", "Alipay"),
    }


def test_two_titles_before_a_name_are_both_held_at_the_firm_before_them(rules_nlp) -> None:
    found = triples(rules_nlp, "Meituan chairman and chief executive Wang Xing told staff to rest.")
    assert found == {("Wang Xing", "HOLDS_POSITION", "Meituan")}
    found = triples(rules_nlp, "Kuaishou co-founder and chief executive Su Hua quit.")
    assert found == {("Su Hua", "FOUNDED", "Kuaishou"), ("Su Hua", "HOLDS_POSITION", "Kuaishou")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a name compounded with a holding noun belongs to the firm after 'of' or 'under'; the
        # second such phrase is no list item of the first phrase's firm
        (
            "Regulators named the Tmall app of Alibaba and the QQ Music app of Tencent.",
            {("Alibaba Group", "OWNS", "Tmall"), ("Tencent", "OWNS", "QQ Music")},
        ),
        (
            "The Youku app under Alibaba was removed from stores.",
            {("Alibaba Group", "OWNS", "Youku")},
        ),
    ],
)
def test_a_holding_noun_joins_the_name_it_carries_to_its_firm(
    rules_nlp, text: str, expected: set[tuple[str, str, str]]
) -> None:
    assert triples(rules_nlp, text) == expected


def test_an_act_noun_takes_its_actor_from_a_participle_on_it(rules_nlp) -> None:
    found = triples(rules_nlp, "The penalty imposed by the SAMR on Meituan was the largest yet.")
    assert found == {("State Administration for Market Regulation", "FINED", "Meituan")}
    found = triples(rules_nlp, "The investigation launched by the CAC into Didi ended.")
    assert found == {("Cyberspace Administration of China", "INVESTIGATES", "Didi Global")}


@pytest.mark.parametrize(
    "text",
    [
        "Kuaishou, which was fined by the CAC last year, apologised.",
        "Kuaishou, which the CAC fined last year, apologised.",
    ],
)
def test_a_relative_pronoun_acted_on_is_the_name_it_follows(rules_nlp, text: str) -> None:
    assert triples(rules_nlp, text) == {("Cyberspace Administration of China", "FINED", "Kuaishou")}


def test_a_regulators_own_rules_are_rules_it_issued(rules_nlp) -> None:
    # the title starts after the regulator's possessive; a firm's rules are issued by no one
    found = triples(rules_nlp, "Lenders must follow the PBoC's Payment Services Measures now.")
    assert found == {("People's Bank of China", "ISSUED", "Payment Services Measures")}
    found = triples(rules_nlp, "The CSRC said its Overseas Listing Rules start in March.")
    assert found == {("China Securities Regulatory Commission", "ISSUED", "Overseas Listing Rules")}
    assert triples(rules_nlp, "Tencent's Privacy Rules changed in May.") == set()


def test_a_firms_holding_beside_a_name_describes_it_and_is_no_list_item(rules_nlp) -> None:
    found = triples(
        rules_nlp, "Last week the CSRC penalised Hexin, Huawei's online brokerage platform."
    )
    assert {r for r in found if r[1] == "FINED"} == {
        ("China Securities Regulatory Commission", "FINED", "Hexin")
    }
    # plural holdings in a list are listed
    found = triples(rules_nlp, "The SAMR fined Alibaba, Tencent's platforms and JD.com.")
    assert {r[2] for r in found if r[1] == "FINED"} == {"Alibaba Group", "Tencent", "JD.com"}


def test_a_type_noun_right_before_a_name_is_no_pronoun_for_an_earlier_one(rules_nlp) -> None:
    found = triples(rules_nlp, "The Tencent-controlled firm Huya was told to stop the merger.")
    assert {r for r in found if r[1] == "OWNS"} == {("Tencent", "OWNS", "Huya")}


def test_an_owners_role_after_a_possessive_turns_the_ownership_round(rules_nlp) -> None:
    assert triples(rules_nlp, "Ant Group's parent Alibaba fell 5% on the news.") == {
        ("Alibaba Group", "OWNS", "Ant Group")
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Kuaishou, in which Tencent holds a stake, was fined.", ("Tencent", "OWNS", "Kuaishou")),
        ("Lufax is majority-owned by Ping An.", ("Ping An Insurance", "OWNS", "Lufax")),
        ("Huya remains controlled by Tencent.", ("Tencent", "OWNS", "Huya")),
    ],
)
def test_an_owner_after_a_relative_preposition_or_a_participle_after_a_copula(
    rules_nlp, text: str, expected: tuple[str, str, str]
) -> None:
    assert {r for r in triples(rules_nlp, text) if r[1] == "OWNS"} == {expected}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Guo Shuqing, who chairs the CBIRC, warned lenders.",
            {
                (
                    "Guo Shuqing",
                    "HOLDS_POSITION",
                    "China Banking and Insurance Regulatory Commission",
                )
            },
        ),
        (
            "Eddie Wu was appointed chief executive of Alibaba in June.",
            {("Eddie Wu", "HOLDS_POSITION", "Alibaba Group")},
        ),
        # a body that leads something holds no position, nor does who chairs a meeting of one
        ("The PBoC led a crackdown on lenders.", set()),
        ("Xi Jinping chaired a meeting of the State Council.", set()),
    ],
)
def test_a_person_who_heads_or_is_appointed_to_a_body_holds_a_position_there(
    rules_nlp, text: str, expected: set[tuple[str, str, str]]
) -> None:
    assert triples(rules_nlp, text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Meituan drew criticism from the SAMR for its fees.",
            {("State Administration for Market Regulation", "CRITICIZED", "Meituan")},
        ),
        (
            "Ant Group earned praise from the PBoC.",
            {("People's Bank of China", "SUPPORTED", "Ant Group")},
        ),
        # drawing up a plan with a firm receives nothing from it
        ("Tencent drew up a plan with Meituan.", set()),
    ],
)
def test_a_firm_that_draws_or_earns_an_act_is_its_object(
    rules_nlp, text: str, expected: set[tuple[str, str, str]]
) -> None:
    assert triples(rules_nlp, text) == expected


def test_an_order_that_a_firm_act_orders_it_and_a_removal_suspends(rules_nlp) -> None:
    assert triples(rules_nlp, "The SAMR demanded that Alibaba end its exclusive deals.") == {
        ("State Administration for Market Regulation", "ORDERED", "Alibaba Group")
    }
    found = triples(rules_nlp, "The CAC ordered the removal of Douyin from app stores.")
    assert ("Cyberspace Administration of China", "SUSPENDED", "Douyin") in found
    # the subject of the clause is who must act: users are no entity, Douyin is not ordered
    assert triples(rules_nlp, "The CAC asked that users report Douyin.") == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # the parse hangs "by" on the active infinitive, which takes no agent of its own
        (
            "Pinduoduo was told to pay a penalty of 2 million yuan by the SAMR.",
            {
                ("State Administration for Market Regulation", "ORDERED", "Pinduoduo"),
                ("State Administration for Market Regulation", "FINED", "Pinduoduo"),
            },
        ),
        (
            "NetEase was ordered to overhaul its games by the NPPA.",
            {("National Press and Publication Administration", "ORDERED", "NetEase")},
        ),
        ("Pinduoduo was told to pay suppliers by Friday.", set()),
    ],
)
def test_a_passive_order_takes_the_agent_hung_on_what_it_orders(
    rules_nlp, text: str, expected: set[tuple[str, str, str]]
) -> None:
    assert triples(rules_nlp, text) == expected


def test_an_act_given_to_firms_reaches_each_of_them(rules_nlp) -> None:
    assert triples(rules_nlp, "The CSRC gave penalties to Ping An and Lufax over disclosures.") == {
        ("China Securities Regulatory Commission", "FINED", "Ping An Insurance"),
        ("China Securities Regulatory Commission", "FINED", "Lufax"),
    }


def test_what_an_act_is_about_is_not_what_launching_it_launches(rules_nlp) -> None:
    assert triples(rules_nlp, "The SAMR launched probes of Meituan and Ele.me.") == {
        ("State Administration for Market Regulation", "INVESTIGATES", "Meituan"),
        ("State Administration for Market Regulation", "INVESTIGATES", "Ele.me"),
    }
    # a noun that names no act still carries the name it is of
    assert triples(rules_nlp, "The PBoC launched a trial of the e-CNY.") == {
        ("People's Bank of China", "OPERATES", "e-CNY")
    }


def test_a_group_noun_with_a_sum_beside_it_points_back_to_the_list(rules_nlp) -> None:
    text = (
        "Huya, Douyu and Bilibili stream games. "
        "The market regulator fined the three companies 1.2 million yuan each."
    )
    assert triples(rules_nlp, text) == {
        ("State Administration for Market Regulation", "FINED", firm)
        for firm in ("Huya", "DouYu", "Bilibili")
    }


def test_a_pronoun_opening_a_sentence_continues_the_subject_before(rules_nlp) -> None:
    text = (
        "The NPPA rejected a game from Tencent in May. It later summoned NetEase over loot boxes."
    )
    assert triples(rules_nlp, text) == {
        ("National Press and Publication Administration", "SUMMONED", "NetEase")
    }
    # the fined firm speaking next is no new act
    assert triples(
        rules_nlp, "Tencent was fined by the SAMR. It said it accepted the penalty."
    ) == {("State Administration for Market Regulation", "FINED", "Tencent")}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Beijing will take golden shares in Weibo and Kuaishou.",
            {
                ("Chinese government", "OWNS", "Weibo"),
                ("Chinese government", "OWNS", "Kuaishou"),
            },
        ),
        # the state runs what it has; a regulator's order to a firm owns nothing
        (
            "The PBoC's e-CNY is in trials in four cities.",
            {("People's Bank of China", "OPERATES", "e-CNY")},
        ),
        (
            "The CAC asked Kuaishou to control its live streams.",
            {("Cyberspace Administration of China", "ORDERED", "Kuaishou")},
        ),
    ],
)
def test_the_state_owns_where_a_stake_is_said_outright(
    rules_nlp, text: str, expected: set[tuple[str, str, str]]
) -> None:
    assert triples(rules_nlp, text) == expected


def test_a_fine_reaches_the_name_the_parse_hangs_on_its_sum(rules_nlp) -> None:
    # "NetEase" parsed as a compound of "billion", not of "yuan"
    text = (
        "The NPPA fined gaming giant NetEase 4.2 billion yuan (about $650 million) for loot boxes."
    )
    assert triples(rules_nlp, text) == {
        ("National Press and Publication Administration", "FINED", "NetEase")
    }


def test_a_sum_hung_on_the_verb_names_who_was_fined() -> None:
    """A parse built by hand (the shape the small model gives some long sentences): the sum is
    an adverbial of the verb and the name a modifier of the sum."""
    from spacy.lang.en import English
    from spacy.tokens import Doc

    from kg.extraction.relations import direct_objects

    words = ["The", "state", "fined", "search", "giant", "Quillfeed", "2", "billion", "yuan"]
    heads = [1, 2, 2, 4, 2, 8, 7, 8, 2]
    deps = ["det", "nsubj", "ROOT", "compound", "dobj", "nmod", "compound", "nummod", "npadvmod"]
    doc = Doc(English().vocab, words=words, heads=heads, deps=deps)
    assert [t.text for t in direct_objects(doc[2])] == ["giant", "Quillfeed"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Douyu's app was ordered to be pulled from app stores by the CAC.",
            {("Cyberspace Administration of China", "SUSPENDED", "DouYu")},
        ),
        (
            "Bilibili was required to be reviewed by the NPPA before launch.",
            {("National Press and Publication Administration", "INVESTIGATES", "Bilibili")},
        ),
        ("Huya was told to be closed by the end of the month.", set()),
    ],
)
def test_a_passive_infinitive_acts_on_the_subject_of_the_verb_before_it(
    rules_nlp, text: str, expected: set[tuple[str, str, str]]
) -> None:
    assert triples(rules_nlp, text) == expected


def test_a_role_of_a_holding_noun_reaches_the_name_it_carries(rules_nlp) -> None:
    assert triples(rules_nlp, "Yu'ebao is part of the Alipay app.") == {
        ("Yu'eBao", "PART_OF", "Alipay")
    }


def test_a_described_policy_ends_before_the_line_break_after_it(rules_nlp) -> None:
    text = "China adopts new rules for online lenders\n\nThe CAC summoned Kuaishou on Friday."
    assert triples(rules_nlp, text) == {
        ("Chinese government", "ISSUED", "new rules for online lenders"),
        ("Cyberspace Administration of China", "SUMMONED", "Kuaishou"),
    }


def test_a_short_name_defined_hereinafter_stands_for_the_full_one(rules_nlp) -> None:
    text = (
        "Shenzhen Quillfeed Network Technology Co., Ltd. (hereinafter referred to as Quillfeed) "
        "sells maps. The SAMR fined Quillfeed 2 million yuan in May."
    )
    firm = "Shenzhen Quillfeed Network Technology Co., Ltd."
    assert triples(rules_nlp, text) == {
        ("State Administration for Market Regulation", "FINED", firm)
    }


def test_how_a_policy_was_made_is_no_part_of_its_description() -> None:
    """Parses built by hand: the small model mostly hangs 'on the basis of' on the verb."""
    from spacy.lang.en import English
    from spacy.tokens import Doc

    from kg.extraction.described import described_policies

    def described(words: list[str], heads: list[int], deps: list[str]) -> list[str]:
        lemmas = [w.lower() for w in words]
        lemmas[2] = "draft"
        doc = Doc(English().vocab, words=words, heads=heads, deps=deps, lemmas=lemmas)
        return [m.text for m in described_policies(doc, [])]

    heads = [1, 2, 2, 4, 2, 4, 7, 5, 7, 8, 2]
    deps = ["det", "nsubj", "ROOT", "det", "dobj", "prep", "det", "pobj", "prep", "pobj", "punct"]
    made = ["The", "PBOC", "drafted", "the", "rules", "on", "the", "basis", "of", "study", "."]
    about = ["The", "PBOC", "drafted", "the", "rules", "on", "the", "lending", "of", "apps", "."]
    assert described(made, heads, deps) == []
    assert described(about, heads, deps) == ["rules on the lending of apps"]


def test_a_sum_given_to_do_something_does_nothing_itself(rules_nlp) -> None:
    assert triples(rules_nlp, "Baidu pledged 5 billion yuan to support common prosperity.") == {
        ("Baidu", "SUPPORTED", "common prosperity")
    }
    # who is told to act does what follows
    assert triples(rules_nlp, "The SAMR ordered Alibaba to pay 18 billion yuan.") == {
        ("State Administration for Market Regulation", "ORDERED", "Alibaba Group")
    }


def test_a_product_named_after_its_firm_is_the_firm_where_only_a_firm_is_acted_on(
    rules_nlp,
) -> None:
    graph = extract_one(rules_nlp, "Users flocked to Weibo after the ban. The CAC summoned Weibo.")
    assert triples_of(graph) == {
        ("Cyberspace Administration of China", "SUMMONED", "Weibo Corporation")
    }
    assert sorted((e.name, e.label) for e in graph.entities) == [
        ("Cyberspace Administration of China", "Regulator"),
        ("Weibo Corporation", "Company"),
    ]
    # an app reviewed among apps stays the app
    graph = extract_one(rules_nlp, "The CAC opened a review of apps including Weibo.")
    assert triples_of(graph) == {("Cyberspace Administration of China", "INVESTIGATES", "Weibo")}
    assert ("Weibo", "Product") in {(e.name, e.label) for e in graph.entities}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Pinduoduo sued rival e-tailer JD.com in 2020.",
            {("Pinduoduo", "COMPETES_WITH", "JD.com")},
        ),
        (
            "JD.com won a lawsuit against rival Alibaba last year.",
            {("JD.com", "COMPETES_WITH", "Alibaba Group")},
        ),
        # a rival of no one named: nothing
        ("Rival Alibaba cut prices last year.", set()),
    ],
)
def test_a_rival_title_before_a_name_makes_it_the_subjects_rival(
    rules_nlp, text: str, expected: set[tuple[str, str, str]]
) -> None:
    found = triples(rules_nlp, text)
    assert {tuple(sorted((s, o))) for s, t, o in found if t == "COMPETES_WITH"} == {
        tuple(sorted((s, o))) for s, _, o in expected
    }
    assert all(t == "COMPETES_WITH" for _, t, _ in found)


def test_a_fronted_participle_shares_the_passive_subject_of_its_clause(rules_nlp) -> None:
    text = "Facing a penalty of 2 million yuan, Douyu was ordered to fix its content, the CAC said."
    assert triples(rules_nlp, text) == {
        ("Cyberspace Administration of China", "FINED", "DouYu"),
        ("Cyberspace Administration of China", "ORDERED", "DouYu"),
    }
