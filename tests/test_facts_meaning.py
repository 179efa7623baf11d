"""What a figure means: target or result and its period from section roles and cue words, what is
measured (share, change, level reached), and how sure the extractor is of each (confidence)."""

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from briefing.facts import extract_facts
from briefing.ingest import document_from_text


def _facts(text: str, role: str = "", period: str = "", date: str | None = None):
    """Facts of `text` with every sentence given the section role and period ingest would set."""
    document = document_from_text(text, "t")
    document.date = date
    for sentence in document.sentences:
        sentence.role, sentence.period = role, period
    return {f.raw: f for f in extract_facts(document)}


def test_a_plan_section_makes_targets_of_its_period():
    text = "新建充电桩3000个，改造老旧小区45个。"
    facts = _facts(text, role="plan", period="target-2027", date="2027-01-20")
    assert {(f.kind, f.period) for f in facts.values()} == {("target", "target-2027")}
    assert facts["3000个"].confidence.kind >= 0.9


def test_a_review_section_keeps_results_even_with_a_year_in_view():
    facts = _facts("到2024年，绿地面积达到820公顷，年内建成口袋公园12处。", role="review", period="2024")
    assert facts["820公顷"].kind == "level" and facts["820公顷"].period == "2024"
    assert facts["12处"].kind == "level"  # 年内 in a review is when it was done, not a promise


def test_commitment_words_make_a_target_outside_a_review():
    facts = _facts("力争全年外贸进出口增长6%左右。", date="2026-03-01")
    assert (facts["6%左右"].kind, facts["6%左右"].period) == ("target", "target-2026")


def test_section_headings_give_roles_when_ingest_gives_none():
    text = (
        "2031年某省政府工作报告\n\n一、“十五五”时期工作回顾\n\n过去五年，全省粮食产量稳定在500亿斤以上。\n\n"
        "刚刚过去的2030年，全省地区生产总值增长5.3%。\n\n二、“十六五”时期主要目标\n\n"
        "常住人口城镇化率达到70%。\n\n三、2031年工作安排\n\n新增城镇就业50万人。\n"
    )
    facts = _facts(text, date="2031-01-25")
    assert facts["500亿斤以上"].period == "15th-FYP"
    assert facts["5.3%"].period == "2030"  # a lead sentence dates its paragraph
    assert (facts["70%"].kind, facts["70%"].period) == ("target", "target-2035")
    assert (facts["50万人"].kind, facts["50万人"].period) == ("target", "target-2031")


def test_a_base_value_is_of_its_year_and_the_end_value_of_the_review():
    text = (
        "一、“十五五”时期工作回顾\n\n"
        "全省税收收入从2025年的800亿元增长到960亿元，清洁能源装机比重由30%提升至52%。\n"
    )
    facts = _facts(text, date="2031-01-25")
    assert facts["800亿元"].period == "2025"
    assert facts["960亿元"].period == "15th-FYP"
    assert facts["30%"].period == "2025"  # 由X提升至Y in a plan review: X stands at the plan's eve
    assert facts["52%"].kind == "share"  # 提升至 reaches a level: not a change


def test_what_is_measured():
    facts = _facts("投资对经济增长的贡献率为31.5%，居民收入提高2个百分点，用电量同比增长7.2%。")
    assert facts["31.5%"].kind == "share"
    assert facts["2个百分点"].kind == "change_abs"
    assert (facts["7.2%"].kind, facts["7.2%"].direction) == ("change_pct", "up")


def test_confidence_follows_the_evidence():
    facts = _facts("全市今年新增绿道80公里，PM2.5年均浓度为29微克/立方米。", date="2026-05-01")
    greenway = facts["80公里"]
    assert greenway.confidence.period > facts["29微克/立方米"].confidence.period  # 今年 vs nothing
    assert greenway.to_record()["confidence"] == greenway.confidence.to_json()
    assert 0 < greenway.certainty <= 1 and greenway.value == Decimal(80)


def test_a_comparison_base_does_not_date_a_figure():
    facts = _facts("今年全市造林面积比2024年增加12万亩，6月末存款余额同比增长8.1%。", date="2025-07-10")
    assert facts["12万亩"].period == "2025"
    assert facts["8.1%"].period == "2025-06"


def test_a_time_word_opening_a_later_sentence_dates_the_rest_of_its_paragraph():
    text = "上半年，全市生产总值增长5.1%。9月份，城镇调查失业率为4.9%；其中，青年失业率为12.3%。\n"
    facts = _facts(text, date="2025-10-15")
    assert facts["5.1%"].period == "2025-H1"
    assert facts["4.9%"].period == "2025-09" and facts["12.3%"].period == "2025-09"


def test_five_years_looked_back_on_after_a_plan_are_that_plan():
    facts = _facts("过去五年，全省新增城镇就业260万人。", date="2031-01-20")
    assert facts["260万人"].period == "15th-FYP"
    facts = _facts("过去五年，全省新增城镇就业260万人。", date="2028-01-20")
    assert facts["260万人"].period == "past-5-years"


def test_a_respective_list_pairs_subjects_and_figures_in_order():
    facts = _facts(
        "纺织、化工、建材等行业利润分别增长4.2%、8.8%、12.6%，茶叶、水果总产值分别达到90亿元、150亿元。"
    )
    assert [facts[r].indicator_zh for r in ("4.2%", "8.8%", "12.6%")] == [
        "纺织行业利润增速",
        "化工行业利润增速",
        "建材行业利润增速",
    ]
    assert facts["12.6%"].kind == "change_pct"  # the verb before the list holds for every figure
    assert facts["90亿元"].indicator_zh == "茶叶产值" and facts["150亿元"].indicator_zh == "水果总产值"


def test_a_level_reached_is_labelled_by_what_reached_it():
    facts = _facts("全市公交出行分担率由35%提高到41.5%，研发投入强度达到2.9%。")
    assert facts["41.5%"].indicator_zh == "公交出行分担率"
    assert facts["41.5%"].kind == "share"


def test_a_news_story_looking_back_dates_only_that_paragraph():
    text = (
        "# 老厂房变身文化园\n\n今年以来，园区接待游客超过30万人次。\n\n"
        "去年底，改造工程开工，投资约2亿元。\n\n如今，园区入驻文创企业45家。\n"
    )
    document = document_from_text(text, "park.md")
    document.genre, document.date = "news_article", "2026-06-01"
    facts = {f.raw: f for f in extract_facts(document)}
    assert facts["约2亿元"].period == "2025"
    assert facts["45家"].period != "2025"  # back to the story's own time


def test_both_ends_of_a_from_to_pair_name_the_same_subject():
    facts = _facts(
        "全市税收收入从2026年的820亿元增长到2030年的1100亿元，森林覆盖率由31%提高至36%。",
        date="2031-02-01",
    )
    assert facts["820亿元"].indicator_zh == facts["1100亿元"].indicator_zh == "税收收入"
    assert facts["31%"].indicator_zh == facts["36%"].indicator_zh == "森林覆盖率"


def test_the_time_word_before_a_clause_is_found_with_or_without_the_character_test():
    """A clause's opening period is looked for only after the first character a time word needs: the
    periods read so equal those read by trying the markers before every clause."""
    from briefing.facts import classify
    from briefing.facts.context import document_context
    from briefing.facts.lexicon import periods
    from briefing.facts.quantities import find_quantities

    text = (
        "某县新建学校3所，改造道路12公里，今年以来新增就业1200人，十四五期间累计投资80亿元。\n"
        "全县粮食产量60万吨，比上年增长2%，上半年工业增加值增长5.5%。\n"
        "新建公园4个，其中城市公园2个。"
    )
    document = document_from_text(text, "t")
    ctx = document_context(document)
    checked = 0
    for sentence in document.sentences:
        mentions = find_quantities(sentence.text)
        if not mentions:
            continue
        analysis = ctx.analyse(sentence, mentions)
        for mention in mentions:
            start = analysis.clause_start(mention.number_start)
            before = sentence.text[max(0, start - classify.OPENING_WINDOW) : start]
            before = periods().base_span.sub("", before) if "年" in before else before
            full = classify.marker_period(before, ("sentence",), document.year or 2025, analysis.default)
            assert classify._opening_before(analysis, start, document.year or 2025) == full
            checked += 1
    assert checked >= 8


def test_an_addition_to_a_stock_is_a_change_and_a_flow_of_activity_stays_a_level():
    """新增/压减 before a stock (parking places, beds) make a change; before a flow (firms, money) the
    figure stays a level, and is read as one without looking for the verb."""
    facts = _facts("某县新增停车位420个，压减床位60张，新增企业35家，新增投资8亿元。", role="review")
    assert (facts["420个"].kind, facts["420个"].direction) == ("change_abs", "up")
    assert (facts["60张"].kind, facts["60张"].direction) == ("change_abs", "down")
    assert (facts["35家"].kind, facts["35家"].direction) == ("level", None)
    assert (facts["8亿元"].kind, facts["8亿元"].direction) == ("level", None)


OPENING_CHARS = "今年前三季度上半去过五这月份1２0累计以来，。新建学校所“”十期间"
OPENING_WORDS = [
    *("今年", "前三季度", "上半年", "过去五年", "这五年", "1-6月", "１２月份", "以来", "“十四五”期间"),
    *("2024年", "刚刚过去的", "全县", "新建学校", "同比增长", "其中", "，", "。", *"年月来计五"),
]
"""Characters and words of time markers, and of sentences without one."""


@given(
    st.text(alphabet=OPENING_CHARS, max_size=20)
    | st.lists(st.sampled_from(OPENING_WORDS), max_size=8).map("".join)
)
def test_a_sentence_the_quick_tests_pass_over_opens_with_no_time_word(text: str) -> None:
    """opening_period's quick tests (a cue character within the lead, any time word opening the
    sentence) pass over no sentence that one of the markers, tried in turn, dates."""
    from briefing.facts.classify import LEAD, _marker_opening, opening_period

    for lead in (LEAD, 0):
        assert opening_period(text, 2025, lead) == _marker_opening(text, 2025, lead)
