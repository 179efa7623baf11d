"""What a brief may state about a fact: period, target status and place only when established."""

from __future__ import annotations

from test_compose_helpers import FakeLayer, make_document, make_fact

from briefing.compose import compose_brief
from briefing.compose.trust import assess, confidence, document_place, doubts, stateable
from briefing.model import Confidence

REPORT = (
    "青川县2025年政府工作报告\n"
    "一、过去一年工作回顾\n"
    "全县粮食产量达到41.2万吨。县域工业产值增长6.4%，增速高于全国0.9个百分点。\n"
    "二、今年主要目标\n"
    "力争县域工业产值增长7%左右。\n"
)


def _doc():
    return make_document(REPORT, doc="qc", issuer="青川县")


def test_a_field_the_facts_stage_doubts_is_not_stated():
    document = _doc()
    fact = make_fact(document, "41.2万吨", "412000", "ton", "粮食产量", geo="青川县", period="2025")
    assert confidence(fact, "geo") == 1.0
    assert doubts(fact, document, None, planned=False) == set()
    fact.confidence = Confidence(period=0.3, kind=1.0, geo=0.9)
    assert confidence(fact, "period") == 0.3
    assert doubts(fact, document, None, planned=False) == {"period"}


def test_an_issuing_government_is_the_documents_place():
    assert document_place(_doc()) == "青川县"


def test_a_national_place_given_to_a_local_figure_is_doubted_but_not_a_named_yardstick():
    document = _doc()
    local_as_national = make_fact(
        document, "6.4%", "6.4", "percent", "县域工业产值", kind="change_pct", geo="全国"
    )
    assert "geo" not in doubts(local_as_national, document, None, planned=False)  # the extractor was sure
    local_as_national.confidence = Confidence(geo=0.6)  # … and when it only guessed, the document decides
    assert "geo" in doubts(local_as_national, document, None, planned=False)
    own = make_fact(document, "41.2万吨", "412000", "ton", "粮食产量", geo="青川县", period="2025")
    assert "geo" not in doubts(own, document, None, planned=False)
    yardstick = make_fact(
        document, "0.9个百分点", "0.9", "percentage_point", "增速", kind="change_abs", geo="全国"
    )
    yardstick.confidence = Confidence(geo=0.6)
    # 高于全国 compares the county with the country: 全国 is no subject's place here
    assert "geo" in doubts(yardstick, document, None, planned=False)


def test_a_target_needs_a_target_word_or_a_plan_passage_and_a_result_may_not_sit_in_one():
    document = _doc()
    achieved_as_target = make_fact(
        document, "41.2万吨", "412000", "ton", "粮食产量", kind="target", geo="青川县"
    )
    assert "kind" in doubts(achieved_as_target, document, None, planned=False)
    real_target = make_fact(
        document,
        "7%左右",
        "7",
        "percent",
        "县域工业产值增速",
        kind="target",
        period="target-2025",
        geo="青川县",
    )
    assert "kind" not in doubts(real_target, document, None, planned=False)
    planned_result = make_fact(
        document, "7%左右", "7", "percent", "县域工业产值", kind="change_pct", geo="青川县"
    )
    assert "kind" in doubts(planned_result, document, None, planned=True)


def test_doubted_place_or_kind_is_never_stated_and_no_plan_word_is_added_to_a_result():
    document = _doc()
    facts = [
        make_fact(document, "41.2万吨", "412000", "ton", "粮食产量", period="2025", geo="青川县", number=1),
        make_fact(
            document,
            "6.4%",
            "6.4",
            "percent",
            "县域工业产值",
            kind="change_pct",
            period="2025",
            geo="全国",
            number=2,
        ),
        make_fact(
            document,
            "41.2万吨",
            "412000",
            "ton",
            "粮食产量",
            kind="target",
            period="target-2025",
            geo="青川县",
            number=3,
        ),
    ]
    facts[1].confidence = Confidence(geo=0.6)
    planned = {s.index for s in document.sentences if "力争" in s.text}
    found = assess(document, facts, planned)
    by_id = {f.id: f for f in facts}
    assert [stateable(by_id[i], found[i]) for i in ("qc#1", "qc#2", "qc#3")] == [True, False, False]
    brief = compose_brief(document, facts, FakeLayer({}))
    stated = [bs for s in brief.sections for bs in s.sentences if bs.facts]
    ids = {i for bs in stated for i in bs.facts}
    assert ids == {"qc#1"}
    for sentence in stated:
        assert not any(word in sentence.zh for word in ("计划", "目标", "年底前"))
        assert "Target" not in sentence.en


def test_a_number_inside_a_title_or_a_slogan_is_never_stated():
    document = make_document(
        "报告\n一、回顾\n编制《青川县第十四个五年规划纲要》。用好两个市场。\n", doc="t", issuer="青川县"
    )
    in_title = make_fact(document, "第十四个", "14", "rank", "五年规划", kind="rank", geo="青川县")
    slogan = make_fact(document, "两个", "2", "item", "市场", geo="青川县")
    assert not stateable(in_title, set()) and not stateable(slogan, set())
