"""Quantities, changes and periods in both languages: every digit survives, scaled forms only when exact."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefing.model import Fact
from briefing.render import (
    JINJA_FILTERS,
    number_en,
    number_zh,
    ordinal_en,
    render_change_en,
    render_change_zh,
    render_date_en,
    render_en,
    render_period_en,
    render_period_zh,
    render_zh,
    zh_numeral,
)
from briefing.translate.fidelity import check_numbers


def fact(raw: str, value: str, unit: str, measure_word: str = "", qualifier: str = "exact", **extra) -> Fact:
    sentence = extra.pop("sentence", raw + "。")
    return Fact(
        doc="d",
        id="d#1",
        raw=raw,
        span=(0, len(raw)),
        sentence=sentence,
        value=Decimal(value),
        unit=unit,
        measure_word=measure_word,
        qualifier=qualifier,
        **extra,
    )


@pytest.mark.parametrize(
    ("item", "en", "zh"),
    [
        (fact("216.6亿元", "21660000000", "CNY", "亿元"), "CNY 21.66 billion", "216.6亿元"),
        (fact("97.37万公顷", "973700", "hectare", "万公顷"), "973,700 hectares", "97.37万公顷"),
        (fact("30.6微克/立方米", "30.6", "ug_per_m3", "微克/立方米"), "30.6 μg/m³", "30.6微克/立方米"),
        (fact("超2300亿元", "230000000000", "CNY", "亿元", "over"), "over CNY 230 billion", "超2300亿元"),
        (fact("约1.6万家", "16000", "enterprise", "万家", "about"), "about 16,000 enterprises", "约1.6万家"),
        (fact("1000余户", "1000", "household", "户", "over"), "over 1,000 households", "1000余户"),
        (fact("51万余人次", "510000", "person_time", "万人次", "over"), "over 510,000 visits", "51万余人次"),
        (
            fact("15.2个百分点", "15.2", "percentage_point", "个百分点"),
            "15.2 percentage points",
            "15.2个百分点",
        ),
        (fact("4.5%左右", "4.5", "percent", "%", "about"), "about 4.5%", "4.5%左右"),
        (fact("将近六成", "60", "percent", "成", "nearly"), "nearly 60%", "近六成"),
        (
            fact("不少于100家", "100", "enterprise", "家", "at_least"),
            "at least 100 enterprises",
            "不少于100家",
        ),
        (fact("第一", "1", "rank", kind="rank"), "1st", "第一"),
        (fact("第3", "3", "rank", kind="rank"), "3rd", "第3"),
        (fact("翻番", "2", "times", kind="multiple", direction="up"), "doubled", "翻番"),
        (fact("2.6倍", "2.6", "times", "倍", kind="multiple"), "2.6 times", "2.6倍"),
        (fact("连续4年", "4", "year", "年"), "4 consecutive years", "连续4年"),
        (fact("1家", "1", "organization", "家"), "1 organization", "1家"),
        (fact("9961.42万元", "99614200", "CNY", "万元"), "CNY 99,614,200", "9961.42万元"),
        (fact("3-5家", "3", "enterprise", "家", value_max=Decimal(5)), "3–5 enterprises", "3-5家"),
    ],
)
def test_quantities_read_the_same_in_both_languages(item: Fact, en: str, zh: str) -> None:
    assert render_en(item) == en
    assert render_zh(item) == zh


def test_classifier_noun_is_dropped_only_when_asked() -> None:
    projects = fact("14个", "14", "project", "个")
    assert render_en(projects) == "14 projects"
    assert render_en(projects, noun=False) == "14"
    area = fact("230万平方米", "2300000", "sqm", "万平方米")
    assert render_en(area, noun=False) == "2.3 million square meters"


def test_unknown_unit_token_reads_as_words() -> None:
    assert render_en(fact("5个", "5", "charging_pile", "个")) == "5 charging piles"


def test_changes_carry_direction_and_comparison_base() -> None:
    growth = fact(
        "5.2%",
        "5.2",
        "percent",
        "%",
        kind="change_pct",
        direction="up",
        sentence="社会消费品零售总额同比增长5.2%。",
    )
    assert render_change_en(growth) == "up 5.2% year on year"
    assert render_change_zh(growth) == "同比增长5.2%"
    cut = fact(
        "0.4个百分点",
        "0.4",
        "percentage_point",
        "个百分点",
        kind="change_abs",
        direction="down",
        sentence="较年初预测低0.4个百分点。",
    )
    assert render_change_en(cut) == "down 0.4 percentage points from the start of the year"
    assert render_change_zh(cut) == "较年初下降0.4个百分点"
    level = fact("651家", "651", "enterprise", "家")
    assert render_change_en(level) == render_en(level)


@pytest.mark.parametrize(
    ("token", "en", "short", "zh", "zh_same_year"),
    [
        ("2025-H1", "the first half of 2025", "H1 2025", "2025年上半年", "上半年"),
        ("2025-Q2", "the second quarter of 2025", "Q2 2025", "2025年二季度", "二季度"),
        ("2025-01/2025-11", "January–November 2025", "Jan–Nov 2025", "2025年1-11月", "1-11月"),
        ("14th-FYP", "the 14th Five-Year Plan period", "14th FYP", "“十四五”时期", "“十四五”时期"),
        ("15th-FYP", "the 15th Five-Year Plan period", "15th FYP", "“十五五”时期", "“十五五”时期"),
        ("past-5-years", "the past five years", "past 5 years", "过去五年", "过去五年"),
        ("target-2025", "by the end of 2025", "2025 target", "到2025年底", "年底前"),
        ("cumulative", "cumulative", "cumulative", "累计", "累计"),
        ("2024", "2024", "2024", "2024年", "2024年"),
        ("unspecified", "", "", "", ""),
    ],
)
def test_period_tokens(token: str, en: str, short: str, zh: str, zh_same_year: str) -> None:
    assert render_period_en(token) == en
    assert render_period_en(token, short=True) == short
    assert render_period_zh(token) == zh
    assert render_period_zh(token, doc_year=2025) == zh_same_year


def test_small_helpers() -> None:
    assert [ordinal_en(n) for n in (1, 2, 3, 4, 11, 12, 13, 21, 102)] == [
        "1st",
        "2nd",
        "3rd",
        "4th",
        "11th",
        "12th",
        "13th",
        "21st",
        "102nd",
    ]
    assert [zh_numeral(n) for n in (0, 4, 10, 14, 20, 99)] == ["零", "四", "十", "十四", "二十", "九十九"]
    assert render_date_en(2025, 12, 17) == "December 17, 2025"
    assert render_date_en(None, 12, 17) == "December 17"


def test_jinja_filters_compose_registers() -> None:
    from jinja2 import Environment

    env = Environment()
    env.filters.update(JINJA_FILTERS)
    item = fact("216.6亿元", "21660000000", "CNY", "亿元", period="2025-H1")
    text = env.from_string(
        "{{ f | quantity }} in {{ f.period | period }} / {{ f.period | period('zh') }}"
        "{{ f | quantity('zh') }}"
    ).render(f=item)
    assert text == "CNY 21.66 billion in the first half of 2025 / 2025年上半年216.6亿元"
    assert env.from_string("{{ 19.5 | percent }} {{ 16000 | number('zh') }}").render() == "19.5% 1.6万"


values = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("1e13"), places=2, allow_nan=False)


@given(values)
def test_scaled_figures_are_exact(value: Decimal) -> None:
    """Whatever scale is chosen, the written figure denotes exactly the value (no rounding)."""
    scaled_en = number_en(value)
    words = {"billion": Decimal(10) ** 9, "million": Decimal(10) ** 6}
    figure, _, word = scaled_en.partition(" ")
    assert Decimal(figure.replace(",", "")) * words.get(word, 1) == value
    scaled_zh = number_zh(value)
    size = {"亿": Decimal(10) ** 8, "万": Decimal(10) ** 4}.get(scaled_zh[-1], 1)
    assert Decimal(scaled_zh.rstrip("亿万")) * size == value


@given(
    values,
    st.sampled_from(["CNY", "sqm", "person_time", "percent", "hectare", "enterprise"]),
    st.sampled_from(["exact", "over", "about", "nearly"]),
)
def test_fidelity_accepts_every_rendering(value: Decimal, unit: str, qualifier: str) -> None:
    item = fact("x", str(value), unit, qualifier=qualifier)
    assert check_numbers(f"It reached {render_en(item)} this year.", [item]) == []
