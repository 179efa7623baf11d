"""The composed brief: sections and their order, risks, targets, dedup, citations, JSON, the number check."""

from __future__ import annotations

import pytest
from test_compose_helpers import GLOSSARY, FakeLayer, make_document, make_fact

from briefing import render
from briefing.compose import brief_to_json, compose_brief, compose_theme_briefs
from briefing.compose.salience import fact_scores
from briefing.compose.select import merge_duplicates

TEXT = (
    "关于东城区2025年国民经济和社会发展计划上半年执行情况的报告\n"
    "新设外商投资企业31家\n"
    "一、上半年计划执行情况\n"
    "（一）对外开放亮点纷呈\n"
    "上半年,新设外商投资企业31家,同比增长29.2%。招商引资项目114个,涉及金额216.6亿元。"
    "外资企业服务体系不断完善,对外开放水平持续提升。\n"
    "（二）生态环境持续改善\n"
    "细颗粒物(PM2.5)浓度为30.6微克/立方米,同比改善19.5%。出租车电动化比例95%。"
    "生态环境质量稳中向好,绿色发展底色更加鲜明。\n"
    "（三）民生保障底线兜牢\n"
    "热线诉求响应率、解决率分别为100%、97.13%。新建养老助餐点49家。\n"
    "二、需要关注的主要问题\n"
    "当前,外部环境变化带来的不利影响加深,保持经济平稳运行的难度加大。\n"
    "一是发展环境面临的不确定性加剧。1-6月,我区实际使用外资9126万美元,同比下降66%。\n"
    "二是优质空间供给不足与闲置并存。\n"
    "三、下半年工作安排\n"
    "确保地区生产总值实现同比增长4.5%左右。全年引进首店、旗舰店、概念店不少于100家。\n"
)
LABELS = {
    "新设外商投资企业": "Newly established foreign-invested enterprises",
    "“两区”招商引资项目": "Investment projects under the 'two zones' policy",
    "招商引资项目涉及金额": "Value of investment projects",
    "PM2.5浓度": "PM2.5 concentration",
    "出租车电动化比例": "Share of electric taxis",
    "热线诉求响应率": "Hotline response rate",
    "热线诉求解决率": "Hotline resolution rate",
    "新建养老助餐点": "New elderly meal points",
    "实际使用外资": "Foreign capital actually utilised",
    "地区生产总值增速目标": "GDP growth target",
    "全年引进首店、旗舰店、概念店": "Debut, flagship and concept stores to be attracted",
}


@pytest.fixture
def document():
    return make_document(TEXT, doc="dc")


def facts_of(document):
    f = make_fact
    body = "上半年,"
    return [
        f(
            document,
            "31家",
            "31",
            "enterprise",
            "新设外商投资企业",
            kind="level",
            measure_word="家",
            theme="consumption_trade",
            number=1,
        ),
        f(
            document,
            "31家",
            "31",
            "enterprise",
            "新设外商投资企业",
            measure_word="家",
            theme="consumption_trade",
            after=body,
            number=2,
        ),
        f(
            document,
            "29.2%",
            "29.2",
            "percent",
            "新设外商投资企业同比增速",
            kind="change_pct",
            direction="up",
            measure_word="%",
            theme="consumption_trade",
            number=3,
        ),
        f(
            document,
            "114个",
            "114",
            "project",
            "“两区”招商引资项目",
            measure_word="个",
            theme="consumption_trade",
            number=4,
        ),
        f(
            document,
            "216.6亿元",
            "21660000000",
            "CNY",
            "招商引资项目涉及金额",
            measure_word="亿元",
            theme="consumption_trade",
            number=5,
        ),
        f(
            document,
            "30.6微克/立方米",
            "30.6",
            "ug_per_m3",
            "PM2.5浓度",
            measure_word="微克/立方米",
            theme="environment",
            number=6,
        ),
        f(
            document,
            "19.5%",
            "19.5",
            "percent",
            "PM2.5浓度同比改善幅度",
            kind="change_pct",
            direction="down",
            measure_word="%",
            theme="environment",
            number=7,
        ),
        f(
            document,
            "95%",
            "95",
            "percent",
            "出租车电动化比例",
            kind="share",
            measure_word="%",
            theme="environment",
            number=8,
        ),
        f(
            document,
            "100%",
            "100",
            "percent",
            "热线诉求响应率",
            kind="share",
            measure_word="%",
            theme="livelihood",
            number=9,
        ),
        f(
            document,
            "97.13%",
            "97.13",
            "percent",
            "热线诉求解决率",
            kind="share",
            measure_word="%",
            theme="livelihood",
            number=10,
        ),
        f(
            document,
            "49家",
            "49",
            "organization",
            "新建养老助餐点",
            measure_word="家",
            theme="livelihood",
            number=11,
        ),
        f(document, "9126万美元", "91260000", "USD", "实际使用外资", measure_word="万美元", number=12),
        f(
            document,
            "66%",
            "66",
            "percent",
            "实际使用外资同比降幅",
            kind="change_pct",
            direction="down",
            measure_word="%",
            number=13,
        ),
        f(
            document,
            "4.5%左右",
            "4.5",
            "percent",
            "地区生产总值增速目标",
            kind="target",
            direction="up",
            qualifier="about",
            measure_word="%",
            period="target-2025",
            number=14,
        ),
        f(
            document,
            "不少于100家",
            "100",
            "enterprise",
            "全年引进首店、旗舰店、概念店",
            kind="target",
            qualifier="at_least",
            measure_word="家",
            period="target-2025",
            theme="consumption_trade",
            number=15,
        ),
    ]


def layer(mt: dict[str, str] | None = None):
    return FakeLayer({**GLOSSARY, **LABELS}, mt=mt)


def test_sections_come_in_the_contract_order(document):
    brief = compose_brief(document, facts_of(document), layer())
    ids = [s.id for s in brief.sections]
    assert ids[0] == "summary"
    assert ids[-2:] == ["targets", "risks"]
    assert [s.kind for s in brief.sections[1:-2]] == ["theme"] * (len(ids) - 3)
    assert set(ids[1:-2]) <= {"consumption_trade", "environment", "livelihood", "economy"}
    assert 3 <= len(brief.sections[0].sentences) <= 5
    assert brief.sections[1].title.zh and brief.sections[1].title.en  # theme names, both languages


def test_every_fact_is_stated_once_and_the_headline_repeat_is_merged(document):
    brief = compose_brief(document, facts_of(document), layer())
    stated = [i for s in brief.sections for bs in s.sentences for i in bs.facts]
    assert len(stated) == len(set(stated))
    holding = [bs for s in brief.sections for bs in s.sentences if "dc#1" in bs.facts or "dc#2" in bs.facts]
    assert len(holding) == 1  # headline 31家 and body 31家: one sentence …
    assert {"dc#1", "dc#2"} <= set(holding[0].facts)  # … that names both mentions
    assert {f.id for f in brief.facts} == set(stated)


def test_risks_come_from_the_problem_passage(document):
    brief = compose_brief(document, facts_of(document), layer())
    risks = next(s for s in brief.sections if s.id == "risks")
    texts = [s.zh for s in risks.sentences]
    assert "一是发展环境面临的不确定性加剧。" in texts
    assert "二是优质空间供给不足与闲置并存。" in texts
    assert texts[0].startswith("当前")  # the overview opens the section
    stated = {i for s in risks.sentences for i in s.facts} | {
        i for s in brief.sections[0].sentences for i in s.facts
    }
    assert {"dc#12", "dc#13"} <= stated  # the problem's own figures (in risks, or leading the summary)
    assert all("生态环境" not in t for t in texts)


def test_targets_section_states_plans_as_plans(document):
    brief = compose_brief(document, facts_of(document), layer())
    planned = [bs for s in brief.sections for bs in s.sentences if {"dc#14", "dc#15"} & set(bs.facts)]
    assert len(planned) == 2
    for sentence in planned:
        assert any(cue in sentence.zh for cue in ("计划", "力争", "确保", "目标"))
        assert sentence.en.startswith("Target")


def test_citations_are_numbered_once_with_their_source_span(document):
    brief = compose_brief(document, facts_of(document), layer())
    numbers = [c.number for c in brief.citations]
    assert numbers == list(range(1, len(numbers) + 1))
    assert len({c.span for c in brief.citations}) == len(numbers)
    for citation in brief.citations:
        start, end = citation.span
        assert document.text[start:end] == citation.sentence
    cited = {n for s in brief.sections for bs in s.sentences for n in bs.citations}
    assert cited | {k.citation for k in brief.key_figures} == set(numbers)


def test_key_figures_are_the_best_stated_facts(document):
    brief = compose_brief(document, facts_of(document), layer())
    assert 6 <= len(brief.key_figures) <= 12
    stated = {f.id for f in brief.facts}
    for figure in brief.key_figures:
        assert figure.fact_id in stated
        assert figure.value.zh and figure.value.en and figure.period.zh
    pm = next(k for k in brief.key_figures if k.indicator.en == "PM2.5 concentration")
    assert pm.value.en == "30.6 μg/m³" and pm.change.zh == "同比下降19.5%"


def test_untranslated_sentences_are_marked_and_mt_fills_them_when_it_can(document):
    overview = "当前,外部环境变化带来的不利影响加深,保持经济平稳运行的难度加大。"
    without = compose_brief(document, facts_of(document), layer())
    sentence = next(bs for s in without.sections for bs in s.sentences if bs.zh == overview)
    assert (sentence.en, sentence.en_by) == ("", "untranslated")
    with_mt = compose_brief(
        document, facts_of(document), layer({overview: "The adverse effects of external change deepened."})
    )
    sentence = next(bs for s in with_mt.sections for bs in s.sentences if bs.zh == overview)
    assert (sentence.en, sentence.en_by) == ("The adverse effects of external change deepened.", "mt")


def test_a_misstated_english_number_withholds_that_english_and_keeps_the_brief(document, monkeypatch, capsys):
    monkeypatch.setattr(render, "render_en", lambda fact, noun=True: "42")
    brief = compose_brief(document, facts_of(document), layer())
    stated = [bs for s in brief.sections for bs in s.sentences if bs.facts]
    assert stated, "the brief is still written"
    for sentence in stated:
        assert "42" not in sentence.en  # no English states a figure other than the source's
    withheld = [bs for bs in stated if bs.en == "" and bs.en_by == "untranslated"]
    assert withheld and all(bs.zh.endswith("。") for bs in withheld)
    assert any("31家" in bs.zh for bs in withheld)  # the source clause, its figure as written
    warnings = capsys.readouterr().err
    assert "warning: English withheld for the figure" in warnings


def test_machine_translation_that_adds_a_figure_is_not_published(document, capsys):
    overview = "当前,外部环境变化带来的不利影响加深,保持经济平稳运行的难度加大。"
    brief = compose_brief(document, facts_of(document), layer({overview: "Growth fell by 3.5% this year."}))
    sentence = next(bs for s in brief.sections for bs in s.sentences if bs.zh == overview)
    assert (sentence.en, sentence.en_by) == ("", "untranslated")
    assert "warning: English withheld for a sentence" in capsys.readouterr().err


def test_brief_json_keeps_the_design_keys(document):
    record = brief_to_json(compose_brief(document, facts_of(document), layer()))
    assert {"doc", "title", "sections"} <= set(record)
    assert record["doc"] == "dc" and set(record["title"]) == {"zh", "en"}
    for section in record["sections"]:
        assert {"id", "title", "sentences"} <= set(section)
        for sentence in section["sentences"]:
            assert {"zh", "en", "facts", "en_by"} <= set(sentence)
            assert sentence["en_by"] in ("template", "glossary", "mt", "untranslated")


def test_repeated_figures_across_sources_merge_and_cite_both(document):
    other = make_document(TEXT.replace("东城区2025", "东城区2025年摘编"), doc="digest")
    figures = merge_duplicates(
        facts_of(document) + facts_of(other),
        {**fact_scores(document, facts_of(document)), **fact_scores(other, facts_of(other))},
    )
    pm = next(f for f in figures if f.fact.indicator_zh == "PM2.5浓度")
    assert {m.doc for m in pm.mentions} == {"dc", "digest"}

    [environment] = compose_theme_briefs(
        [(document, facts_of(document)), (other, facts_of(other))],
        layer(),
        themes=["environment"],
        min_facts=2,
    )
    bullet = next(b for b in environment.bullets if "30.6" in b.zh)
    assert {"dc#6", "digest#6"} <= set(bullet.facts)
    assert {environment.citations[n - 1].doc for n in bullet.citations} == {"dc", "digest"}
    assert len(environment.sources) == 2 and "2025-09-28" in environment.sources[0].zh
    assert sum("30.6" in b.zh for b in environment.bullets) == 1


def test_themes_with_too_few_figures_get_no_one_pager(document):
    briefs = compose_theme_briefs([(document, facts_of(document))], layer(), min_facts=4)
    themes = {b.theme for b in briefs}
    assert "consumption_trade" in themes  # 31家 (twice), 29.2%, 114个, 216.6亿元, 100家: five figures
    assert "environment" not in themes  # 30.6, 19.5% and 95%: three
    for brief in briefs:
        assert 1 <= len(brief.kpis) <= 8 and 1 <= len(brief.bullets) <= 10


def test_numbers_inside_an_english_label_are_not_taken_for_figures(document):
    labels = {**LABELS, "招商引资项目涉及金额": "Value of projects of CNY 10 million or more"}
    brief = compose_brief(document, facts_of(document), FakeLayer({**GLOSSARY, **labels}))
    sentence = next(bs for s in brief.sections for bs in s.sentences if "dc#5" in bs.facts)
    assert "CNY 10 million or more" in sentence.en and "CNY 21.66 billion" in sentence.en
