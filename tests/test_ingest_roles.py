"""Roles and periods of report parts, on mini-reports written for these tests (invented places/figures)."""

from __future__ import annotations

from briefing.ingest import document_from_text
from briefing.ingest.roles import plan_years


def _report(*lines: str) -> str:
    return "\n".join(lines) + "\n"


WORK_REPORT = _report(
    "2031年云溪省政府工作报告",
    "——2031年1月20日在云溪省第十五届人民代表大会第六次会议上",
    "各位代表：",
    "现在，我代表省人民政府向大会报告工作。",
    "一、“十五五”时期工作回顾",
    "过去五年，全省生产总值年均增长6%。",
    "这五年，城乡居民收入稳步提高。",
    "刚刚过去的2030年，全省粮食产量增长2%。",
    "全年新增就业30万人。",
    "各位代表！",
    "同时，我们也面临一些困难和挑战，主要是：部分企业经营困难。",
    "二、“十六五”时期的主要目标任务",
    "到2035年，全省生产总值迈上新台阶。",
    "三、2031年工作安排",
    "今年经济社会发展主要预期目标是：地区生产总值增长5%左右。",
    "这些目标的设定，兼顾了需要和可能。",
    "（一）扩大有效需求，稳住经济大盘",
    "实施重点项目500个。",
    "（二）巩固发展成效，提升治理水平",
    "新建口袋公园20个。",
    "四、加强政府自身建设",
    "全面推进依法行政。",
)


def _rp(part) -> tuple[str, str]:
    return part.role, part.period


def _by_text(document):
    return {s.text: s for s in document.sentences}


def test_work_report_parts_get_their_roles_and_periods():
    document = document_from_text(WORK_REPORT)
    assert document.genre == "government_work_report"
    parts = [(s.heading, s.role, s.period) for s in document.sections if s.level == 1]
    assert parts == [
        ("一、“十五五”时期工作回顾", "review", "15th-FYP"),
        ("二、“十六五”时期的主要目标任务", "targets", "target-2035"),
        ("三、2031年工作安排", "plan", "target-2031"),
        ("四、加强政府自身建设", "plan", "target-2031"),  # no cue, after the plan: still the coming year
    ]


def test_sub_sections_inherit_and_a_plan_sub_heading_is_never_a_review():
    document = document_from_text(WORK_REPORT)
    by_heading = {s.heading: s for s in document.sections}
    assert (
        by_heading["（一）扩大有效需求，稳住经济大盘"].role,
        by_heading["（一）扩大有效需求，稳住经济大盘"].period,
    ) == (
        "plan",
        "target-2031",
    )
    assert by_heading["（二）巩固发展成效，提升治理水平"].role == "plan"


def test_lead_sentences_reset_the_period_within_their_section():
    by_text = _by_text(document_from_text(WORK_REPORT))
    assert (by_text["过去五年，全省生产总值年均增长6%。"].period) == "15th-FYP"
    assert by_text["这五年，城乡居民收入稳步提高。"].period == "15th-FYP"
    assert by_text["刚刚过去的2030年，全省粮食产量增长2%。"].period == "2030"
    assert by_text["全年新增就业30万人。"].period == "2030"  # the lead holds for what follows
    assert by_text["全年新增就业30万人。"].role == "review"


def test_problems_lead_and_expected_targets_paragraph():
    by_text = _by_text(document_from_text(WORK_REPORT))
    problems = by_text["同时，我们也面临一些困难和挑战，主要是：部分企业经营困难。"]
    assert problems.role == "problems"
    targets = by_text["今年经济社会发展主要预期目标是：地区生产总值增长5%左右。"]
    assert (targets.role, targets.period) == ("targets", "target-2031")
    after = by_text["这些目标的设定，兼顾了需要和可能。"]  # the targets lead holds for its paragraph only
    assert (after.role, after.period) == ("plan", "target-2031")
    assert by_text["到2035年，全省生产总值迈上新台阶。"].period == "target-2035"
    assert by_text["现在，我代表省人民政府向大会报告工作。"].role == ""


def test_undated_review_of_a_work_report_is_the_year_before():
    text = _report(
        "2031年云溪省政府工作报告",
        "一、工作回顾",
        "全省生产总值增长5%。",
        "二、今年工作安排",
        "城镇新增就业40万人。",
    )
    document = document_from_text(text)
    by_text = _by_text(document)
    assert _rp(by_text["全省生产总值增长5%。"]) == (
        "review",
        "2030",
    )
    assert _rp(by_text["城镇新增就业40万人。"]) == (
        "plan",
        "target-2031",
    )


def test_plan_execution_report_reviews_the_half_year_its_title_names():
    text = _report(
        "关于青石区2029年国民经济和社会发展计划上半年执行情况的报告",
        "日期:2029-08-30 10:00    来源:区发改委",
        "一、上半年计划执行情况",
        "(一)经济运行总体平稳",
        "地区生产总值增长4%。",
        "二、需要关注的主要问题",
        "部分行业需求偏弱。",
        "三、下半年工作安排",
        "确保全年目标完成。",
    )
    document = document_from_text(text)
    assert document.genre == "plan_execution_report"
    by_text = _by_text(document)
    assert _rp(by_text["地区生产总值增长4%。"]) == (
        "review",
        "2029-H1",
    )
    assert by_text["部分行业需求偏弱。"].role == "problems"
    assert _rp(by_text["确保全年目标完成。"]) == (
        "plan",
        "target-2029",
    )


def test_news_gets_no_report_roles():
    text = "本报讯（记者 张三）2029年，青石区新增绿地10公顷。\n其中，口袋公园5个。\n"
    document = document_from_text(text)
    assert document.is_news
    assert {(s.role, s.period) for s in document.sentences} == {("", "")}


def test_five_year_plan_years():
    assert plan_years(14) == (2021, 2025)
    assert plan_years(15) == (2026, 2030)


def test_ordinary_words_in_sub_headings_do_not_change_the_part():
    text = _report(
        "关于青石区2029年国民经济和社会发展计划执行情况的报告",
        "一、2029年计划执行情况",
        "（一）全年目标任务圆满完成",
        "地区生产总值增长5%。",
        "（二）存在的问题和不足",
        "部分企业经营困难。",
        "二、2030年国民经济和社会发展计划草案",
        "（一）巩固发展成效",
        "新建公园10个。",
        "（二）下一步工作安排",
        "加快项目建设。",
    )
    document = document_from_text(text)
    parts = {s.heading: _rp(s) for s in document.sections}
    assert parts["一、2029年计划执行情况"] == ("review", "2029")
    assert parts["（一）全年目标任务圆满完成"] == ("review", "2029")
    assert parts["（二）存在的问题和不足"][0] == "problems"
    assert parts["二、2030年国民经济和社会发展计划草案"] == ("plan", "target-2030")
    assert parts["（一）巩固发展成效"] == ("plan", "target-2030")
    assert parts["（二）下一步工作安排"] == ("plan", "target-2030")


def test_national_report_in_markdown_with_policy_and_task_parts():
    text = _report(
        "# 政府工作报告",
        "",
        "——2031年3月5日在第十六届全国人民代表大会第二次会议上",
        "",
        "## 一、2030年工作回顾",
        "",
        "国内生产总值增长5%。",
        "",
        "## 二、2031年经济社会发展总体要求和政策取向",
        "",
        "今年发展主要预期目标是：国内生产总值增长5%左右。",
        "",
        "## 三、2031年政府工作任务",
        "",
        "**（一）大力提振消费**",
        "",
        "新增就业1200万人。",
    )
    document = document_from_text(text, markdown=True)
    assert (document.genre, document.title, document.place, document.date) == (
        "government_work_report",
        "政府工作报告",
        "全国",
        "2031-03-05",
    )
    parts = [(s.heading, s.level, _rp(s)) for s in document.sections]
    assert parts == [
        ("一、2030年工作回顾", 1, ("review", "2030")),
        ("二、2031年经济社会发展总体要求和政策取向", 1, ("plan", "target-2031")),
        ("三、2031年政府工作任务", 1, ("plan", "target-2031")),
        ("（一）大力提振消费", 2, ("plan", "target-2031")),
    ]
    by_text = _by_text(document)
    assert _rp(by_text["国内生产总值增长5%。"]) == ("review", "2030")
    assert _rp(by_text["新增就业1200万人。"]) == ("plan", "target-2031")
    assert _rp(by_text["今年发展主要预期目标是：国内生产总值增长5%左右。"]) == ("targets", "target-2031")


def test_a_future_part_without_a_year_speaks_of_the_year_the_last_future_part_named():
    text = _report(
        "关于青石区2029年国民经济和社会发展计划执行情况与2030年计划草案的报告",
        "一、2029年计划执行情况",
        "地区生产总值增长5%。",
        "二、2030年经济社会发展主要目标",
        "今年经济社会发展主要预期目标是：地区生产总值增长5%左右。",
        "三、主要任务",
        "新建公园10个。",
    )
    document = document_from_text(text)
    parts = [_rp(s) for s in document.sections]
    assert parts == [("review", "2029"), ("targets", "target-2030"), ("plan", "target-2030")]
    lead = _by_text(document)["今年经济社会发展主要预期目标是：地区生产总值增长5%左右。"]
    assert _rp(lead) == ("targets", "target-2030")


def test_roles_asked_once_a_run_are_those_asked_of_every_sentence():
    """Ingest asks `SentenceRoles.of` once for each run of sentences of one paragraph and section; asked
    of every sentence in turn, as a plain pass over them would, it gives each the same role and period
    (leads whose scope is a section or a paragraph, several sentences to a paragraph, inline headings)."""
    from briefing.ingest.roles import SentenceRoles, Years

    text = WORK_REPORT + _report(
        "五、2032年展望",
        "2032年是关键一年。全省新建桥梁8座。今年主要预期目标是：产量增长3%。新增公园4个。",
        "（一）稳住产业链。过去五年，园区扩大一倍。新增企业60家。",
        "今年主要预期目标是：就业增长1%。收入增长2%。",
        "新建学校3所。",
    )
    document = document_from_text(text)
    paragraph_of, number, previous_end = [], -1, None
    for sentence in document.sentences:  # a new paragraph wherever a sentence opens a new line
        if previous_end is None or "\n" in text[previous_end : sentence.start]:
            number += 1
        paragraph_of.append(number)
        previous_end = sentence.end
    current = 2031
    asked = SentenceRoles(document.sections, Years(current, current - 1))
    expected = [
        asked.of(s.text, s.section, paragraph, s.is_heading)
        for s, paragraph in zip(document.sentences, paragraph_of, strict=True)
    ]
    assert [(s.role, s.period) for s in document.sentences] == expected
    assert len(set(paragraph_of)) < len(document.sentences)  # runs of several
    assert ("plan", "target-2032") in expected  # a lead of paragraph scope took effect
