"""Sentences from templates: grouping, Chinese number style and qualifiers, periods, targets, en_by."""

from __future__ import annotations

import pytest
from test_compose_helpers import GLOSSARY, FakeLayer, make_document, make_fact

from briefing.compose.group import group_figures
from briefing.compose.realise import Realiser
from briefing.compose.select import Figure
from briefing.translate.fidelity import check_numbers

TEXT = (
    "关于东城区2025年上半年执行情况的报告\n"
    "一、上半年计划执行情况\n"
    "上半年,细颗粒物(PM2.5)浓度为30.6微克/立方米,同比改善19.5%。"
    "热线诉求响应率、解决率、满意率分别为100%、97.13%、97.79%。"
    "十四五时期输出技术合同成交额超2300亿元。"
    "完成申请式退租1000余户。"
    "临空经济区累计注册企业约1.6万家。"
    "林地面积已达97.37万公顷,文化产业收入216.6亿元。\n"
    "二、下半年工作安排\n"
    "全年引进首店、旗舰店、概念店不少于100家。学前教育普惠率达到90%以上。\n"
)


@pytest.fixture
def document():
    return make_document(TEXT)


def sentences(document, facts, layer=None, *, target=False, doc_year=2025, templates=None):
    realiser = Realiser(layer or FakeLayer(GLOSSARY), templates, doc_year)
    groups = group_figures([Figure(f, 1.0) for f in facts])
    return [realiser.realise(g, target=target) for g in sorted(groups, key=lambda g: g.lead.span)]


def pm25(document):
    level = make_fact(
        document,
        "30.6微克/立方米",
        "30.6",
        "ug_per_m3",
        "细颗粒物(PM2.5)浓度",
        "PM2.5 concentration",
        measure_word="微克/立方米",
        theme="environment",
    )
    change = make_fact(
        document,
        "19.5%",
        "19.5",
        "percent",
        "细颗粒物(PM2.5)浓度同比改善幅度",
        "PM2.5 concentration, year-on-year improvement",
        kind="change_pct",
        direction="down",
        measure_word="%",
        theme="environment",
    )
    return [level, change]


def test_level_and_its_change_make_one_sentence_in_report_style(document):
    [made] = sentences(document, pm25(document))
    assert made.zh == "上半年，东城区细颗粒物(PM2.5)浓度为30.6微克/立方米，同比下降19.5%。"
    assert made.en == (
        "PM2.5 concentration in Dongcheng stood at 30.6 μg/m³ in the first half of 2025, "
        "down 19.5% year on year."
    )
    assert made.en_by == "template"
    assert check_numbers(made.en, pm25(document)) == []


def test_parallel_measures_of_one_subject_share_a_sentence(document):
    labels = [("响应率", "response"), ("解决率", "resolution"), ("满意率", "satisfaction")]
    facts = [
        make_fact(document, raw, value, "percent", f"热线诉求{zh}", f"Hotline {en} rate", kind="share")
        for (raw, value), (zh, en) in zip(
            [("100%", "100"), ("97.13%", "97.13"), ("97.79%", "97.79")], labels, strict=True
        )
    ]
    [made] = sentences(document, facts)
    assert made.zh == "上半年，东城区热线诉求响应率、解决率、满意率分别为100%、97.13%、97.79%。"
    assert "hotline resolution rate and hotline satisfaction rate" in made.en
    assert "100%, 97.13% and 97.79% respectively" in made.en
    assert check_numbers(made.en, facts) == []


def test_figures_of_different_sentences_are_not_grouped(document):
    facts = [
        make_fact(
            document,
            "超2300亿元",
            "230000000000",
            "CNY",
            "输出技术合同成交额",
            qualifier="over",
            measure_word="亿元",
            period="14th-FYP",
        ),
        make_fact(document, "216.6亿元", "21660000000", "CNY", "文化产业收入", measure_word="亿元"),
    ]
    assert len(sentences(document, facts)) == 2


@pytest.mark.parametrize(
    ("raw", "label", "value", "unit", "measure_word", "qualifier", "zh_part", "en_part"),
    [
        (
            "超2300亿元",
            "输出技术合同成交额",
            "230000000000",
            "CNY",
            "亿元",
            "over",
            "超2300亿元",
            "over CNY 230 billion",
        ),
        ("1000余户", "完成申请式退租", "1000", "household", "户", "over", "1000余户", "over 1,000"),
        ("约1.6万家", "注册企业", "16000", "enterprise", "万家", "about", "约1.6万家", "about 16,000"),
        (
            "97.37万公顷",
            "林地面积",
            "973700",
            "hectare",
            "万公顷",
            "exact",
            "为97.37万公顷",
            "973,700 hectares",
        ),
        (
            "216.6亿元",
            "文化产业收入",
            "21660000000",
            "CNY",
            "亿元",
            "exact",
            "为216.6亿元",
            "CNY 21.66 billion",
        ),
    ],
)
def test_chinese_number_style_and_qualifier_placement(
    document, raw, label, value, unit, measure_word, qualifier, zh_part, en_part
):
    fact = make_fact(
        document, raw, value, unit, label, "Some indicator", qualifier=qualifier, measure_word=measure_word
    )
    [made] = sentences(document, [fact])
    assert zh_part in made.zh
    assert "为超" not in made.zh and "为约" not in made.zh  # no verb before a prefixed qualifier
    assert en_part in made.en
    assert check_numbers(made.en, [fact]) == []


def test_a_label_opening_with_a_verb_takes_its_figure_directly(document):
    fact = make_fact(
        document, "1000余户", "1000", "household", "完成申请式退租", qualifier="over", measure_word="户"
    )
    [made] = sentences(document, [fact])
    assert "完成申请式退租1000余户" in made.zh


@pytest.mark.parametrize(
    ("period", "doc_year", "zh_start", "en_part"),
    [
        ("2025-H1", 2025, "上半年，", "in the first half of 2025"),
        ("2025-H1", None, "2025年上半年，", "in the first half of 2025"),
        ("2025-01/2025-11", 2025, "1-11月，", "in January–November 2025"),
        ("14th-FYP", 2025, "“十四五”时期，", "during the 14th Five-Year Plan period"),
        ("past-5-years", 2025, "过去五年，", "over the past five years"),
    ],
)
def test_periods_are_localised(document, period, doc_year, zh_start, en_part):
    fact = make_fact(
        document,
        "216.6亿元",
        "21660000000",
        "CNY",
        "文化产业收入",
        "Cultural industry revenue",
        measure_word="亿元",
        period=period,
    )
    [made] = sentences(document, [fact], doc_year=doc_year)
    assert made.zh.startswith(zh_start)
    assert en_part in made.en


def test_a_cumulative_figure_reads_累计_before_its_subject(document):
    fact = make_fact(
        document,
        "约1.6万家",
        "16000",
        "enterprise",
        "注册企业",
        qualifier="about",
        measure_word="万家",
        period="cumulative",
    )
    [made] = sentences(document, [fact])
    assert made.zh == "东城区累计注册企业约1.6万家。"


def test_targets_are_phrased_as_plans_never_as_achievements(document):
    stores = make_fact(
        document,
        "不少于100家",
        "100",
        "enterprise",
        "全年引进首店、旗舰店、概念店",
        "Debut, flagship and concept stores to be attracted",
        kind="target",
        qualifier="at_least",
        measure_word="家",
        period="target-2025",
    )
    preschool = make_fact(
        document,
        "90%以上",
        "90",
        "percent",
        "学前教育普惠率",
        "Share of affordable preschool places",
        kind="target",
        qualifier="over",
        measure_word="%",
        period="target-2025",
    )
    for made, fact in zip(
        sentences(document, [stores, preschool], target=True), [stores, preschool], strict=True
    ):
        assert made.zh.startswith("年底前，")
        assert "计划" in made.zh or "力争" in made.zh
        assert made.en.startswith("Target") and "by the end of 2025" in made.en
        assert "totalled" not in made.en and "stood at" not in made.en
        assert check_numbers(made.en, [fact]) == []
    assert "学前教育普惠率达到90%以上" in sentences(document, [preschool], target=True)[0].zh


def test_en_by_says_how_the_english_was_made(document):
    fact = make_fact(document, "216.6亿元", "21660000000", "CNY", "文化产业收入", measure_word="亿元")
    glossary = sentences(
        document, [fact], FakeLayer({**GLOSSARY, "文化产业收入": "Cultural industry revenue"})
    )
    machine = sentences(document, [fact], FakeLayer(GLOSSARY, mt={"文化产业收入": "Culture industry income"}))
    missing = sentences(document, [fact], FakeLayer(GLOSSARY))
    assert glossary[0].en_by == "template" and glossary[0].en.startswith("Cultural industry revenue")
    assert machine[0].en_by == "mt" and machine[0].en.startswith("Culture industry income")
    assert missing[0].en_by == "untranslated"
    assert "CNY 21.66 billion" in missing[0].en  # the figures are still stated


def test_a_custom_template_folder_restyles_sentences(document, tmp_path):
    (tmp_path / "zh").mkdir()
    (tmp_path / "zh" / "fact.j2").write_text(
        "{% for item in items %}【{{ item.label }}】{{ item.fact | quantity('zh') }}{% endfor %}。",
        encoding="utf-8",
    )
    [made] = sentences(document, pm25(document)[:1], templates=tmp_path)
    assert made.zh == "【细颗粒物(PM2.5)浓度】30.6微克/立方米。"
    assert made.en.startswith("PM2.5 concentration")  # the English template was not overridden


def test_a_change_labelled_only_同比增长_qualifies_the_figure_before_it():
    document = make_document("报告\n上半年,新设外商投资企业31家,同比增长29.2%。\n")
    level = make_fact(
        document,
        "31家",
        "31",
        "enterprise",
        "新设外商投资企业",
        "New foreign-invested firms",
        measure_word="家",
    )
    change = make_fact(
        document, "29.2%", "29.2", "percent", "同比增长", kind="change_pct", direction="up", measure_word="%"
    )
    [made] = sentences(document, [level, change])
    assert made.zh == "上半年，东城区新设外商投资企业31家，同比增长29.2%。"
    assert made.en.endswith("totalled 31 in the first half of 2025, up 29.2% year on year.")


def test_分别_pairs_unlabelled_changes_with_their_figures_in_order():
    document = make_document(
        "报告\n1-6月,实际使用外资9126万美元,外贸进出口总额575.9亿元,分别同比下降66%、44.9%。\n"
    )
    kwargs = {"kind": "change_pct", "direction": "down", "measure_word": "%"}
    facts = [
        make_fact(
            document,
            "9126万美元",
            "91260000",
            "USD",
            "实际使用外资",
            "Foreign capital",
            measure_word="万美元",
        ),
        make_fact(
            document,
            "575.9亿元",
            "57590000000",
            "CNY",
            "外贸进出口总额",
            "Foreign trade",
            measure_word="亿元",
        ),
        make_fact(document, "66%", "66", "percent", "分别同比下降", **kwargs),
        make_fact(document, "44.9%", "44.9", "percent", "分别同比下降", **kwargs),
    ]
    made = sentences(document, facts)
    assert [m.zh for m in made] == [
        "上半年，东城区实际使用外资为9126万美元，同比下降66%。",
        "上半年，东城区外贸进出口总额为575.9亿元，同比下降44.9%。",
    ]
