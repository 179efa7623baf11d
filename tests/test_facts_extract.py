"""extract_facts on whole documents: ids, spans, period/kind/direction from structure, geo, theme, output."""

import csv
import io
import itertools
import json
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.facts import (
    extract_facts,
    facts_to_csv,
    facts_to_jsonl,
    facts_to_table,
    format_facts,
    format_facts_in_parts,
    load_themes,
)
from briefing.ingest import document_from_text
from briefing.model import THEMES, Confidence, Fact

REPORT = """关于西城区2024年国民经济和社会发展计划上半年执行情况的报告

  一、上半年计划执行情况

  (一)经济运行稳中有进

  上半年,全区实现地区生产总值1200亿元,同比增长5.1%。新设外商投资企业45家,实际使用外资3.2亿美元。规模以上文化及相关产业收入210亿元,居全市第三。累计完成三年行动任务的75%。

  (二)城市更新有序推进

  完成老旧小区改造32个,新增停车位600个,共享车位800个。压减床位120张。细颗粒物(PM2.5)浓度为31微克/立方米,同比改善8.5%。

  二、需要关注的主要问题

  全区超5万平方米的产业空间共35处,闲置面积12万平方米。1-6月,实际使用外资同比下降12%。

  三、下半年工作安排

  (一)稳增长

  确保地区生产总值实现同比增长5%左右。全年引进首店不少于60家。完成老旧小区改造40个。
"""

DIGEST = """全市今年新增就业岗位超10万个

本报讯（记者 王明）记者昨天从市人社局了解到，今年1-11月，北京新增就业岗位超10万个。

“十四五”期间，全市累计建成保障性住房30万套，其中朝阳、海淀等区共建成12万套。

雄安新区建设提速

本报讯（记者 李华）雄安新区入驻企业达到300余家，北京支持建设的学校在校学生超过5000人。
"""


@pytest.fixture(scope="module")
def report_facts():
    return extract_facts(document_from_text(REPORT, "report"))


@pytest.fixture(scope="module")
def digest_facts():
    return extract_facts(document_from_text(DIGEST, "digest"))


def by_raw(facts, raw, nth=0):
    return [f for f in facts if f.raw == raw][nth]


def test_ids_spans_and_sentences_trace_back_to_the_source(report_facts):
    assert [f.id for f in report_facts] == [f"report#{n}" for n in range(1, len(report_facts) + 1)]
    for fact in report_facts:
        assert REPORT[fact.span[0] : fact.span[1]] == fact.raw
        assert fact.raw in fact.sentence
        assert fact.sentence in REPORT
    starts = [f.span[0] for f in report_facts]
    assert starts == sorted(starts)


def test_report_periods_follow_the_sections(report_facts):
    assert by_raw(report_facts, "1200亿元").period == "2024-H1"
    assert by_raw(report_facts, "35处").period == "unspecified"  # 需要关注的主要问题: stocks
    assert by_raw(report_facts, "12%").period == "2024-H1"  # 1-6月
    assert by_raw(report_facts, "75%").period == "cumulative"  # 三年行动任务
    target = by_raw(report_facts, "5%左右")
    assert (target.period, target.kind, target.direction) == ("target-2024", "target", "up")
    assert by_raw(report_facts, "不少于60家").qualifier == "at_least"
    assert by_raw(report_facts, "40个").kind == "target"


def test_report_kinds_and_directions(report_facts):
    assert (by_raw(report_facts, "5.1%").kind, by_raw(report_facts, "5.1%").direction) == ("change_pct", "up")
    assert (by_raw(report_facts, "12%").kind, by_raw(report_facts, "12%").direction) == ("change_pct", "down")
    assert (by_raw(report_facts, "8.5%").kind, by_raw(report_facts, "8.5%").direction) == (
        "change_pct",
        "down",
    )
    assert by_raw(report_facts, "75%").kind == "share"
    assert by_raw(report_facts, "第三").kind == "rank"
    assert (by_raw(report_facts, "600个").kind, by_raw(report_facts, "600个").direction) == (
        "change_abs",
        "up",
    )
    assert by_raw(report_facts, "800个").kind == "change_abs"  # continues the list after 新增
    assert (by_raw(report_facts, "120张").unit, by_raw(report_facts, "120张").direction) == ("bed", "down")
    assert by_raw(report_facts, "45家").kind == "level"  # new firms are activity, not a stock change
    assert by_raw(report_facts, "32个").kind == "level"


def test_report_geo_and_themes(report_facts):
    assert {f.geo for f in report_facts} == {"西城区"}
    assert by_raw(report_facts, "3.2亿美元").theme == "consumption_trade"
    assert by_raw(report_facts, "210亿元").theme == "culture_tourism"
    assert by_raw(report_facts, "31微克/立方米").theme == "environment"
    assert by_raw(report_facts, "600个").theme == "urban_renewal"
    assert by_raw(report_facts, "1200亿元").theme == "economy"
    assert all(f.theme in THEMES for f in report_facts)
    assert by_raw(report_facts, "1200亿元").article == "(一)经济运行稳中有进"


def test_digest_headline_takes_the_body_reading(digest_facts):
    headline, body = [f for f in digest_facts if f.raw == "超10万个"]
    assert headline.sentence == "全市今年新增就业岗位超10万个"
    assert headline.sentence_index < body.sentence_index
    assert (headline.period, headline.kind, headline.theme) == (body.period, body.kind, body.theme)
    assert headline.confidence == body.confidence  # as sure as the reading it takes
    assert headline.unit == body.unit == "job"
    assert headline.kind == "level"  # new jobs are a flow, not an addition to a stock


def test_months_resolve_to_the_year_the_text_names():
    text = "全市2024年新增就业岗位超10万个\n\n本报讯（记者 王明）今年1-11月，北京新增就业岗位超10万个。\n"
    facts = extract_facts(document_from_text(text, "d"))
    assert [f.period for f in facts] == ["2024-01/2024-11", "2024-01/2024-11"]


def test_indicator_is_the_subject_without_filler(report_facts):
    assert by_raw(report_facts, "600个").indicator_zh == "新增停车位"
    assert by_raw(report_facts, "800个").indicator_zh == "共享车位"
    assert by_raw(report_facts, "3.2亿美元").indicator_zh == "实际使用外资"


def test_digest_periods_and_places(digest_facts):
    housing = by_raw(digest_facts, "30万套")
    assert (housing.period, housing.value, housing.geo) == ("14th-FYP", Decimal("300000"), "北京市")
    assert by_raw(digest_facts, "12万套").geo == "北京市"  # 朝阳、海淀等 are examples, not the subject
    firms = by_raw(digest_facts, "300余家")
    assert (firms.geo, firms.theme, firms.qualifier) == ("雄安新区", "regional", "over")
    assert by_raw(digest_facts, "超过5000人").geo == "雄安新区"


def test_every_field_of_a_fact_holds_its_own_value():
    """_fact passes the fields by position (faster than by keyword): each must land in its own field."""
    text = "测试标题\n\n一、工作回顾\n\n某县2025年新建公园3至5个，同比增长20%。\n"
    document = document_from_text(text, "t")
    parks, growth = extract_facts(document)
    sentence = document.sentences[parks.sentence_index]
    assert (parks.doc, parks.id, growth.id) == ("t", "t#1", "t#2")
    assert (parks.raw, parks.sentence, sentence.text) == (
        "3至5个",
        sentence.text,
        "某县2025年新建公园3至5个，同比增长20%。",
    )
    assert text[parks.span[0] : parks.span[1]] == "3至5个"
    assert (parks.value, parks.value_max, parks.unit, parks.measure_word) == (3, 5, "unit", "个")
    assert (parks.qualifier, parks.period) == ("exact", "2025") and parks.indicator_zh.endswith("新建公园")
    assert (parks.kind, parks.direction, parks.article) == ("level", None, "一、工作回顾")
    assert (growth.kind, growth.direction, growth.unit, growth.value_max) == (
        "change_pct",
        "up",
        "percent",
        None,
    )
    assert (parks.indicator_en, parks.indicator_en_by) == ("", "")  # the pipeline fills them in
    assert parks.geo and parks.theme in THEMES and isinstance(parks.confidence, Confidence)
    assert all(0 < share <= 1 for share in parks.confidence.to_json().values())


def test_output_formats(report_facts):
    lines = facts_to_jsonl(report_facts).splitlines()
    assert len(lines) == len(report_facts)
    first = json.loads(lines[0])
    assert first["id"] == "report#1" and first["span"] == list(report_facts[0].span)
    rows = list(csv.DictReader(io.StringIO(facts_to_csv(report_facts))))
    assert [r["raw"] for r in rows] == [f.raw for f in report_facts]
    table = facts_to_table(report_facts)
    assert len(table.splitlines()) == len(report_facts) + 1
    assert format_facts(report_facts, "csv") == facts_to_csv(report_facts)
    with pytest.raises(ValueError):
        format_facts(report_facts, "xml")


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "table"])
@settings(max_examples=60, deadline=None)
@given(cuts=st.lists(st.integers(min_value=0, max_value=40), max_size=6))
def test_facts_given_document_by_document_read_as_all_at_once(report_facts, fmt, cuts):
    """`facts` writes each document's facts as they come: the parts joined (empty ones, none at all)
    are the text of every fact at once, CSV with one header, the table aligned over every row."""
    bounds = sorted({0, len(report_facts), *(min(c, len(report_facts)) for c in cuts)})
    parts = [report_facts[a:b] for a, b in itertools.pairwise(bounds)] + [[]]
    assert "".join(format_facts_in_parts(iter(parts), fmt)) == format_facts(report_facts, fmt)
    assert "".join(format_facts_in_parts(iter([]), fmt)) == format_facts([], fmt)


_TEXT = st.text(st.characters(codec="utf-8"), max_size=12)
_DECIMAL = st.decimals(allow_nan=False, allow_infinity=False) | st.integers().map(Decimal)
_SHARE = st.floats(allow_nan=True, allow_infinity=True)


@settings(max_examples=300, deadline=None)
@given(
    strings=st.lists(_TEXT, min_size=13, max_size=13),
    span=st.tuples(st.integers(0, 10**6), st.integers(0, 10**6)),
    value=_DECIMAL,
    value_max=st.none() | _DECIMAL,
    direction=st.none() | _TEXT,
    confidence=st.tuples(_SHARE, _SHARE, _SHARE),
)
def test_jsonl_line_is_the_encoded_record(strings, span, value, value_max, direction, confidence):
    """The JSONL writer spells each line out from the fact's fields; it must be what json writes for
    `to_record()` (any string: quotes, controls, astral characters; optional fields; NaN)."""
    doc, id_, raw, sentence, unit, mw, qualifier, zh, en, by, period, kind, geo = strings
    fact = Fact(
        doc,
        id_,
        raw,
        span,
        sentence,
        value,
        unit,
        mw,
        qualifier,
        zh,
        en,
        by,
        period,
        kind,
        direction,
        geo,
        theme=raw[:3],
        article=sentence[:5],
        value_max=value_max,
        confidence=Confidence(*confidence),
    )
    expected = json.dumps(fact.to_record(), ensure_ascii=False) + "\n"
    assert facts_to_jsonl([fact]) == expected


@settings(max_examples=200, deadline=None)
@given(
    sentences=st.lists(_TEXT, min_size=1, max_size=3),
    confidences=st.lists(st.tuples(_SHARE, _SHARE, _SHARE), min_size=1, max_size=3),
    picks=st.lists(st.tuples(st.integers(0, 2), st.integers(0, 2), st.booleans()), min_size=1, max_size=8),
)
def test_jsonl_of_facts_sharing_sentences_and_confidences(sentences, confidences, picks):
    """The writer quotes a sentence once for the facts in a row that hold the same string, and writes a
    Confidence once for every fact holding it: every line must still be its own fact's record, whether
    facts hold the same objects, equal copies or different values, in any order."""
    shared = [Confidence(*c) for c in confidences]
    facts = []
    for n, (s, c, copy) in enumerate(picks):
        sentence = sentences[s % len(sentences)]
        confidence = shared[c % len(shared)]
        if copy:  # an equal value in another object
            sentence = "".join(list(sentence))
            confidence = Confidence(confidence.period, confidence.kind, confidence.geo)
        facts.append(
            Fact("d", f"d#{n}", "1个", (n, n + 1), sentence, Decimal(n), "item", confidence=confidence)
        )
    expected = "".join(json.dumps(f.to_record(), ensure_ascii=False) + "\n" for f in facts)
    assert facts_to_jsonl(facts) == expected


def test_themes_carry_names_and_user_extensions(tmp_path):
    themes = load_themes()
    assert set(themes) == set(THEMES)
    assert themes["environment"]["zh"] == "生态环境" and themes["environment"]["en"]
    extra = tmp_path / "themes.toml"
    extra.write_text(
        '[safety]\nkeywords = ["无人机"]\n[space]\nzh = "航天"\nen = "Space"\nkeywords = ["卫星"]\n'
    )
    merged = load_themes(extra)
    assert "无人机" in merged["safety"]["keywords"] and "消防" in merged["safety"]["keywords"]
    assert merged["space"]["en"] == "Space"
    document = document_from_text("全年发射卫星12颗，建成卫星地面站3座。", "t")
    facts = extract_facts(document, themes_file=str(extra))
    assert [(f.raw, f.theme) for f in facts] == [("12颗", "space"), ("3座", "space")]


@pytest.mark.parametrize(
    "text",
    [
        "没有数字的文本。",
        "   \n\n  ",
        "1..2家企业，3万万元",
        "中文English混合123abc，" * 50,
        "汉" * 200_000 + "共12家",
    ],
)
def test_bad_input_never_crashes(text):
    facts = extract_facts(document_from_text(text, "t")) if text.strip() else []
    assert all(0 < f.certainty <= 1 for f in facts)
    assert all(f.raw in {"12家"} for f in facts)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.text(
        alphabet=st.sampled_from(
            list("0123456789.,-%万亿千百十一二两三五家个元年月第超约近余多以上内")
            + list("，。、“”的企业新增同比增长居全市\n ")
        ),
        min_size=1,
    )
)
def test_random_text_gives_consistent_facts(text):
    if not text.strip():
        return
    document = document_from_text(text, "r")
    for fact in extract_facts(document):
        assert document.text[fact.span[0] : fact.span[1]].replace("\n", "") == fact.raw.replace("\n", "")
        assert fact.value >= 0
        assert fact.kind in {"level", "change_pct", "change_abs", "share", "rank", "target", "multiple"}
        assert fact.qualifier in {"exact", "over", "about", "nearly", "at_least", "at_most"}
        assert fact.theme in THEMES


def _labelled(text: str) -> list[tuple[str, str]]:
    return [(f.raw, f.indicator_zh) for f in extract_facts(document_from_text(text, "t"))]


def test_a_respective_list_of_changes_names_the_figures_of_its_own_sentence():
    """分别 gives the k-th change the subject of the k-th figure stated before it in its sentence; a
    sentence stating fewer figures than it lists changes does not borrow them from the sentence before
    (its changes take the subject of its last figure instead)."""
    listed = _labelled(
        "甲镇茶叶产量900吨，乙镇茶叶产量700吨。丙镇果园面积50公顷，丁镇果园面积40公顷，分别增长6.2%、3.5%。"
    )
    assert listed[-2:] == [("6.2%", "丙镇果园面积增速"), ("3.5%", "丁镇果园面积增速")]
    short = _labelled("甲镇茶叶产量900吨，乙镇茶叶产量700吨。丙镇果园面积50公顷，分别增长6.2%、3.5%。")
    assert short[-2:] == [("6.2%", "丙镇果园面积增速"), ("3.5%", "丙镇果园面积增速")]


def test_a_comparison_after_a_rank_takes_the_subject_of_the_figure_before_the_rank():
    labels = dict(_labelled("某市森林覆盖率达到64%，居全省第2位，高于全省平均水平5个百分点。"))
    assert labels["5个百分点"] == "某市森林覆盖率高于全省平均水平"


def test_a_share_and_then_a_bare_change_name_the_figures_they_follow():
    """The share label applies where no comparison does; a bare change then takes the share's label."""
    labels = dict(_labelled("某县蔬菜产量120万吨，占全市蔬菜产量的三成，同比增长近1倍。"))
    assert labels["三成"] == "某县蔬菜产量占全市蔬菜产量比重"
    assert labels["近1倍"] == "某县蔬菜产量占全市蔬菜产量比重同比增长"


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.sampled_from(["某区", "产量", "12万吨", "，", "。", "；", "同比增长", "3.5%", "分别", "、"]),
        max_size=30,
    )
)
def test_the_clause_start_handed_to_the_label_functions_is_the_clause_of_the_number(parts):
    """extract_facts finds each figure's clause start once (SentenceAnalysis.clause_start) and hands it to
    every label function, which used to find it themselves with quantities.clause_start: the same offset."""
    from briefing.facts.context import document_context
    from briefing.facts.quantities import clause_start, find_quantities

    text = "".join(parts)
    if not text.strip():
        return
    document = document_from_text(text, "c")
    context = document_context(document)
    for sentence in document.sentences:
        mentions = find_quantities(sentence.text)
        if mentions:
            analysis = context.analyse(sentence, mentions)
            for mention in mentions:
                expected = clause_start(sentence.text, mention.number_start)
                assert analysis.clause_start(mention.number_start) == expected
