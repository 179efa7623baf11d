"""The summary leads with what the genre's reader looks for; context figures never lead."""

from __future__ import annotations

from test_compose_helpers import FakeLayer, make_document, make_fact

from briefing.compose import compose_brief
from briefing.compose.summary import headline_of, is_context

REPORT = (
    "青川县2026年政府工作报告\n"
    "一、过去一年工作回顾\n"
    "全县新建茶园步道12公里。"
    "全县地区生产总值增长6.1%。"
    "一般公共预算收入增长3.4%。"
    "全国经济增长5%。"
    "新增造林面积2.3万亩。\n"
    "二、今年主要目标\n"
    "预期目标是：地区生产总值增长6%左右。\n"
)
LABELS = {"地区生产总值": "GDP", "一般公共预算收入": "general public budget revenue"}


def _report():
    document = make_document(REPORT, doc="qc", issuer="青川县", date="2026-01-20")
    document.genre = "government_work_report"
    f = make_fact
    facts = [
        f(document, "12公里", "12", "km", "新建茶园步道", geo="青川县", period="2025", number=1),
        f(
            document,
            "6.1%",
            "6.1",
            "percent",
            "全县地区生产总值",
            kind="change_pct",
            direction="up",
            geo="青川县",
            period="2025",
            number=2,
        ),
        f(
            document,
            "3.4%",
            "3.4",
            "percent",
            "一般公共预算收入",
            kind="change_pct",
            direction="up",
            geo="青川县",
            period="2025",
            number=3,
        ),
        f(
            document,
            "5%",
            "5",
            "percent",
            "全国经济",
            kind="change_pct",
            direction="up",
            geo="全国",
            period="2025",
            number=4,
        ),
        f(
            document,
            "2.3万亩",
            "23000",
            "mu",
            "新增造林面积",
            geo="青川县",
            period="2025",
            theme="environment",
            number=5,
        ),
        f(
            document,
            "6%左右",
            "6",
            "percent",
            "地区生产总值",
            kind="target",
            qualifier="about",
            direction="up",
            geo="青川县",
            period="target-2026",
            number=6,
        ),
    ]
    return document, facts


def test_headline_indicators_are_named_in_data():
    _, facts = _report()
    assert headline_of(facts[1]) == "gdp" and headline_of(facts[2]) == "fiscal_revenue"
    assert headline_of(facts[0]) == ""


def test_a_work_report_summary_leads_with_headline_indicators_then_the_main_target():
    document, facts = _report()
    brief = compose_brief(document, facts, FakeLayer(LABELS))
    summary = brief.sections[0]
    assert summary.id == "summary"
    ids = [bs.facts[0] for bs in summary.sentences]
    assert ids[:3] == ["qc#2", "qc#3", "qc#6"]  # GDP, fiscal revenue, then the year's GDP target
    assert len(set(ids)) == len(ids)  # each once


def test_a_national_figure_in_a_local_report_never_leads_nor_becomes_a_key_figure():
    document, facts = _report()
    assert is_context(document, facts[3]) and not is_context(document, facts[1])
    brief = compose_brief(document, facts, FakeLayer(LABELS))
    assert "qc#4" not in {i for bs in brief.sections[0].sentences for i in bs.facts}
    assert "qc#4" not in {k.fact_id for k in brief.key_figures}


def test_a_news_article_leads_with_its_headline_figure():
    text = (
        "青川茶叶产量增长18%\n本报讯 青川县新建茶园步道12公里。全县茶叶产量增长18%。新增造林面积2.3万亩。\n"
    )
    document = make_document(text, doc="news", issuer="青川县")
    document.genre = "news_article"
    f = make_fact
    facts = [
        f(document, "12公里", "12", "km", "青川县新建茶园步道", geo="青川县", period="2025", number=1),
        f(
            document,
            "18%",
            "18",
            "percent",
            "茶叶产量",
            kind="change_pct",
            direction="up",
            geo="青川县",
            period="2025",
            number=2,
            after="本报讯",
        ),
        f(
            document,
            "18%",
            "18",
            "percent",
            "青川茶叶产量",
            kind="change_pct",
            direction="up",
            geo="青川县",
            period="2025",
            number=3,
        ),
    ]
    brief = compose_brief(document, facts, FakeLayer({}))
    first = brief.sections[0].sentences[0]
    assert "18%" in first.zh


def test_a_digest_gives_one_line_per_article_in_article_order():
    from briefing.model import Article

    text = "青川新闻一\n本报讯 青川县新建茶园步道12公里。\n剑阁新闻二\n本报讯 剑阁县新建林区道路40公里。\n"
    document = make_document(text, doc="dg", issuer="")
    document.genre = "news_digest"
    split = text.index("剑阁新闻二")
    document.articles = [Article("青川新闻一", 0, split), Article("剑阁新闻二", split, len(text))]
    for sentence in document.sentences:
        sentence.article = 0 if sentence.start < split else 1
    f = make_fact
    facts = [
        f(document, "12公里", "12", "km", "青川县新建茶园步道", geo="青川县", period="2025", number=1),
        f(document, "40公里", "40", "km", "剑阁县新建林区道路", geo="剑阁县", period="2025", number=2),
    ]
    brief = compose_brief(document, facts, FakeLayer({}))
    lines = [s for s in brief.sections[0].sentences if s.facts]
    assert [s.facts for s in lines] == [["dg#1"], ["dg#2"]]
