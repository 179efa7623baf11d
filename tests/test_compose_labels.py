"""Labels that cannot carry a template sentence, the source clause that replaces them, English without a
label, and the title of a digest."""

from __future__ import annotations

import pytest
from test_compose_helpers import GLOSSARY, FakeLayer, make_document, make_fact

from briefing.compose import compose_brief
from briefing.compose.group import group_figures
from briefing.compose.labels import label_problem, source_clause
from briefing.compose.realise import Realiser
from briefing.compose.select import Figure
from briefing.model import Article
from briefing.translate.fidelity import check_numbers

TEXT = (
    "关于东城区2025年上半年执行情况的报告\n"
    "一、上半年计划执行情况\n"
    "上半年,组团整体实现区级税收36.3亿元,同比增长9%,占全区区级税收38.9%。"
    "京津冀高速公路密度为全国平均水平的2.6倍。"
    "其中,东城区“北京最美街巷”数量稳居全市第一。"
    "北京陆生野生动物种类达到620种,5年间新增24种。\n"
)


@pytest.fixture
def document():
    return make_document(TEXT)


def realise(document, facts, layer=None, **kwargs):
    realiser = Realiser(layer or FakeLayer(GLOSSARY), None, 2025, {document.doc: document})
    [group] = group_figures([Figure(f, 1.0) for f in facts])
    return realiser.realise(group, **kwargs)


@pytest.mark.parametrize(
    ("label", "raw", "period", "usable"),
    [
        ("区级税收", "36.3亿元", "2025-H1", True),
        ("前11月区级税收", "36.3亿元", "2025-H1", False),  # holds a figure and repeats the period
        ("上半年区级税收", "36.3亿元", "2025-H1", False),  # repeats the period
        ("京津冀高速公路密度为全国平均水平的", "2.6倍", "unspecified", False),  # ends on 的
        ("数量稳居全市", "第一", "unspecified", False),  # a predicate
        ("占全区区级税收", "38.9%", "2025-H1", False),  # opens with 占
        ("组团整体实现区级税收", "36.3亿元", "2025-H1", True),  # a phrase of its source sentence
        ("细颗粒物(PM2.5)浓度", "36.3亿元", "2025-H1", False),  # not a phrase of its source sentence
        ("GDP（现价", "36.3亿元", "2025-H1", False),  # cuts a bracket in half
        ("末区级税收", "36.3亿元", "2025-H1", False),  # opens with a time suffix cut from 6月末
        ("税收", "36.3亿元", "2025-H1", False),  # one word names no subject
    ],
)
def test_label_guard(document, label, raw, period, usable):
    fact = make_fact(document, raw, "1", "CNY", label, period=period)
    assert (label_problem(fact, label) == "") is usable


def test_the_digits_of_a_name_are_no_figure():
    document = make_document("报告\n上半年,细颗粒物(PM2.5)浓度为30.6微克/立方米。\n")
    fact = make_fact(document, "30.6微克/立方米", "30.6", "ug_per_m3", "细颗粒物(PM2.5)浓度")
    assert label_problem(fact, fact.indicator_zh) == ""


def test_a_label_cut_mid_word_is_refused():
    document = make_document("报告\n上半年,规模以上文化产业收入891.4亿元。\n")
    fact = make_fact(document, "891.4亿元", "89140000000", "CNY", "模以上文化产业收入")
    assert label_problem(fact, fact.indicator_zh) == "starts mid-word"
    assert label_problem(fact, "规模以上文化产业收入") == ""


def test_clause_fallback_quotes_the_source_with_period_and_place_added_once(document):
    level = make_fact(document, "36.3亿元", "3630000000", "CNY", "实现区级税收的", measure_word="亿元")
    change = make_fact(document, "9%", "9", "percent", "同比增长", kind="change_pct", direction="up")
    made = realise(document, [level, change])
    assert made.zh == "上半年，东城区组团整体实现区级税收36.3亿元，同比增长9%。"
    multiple = make_fact(
        document,
        "2.6倍",
        "2.6",
        "times",
        "京津冀高速公路密度为全国平均水平的",
        kind="multiple",
        geo="京津冀",
        period="unspecified",
    )
    assert realise(document, [multiple]).zh == "京津冀高速公路密度为全国平均水平的2.6倍。"


def test_clause_drops_connectives_and_does_not_repeat_the_place(document):
    rank = make_fact(document, "第一", "1", "rank", "数量稳居全市", kind="rank", period="unspecified")
    assert realise(document, [rank]).zh == "东城区“北京最美街巷”数量稳居全市第一。"


def test_a_clause_without_subject_is_not_quoted(document):
    added = make_fact(document, "24种", "24", "species", "5年间新增", kind="change_abs", geo="北京市")
    assert source_clause([added]) == ""  # its subject sits with 620种, another figure


def test_english_without_a_label_names_the_chinese_term_and_says_it_has_no_english(document):
    level = make_fact(document, "36.3亿元", "3630000000", "CNY", "区级税收", measure_word="亿元")
    change = make_fact(document, "9%", "9", "percent", "同比增长", kind="change_pct", direction="up")
    made = realise(document, [level, change])
    assert made.en.startswith("Dongcheng: CNY 3.63 billion (measure named in Chinese only: 区级税收)")
    assert "in the first half of 2025" in made.en and "up 9% year on year" in made.en
    assert "reported" not in made.en
    assert made.en_by == "untranslated"  # counted as such in brief.json
    assert check_numbers(made.figures_text, [level, change]) == []
    labelled = realise(document, [level, change], FakeLayer({**GLOSSARY, "区级税收": "District tax revenue"}))
    assert labelled.en.startswith("District tax revenue in Dongcheng") and labelled.en_by == "template"


def test_a_refused_label_is_not_machine_translated_but_the_clause_is(document):
    fact = make_fact(document, "第一", "1", "rank", "数量稳居全市", kind="rank", period="unspecified")
    layer = FakeLayer(
        GLOSSARY,
        mt={
            "数量稳居全市": "Quantity ranks the city",
            "东城区“北京最美街巷”数量稳居全市第一。": "Dongcheng ranks 1st.",
        },
    )
    made = realise(document, [fact], layer)
    assert (made.en, made.en_by) == ("Dongcheng ranks 1st.", "mt")


def test_a_digest_is_titled_by_source_and_date_and_lists_its_headlines():
    text = "甲乙丙新闻一\n本报讯 新设企业31家。\n甲乙丙新闻二\n本报讯 新建公园12处。\n"
    document = make_document(text, doc="digest", date="2025-12-17", issuer="")
    document.genre, document.source = "news_digest", "北京日报"
    document.articles = [Article("甲乙丙新闻一", 0, 20), Article("甲乙丙新闻二", 20, len(text))]
    fact = make_fact(document, "31家", "31", "enterprise", "新设企业", geo="北京市")
    brief = compose_brief(document, [fact], FakeLayer({**GLOSSARY, "北京日报": "Beijing Daily"}))
    assert brief.title.zh == "北京日报新闻摘编（2025年12月17日）"
    assert brief.title.en == "Beijing Daily news digest, 17 December 2025"
    contents = brief.sections[0].sentences[0]
    assert "《甲乙丙新闻一》《甲乙丙新闻二》" in contents.zh
    assert contents.en_by == "untranslated" and "2 articles" in contents.en


def test_a_report_title_without_english_gets_a_descriptor_from_its_metadata(document):
    brief = compose_brief(document, [], FakeLayer({**GLOSSARY, "东城区": "Dongcheng District"}))
    assert brief.title.zh == document.title
    assert brief.title.en.startswith("Dongcheng District") and "28 September 2025" in brief.title.en


def test_a_label_naming_its_province_by_the_short_form_needs_no_place_before_it() -> None:
    # the short form of an autonomous region names it as surely as its full name
    from briefing.compose.labels import names_place

    assert names_place("宁夏枸杞种植面积", "宁夏回族自治区")
    assert names_place("内蒙古牧区草场面积", "内蒙古自治区")
    assert not names_place("枸杞种植面积", "宁夏回族自治区")
