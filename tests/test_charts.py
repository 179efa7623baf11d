"""Theme charts: what is drawn (comparable units, signs, pairs), and how (text kept as text, the project's
fonts, no missing-glyph warnings, reproducible output)."""

from __future__ import annotations

import dataclasses
import re
import warnings
from decimal import Decimal

import pytest
from test_pdf_samples import sample_facts

from briefing import fonts
from briefing.charts import render_svg, theme_chart
from briefing.model import Bilingual
from briefing.pdf.graphics import chart_flowable

TITLE = Bilingual("生态环境", "Environment")


def by_theme(theme: str):
    return [f for f in sample_facts() if f.theme == theme]


def drawn_strings(drawing):
    stack, out = [drawing], []
    while stack:
        node = stack.pop()
        stack.extend(getattr(node, "contents", []))
        if hasattr(node, "fontName") and hasattr(node, "text"):
            out.append(node)
    return out


def test_levels_share_one_unit_and_are_sorted():
    chart = theme_chart(by_theme("economy"), title=TITLE)
    assert chart is not None and chart.kind == "levels"
    facts = {f.id: f for f in sample_facts()}
    units = {facts[i].unit for i in chart.fact_ids}
    assert units == {"CNY"}
    values = [row.value for row in chart.rows]
    assert values == sorted(values, reverse=True)
    assert chart.unit == Bilingual("单位：亿元", "Unit: CNY 100 million")
    assert [row.text for row in chart.rows] == ["400+", "36.3", "~11", "10"]


def test_changes_are_signed_by_direction():
    chart = theme_chart(by_theme("consumption_trade"), title=TITLE)
    assert chart is not None and chart.kind == "changes"
    facts = {f.id: f for f in sample_facts()}
    for fact_id, row in zip(chart.fact_ids, chart.rows, strict=True):
        assert (row.value < 0) == (facts[fact_id].direction == "down")
        assert row.text[0] == ("−" if row.value < 0 else "+")
        assert row.text.endswith("%")


def test_targets_beside_achievements_of_the_same_indicator():
    facts = by_theme("environment")
    level = next(f for f in facts if f.indicator_zh == "出租车电动化比例")
    facts.append(
        dataclasses.replace(level, id="t#1", kind="target", value=Decimal(100), period="target-2025")
    )
    chart = theme_chart(facts, title=TITLE)
    assert chart is not None and chart.kind == "targets"
    assert len(chart.rows) == 2
    for row in chart.rows:
        assert row.target is not None and row.label.zh in {"出租车电动化比例", "绿色企业比例"}


def test_no_chart_without_enough_comparable_figures():
    mixed = [f for f in sample_facts() if f.unit in ("ug_per_m3", "item")][:2]
    assert theme_chart(mixed, title=TITLE) is None
    assert theme_chart([], title=TITLE) is None
    assert theme_chart(by_theme("livelihood"), title=TITLE) is None  # two yuan sums, two rates, one count
    one_change = [f for f in sample_facts() if f.kind == "change_pct"][:1]
    assert theme_chart(one_change, title=TITLE) is None


@pytest.mark.parametrize("theme", ["economy", "consumption_trade", "environment"])
def test_chart_renders_as_text_in_project_fonts_without_warnings(theme):
    chart = theme_chart(by_theme(theme), title=TITLE)
    assert chart is not None
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        svg = render_svg(chart, 480).decode()
        drawing = chart_flowable(chart, 480)
    assert "<text" in svg and "glyph" not in svg  # text stays text, not outlines
    strings = drawn_strings(drawing)
    labels = {s.text for s in strings}
    for row in chart.rows:
        assert row.label.zh in labels and row.text in labels
    ours = {fonts.CJK.regular, fonts.CJK.bold, fonts.LATIN.regular, fonts.LATIN.bold}
    for string in strings:
        assert string.fontName in ours
        assert not fonts.uncovered(string.text, (string.fontName,))


def test_english_label_with_chinese_name_gets_a_font_that_has_it():
    facts = [dataclasses.replace(f, indicator_en=f.indicator_en + " (王府井)") for f in by_theme("economy")]
    chart = theme_chart(facts, title=TITLE)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        strings = drawn_strings(chart_flowable(chart, 480))
    with_name = [s for s in strings if "王府井" in s.text]
    assert with_name and all(s.fontName == fonts.CJK.regular for s in with_name)


def test_svg_is_reproducible_and_undated():
    chart = theme_chart(by_theme("economy"), title=TITLE)
    first, second = render_svg(chart, 400), render_svg(chart, 400)
    assert first == second
    assert not re.search(rb"<dc:date>", first)
