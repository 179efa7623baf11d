"""Theme charts: what is chosen (like with like: one kind, unit, place, period, comparable subjects,
three bars or none, every bar labelled in English), and how it is drawn (text kept as text, the project's
fonts, no missing-glyph warnings, reproducible output)."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

from test_pdf_samples import sample_facts

from briefing.compose.chartspec import theme_chart
from briefing.model import Bilingual

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
    assert [row.text for row in chart.rows] == ["400+", "~11", "10"]  # not the cluster's (组团) tax
    assert chart.rows[0].label.en == "Total size of funds established in the district"


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
    shares = [f for f in facts if f.kind == "share"]
    facts += [
        dataclasses.replace(f, id=f"t#{n}", kind="target", value=Decimal(100), period="target-2025")
        for n, f in enumerate(shares)
    ]
    chart = theme_chart(facts, title=TITLE)
    assert chart is not None and chart.kind == "targets"
    assert len(chart.rows) == 3
    for row in chart.rows:
        assert row.target is not None and row.label.zh in {f.indicator_zh for f in shares}


def test_no_chart_without_enough_comparable_figures():
    mixed = [f for f in sample_facts() if f.unit in ("ug_per_m3", "item")][:2]
    assert theme_chart(mixed, title=TITLE) is None
    assert theme_chart([], title=TITLE) is None
    assert theme_chart(by_theme("livelihood"), title=TITLE) is None  # two yuan sums, two rates, one count
    one_change = [f for f in sample_facts() if f.kind == "change_pct"][:1]
    assert theme_chart(one_change, title=TITLE) is None
    two_targets = by_theme("environment")  # one target beside its result: a sentence says it better
    assert theme_chart(two_targets, title=TITLE).kind != "targets"


def test_a_bar_without_english_is_not_drawn():
    facts = by_theme("environment")
    unlabelled = [dataclasses.replace(f, indicator_en="") if f.kind == "share" else f for f in facts]
    assert theme_chart(unlabelled, title=TITLE) is None
    chart = theme_chart(facts, title=TITLE)
    assert chart is not None and all(row.label.en for row in chart.rows)


def test_an_amount_added_in_its_own_unit_is_not_drawn_as_a_change():
    """A network's added kilometres is what was added, not a change of the subject: no "+N km" bars."""
    base = by_theme("consumption_trade")[0]
    added = [
        dataclasses.replace(
            base,
            id=f"k#{n}",
            kind="change_abs",
            unit="km",
            indicator_zh=f"新增线路{n}号",
            direction="up",
            value=Decimal(10 + n),
            indicator_en=f"Line {n} added",
        )
        for n in range(4)
    ]
    assert theme_chart(added, title=TITLE) is None


def test_a_parts_figure_is_not_set_beside_the_whole_areas():
    base = by_theme("consumption_trade")[0]
    labels = ["地区生产总值同比增速", "园区甲产值同比增速", "园区乙产值同比增速", "园区丙产值同比增速"]
    facts = [
        dataclasses.replace(
            base,
            id=f"g#{n}",
            kind="change_pct",
            unit="percent",
            direction="up",
            indicator_zh=label,
            indicator_en=f"Growth {n}",
            value=Decimal(5 + n),
        )
        for n, label in enumerate(labels)
    ]
    chart = theme_chart(facts, title=TITLE)
    assert chart is not None and chart.kind == "changes"
    assert "g#0" not in chart.fact_ids and len(chart.rows) == 3


def test_a_chart_of_trillions_is_scaled_in_wan_yi_and_trillion_as_the_brief_writes_them():
    """The chart shows figures in the renderer's scales: 5.2万亿元 reads 5.2 under 万亿元 / CNY trillion,
    never 52,000 under 亿元 (the brief's text and tables say 5.2万亿元 and CNY 5.2 trillion)."""
    base = by_theme("economy")[0]
    sums = [("全省财政总收入", "5.2"), ("全省社会融资规模", "3.85"), ("全省居民存款余额", "1.1")]
    facts = [
        dataclasses.replace(
            base,
            id=f"t#{n}",
            kind="level",
            unit="CNY",
            measure_word="万亿元",
            qualifier="exact",
            raw=f"{value}万亿元",
            value=Decimal(value) * 10**12,
            value_max=None,
            indicator_zh=label,
            indicator_en=f"Provincial sum {n}",
        )
        for n, (label, value) in enumerate(sums)
    ]
    chart = theme_chart(facts, title=TITLE)
    assert chart is not None and chart.kind == "levels"
    assert chart.unit == Bilingual("单位：万亿元", "Unit: CNY trillion")
    assert [row.text for row in chart.rows] == ["5.2", "3.85", "1.1"]
    assert [row.value for row in chart.rows] == [5.2, 3.85, 1.1]
    # One figure that 万亿 cannot show with two decimals puts the whole chart in 亿.
    finer = [*facts[:2], dataclasses.replace(facts[2], value=Decimal("1.2345") * 10**12)]
    chart = theme_chart(finer, title=TITLE)
    assert chart.unit == Bilingual("单位：亿元", "Unit: CNY 100 million")
    assert [row.text for row in chart.rows] == ["52,000", "38,500", "12,345"]
