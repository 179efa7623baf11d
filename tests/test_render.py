"""Quantities, changes and periods in both languages: every digit survives, scaled forms only when exact."""

from __future__ import annotations

import re
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
    render_change_verb_en,
    render_change_zh,
    render_changes_verb_en,
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
        (fact("8.6万亿元", "8600000000000", "CNY", "万亿元"), "CNY 8.6 trillion", "8.6万亿元"),
        (
            fact("约23.45万亿元", "23450000000000", "CNY", "万亿元", "about"),
            "about CNY 23.45 trillion",
            "约23.45万亿元",
        ),
        (fact("1.3万亿美元", "1300000000000", "USD", "万亿美元"), "USD 1.3 trillion", "1.3万亿美元"),
        (fact("46万千瓦", "460000", "kw", "万千瓦"), "460,000 kilowatts", "46万千瓦"),
        (fact("3.8亿人次", "380000000", "person_time", "亿人次"), "380 million visits", "3.8亿人次"),
        (fact("18千米", "18000", "m", "千米"), "18,000 meters", "18千米"),
        (fact("7千瓦", "7", "kw", "千瓦"), "7 kilowatts", "7千瓦"),
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


def test_a_change_as_its_sentences_verb_grows_rises_or_falls() -> None:
    def change(raw, value, unit, direction, sentence):
        kind = "change_pct" if unit == "percent" else "change_abs"
        return fact(raw, value, unit, kind=kind, direction=direction, sentence=sentence)

    sales = change("6.4%", "6.4", "percent", "up", "茶叶销售额同比增长6.4%。")
    points = change("1.2个百分点", "1.2", "percentage_point", "up", "森林覆盖率提高1.2个百分点。")
    deaths = change("11%", "11", "percent", "down", "事故死亡人数下降11%。")
    assert render_change_verb_en(sales) == "grew 6.4% year on year"
    assert render_change_verb_en(points) == "rose 1.2 percentage points"
    assert render_change_verb_en(deaths) == "fell 11%"
    # parallel changes share their verb and base when they can, else each keeps its own
    tea = change("3.3%", "3.3", "percent", "up", "茶叶、竹笋产量同比分别增长6.4%、3.3%。")
    shoots = change("6.4%", "6.4", "percent", "up", "茶叶、竹笋产量同比分别增长6.4%、3.3%。")
    assert render_changes_verb_en([shoots, tea]) == "grew 6.4% and 3.3% year on year"
    assert render_changes_verb_en([sales, deaths]) == "grew 6.4% year on year and fell 11%"


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
    words = {"trillion": Decimal(10) ** 12, "billion": Decimal(10) ** 9, "million": Decimal(10) ** 6}
    figure, _, word = scaled_en.partition(" ")
    assert Decimal(figure.replace(",", "")) * words.get(word, 1) == value
    scaled_zh = number_zh(value)
    figure = scaled_zh.rstrip("亿万")
    sizes = {"万亿": Decimal(10) ** 12, "亿": Decimal(10) ** 8, "万": Decimal(10) ** 4}
    size = sizes.get(scaled_zh[len(figure) :], 1)
    assert Decimal(figure) * size == value


@given(
    values,
    st.sampled_from(["CNY", "sqm", "person_time", "percent", "hectare", "enterprise"]),
    st.sampled_from(["exact", "over", "about", "nearly"]),
)
def test_fidelity_accepts_every_rendering(value: Decimal, unit: str, qualifier: str) -> None:
    item = fact("x", str(value), unit, qualifier=qualifier)
    assert check_numbers(f"It reached {render_en(item)} this year.", [item]) == []


# ---------------------------------------------------------------- every scale, every measure word
# An independent reading of rendered figures: written for the test from the languages' rules (a scale
# word multiplies by the product of its characters: 千亿 = 千 × 亿), not from briefing's tables.

ZH_SCALE_CHARS = {"十": 10, "百": 100, "千": 1000, "万": 10**4, "亿": 10**8}
ZH_LADDER = ["", "千", "万", "十万", "百万", "千万", "亿", "十亿", "百亿", "千亿", "万亿"]
LEGAL_RUNS = {"十万", "百万", "千万", "十亿", "百亿", "千亿", "万亿"}
EN_SCALE_WORDS = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
# Unit forms measure words of real reports put after a scale, with the fact unit the extractor gives them.
UNIT_FORMS = {
    "元": "CNY",
    "美元": "USD",
    "平方米": "sqm",
    "千瓦": "kw",
    "千瓦时": "kwh",
    "辆": "unit",
    "人次": "person_time",
    "株": "unit",
    "公顷": "hectare",
    "亩": "mu",
    "吨": "ton",
    "人": "person",
    "家": "enterprise",
    "": "person",  # a bare scale (参与人数122万): the unit's own Chinese word follows the figure
}
ZH_FIGURE = re.compile(r"^(?:约|超|近|不少于)?(?P<number>\d+(?:\.\d+)?)(?P<scale>[十百千万亿]*)(?:余|多)?$")
EN_FIGURE = re.compile(
    r"(?P<number>\d{1,3}(?:,\d{3})*(?:\.\d+)?)(?: (?P<scale>thousand|million|billion|trillion))?"
)


def read_zh(figure: str) -> Decimal:
    match = ZH_FIGURE.match(figure)
    assert match, figure
    factor = 1
    for char in match["scale"]:
        factor *= ZH_SCALE_CHARS[char]
    return Decimal(match["number"]) * factor


def read_en(text: str) -> Decimal:
    found = EN_FIGURE.findall(text)
    assert len(found) == 1, text
    number, scale = found[0]
    return Decimal(number.replace(",", "")) * EN_SCALE_WORDS.get(scale, 1)


exact_values = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("1e14"), places=2, allow_nan=False)


@given(
    exact_values,
    st.sampled_from(ZH_LADDER),
    st.sampled_from(sorted(UNIT_FORMS)),
    st.sampled_from(["exact", "over", "about"]),
)
def test_every_scale_and_measure_word_reads_back_to_the_value(
    value: Decimal, scale: str, form: str, qualifier: str
) -> None:
    """A figure written with any scale of the ladder and any unit form reads back, in both languages, as
    exactly the value the fact holds; no scale characters pile up beyond the legal compounds."""
    item = fact("x", str(value), UNIT_FORMS[form], scale + form, qualifier)
    zh = render_zh(item)
    written = form or "人"
    assert zh.endswith(written), zh
    figure = zh[: len(zh) - len(written)]
    assert read_zh(figure) == value, zh
    run = re.search(r"[十百千万亿]+", figure)
    assert run is None or len(run[0]) == 1 or run[0] in LEGAL_RUNS, zh
    assert read_en(render_en(item)) == value, render_en(item)


@given(exact_values)
def test_figures_without_a_measure_word_read_back(value: Decimal) -> None:
    assert read_zh(number_zh(value)) == value
    assert read_en(number_en(value)) == value


def test_a_trillion_figure_keeps_its_compound_scale() -> None:
    """The defect this guards against: 万亿元 split as 万 + 亿元 multiplied the figure by 10⁸ (5.2万亿元
    came back as 520000000万亿元)."""
    item = fact("6.4万亿元", "6400000000000", "CNY", "万亿元")
    assert render_zh(item) == "6.4万亿元"
    assert render_en(item) == "CNY 6.4 trillion"


# Measure words with a scale as reports write them, with the scale the test expects read off them.
SCALED_MEASURE_WORDS = [
    ("亿元", "亿", "CNY"),
    ("万亿元", "万亿", "CNY"),
    ("万亿美元", "万亿", "USD"),
    ("亿美元", "亿", "USD"),
    ("万美元", "万", "USD"),
    ("亿人民币", "亿", "CNY"),
    ("万元人民币", "万", "CNY"),
    ("万平方米", "万", "sqm"),
    ("万平米", "万", "sqm"),
    ("万公顷", "万", "hectare"),
    ("万亩", "万", "mu"),
    ("亿亩", "亿", "mu"),
    ("万千瓦", "万", "kw"),
    ("亿千瓦时", "亿", "kwh"),
    ("万标箱", "万", "TEU"),
    ("亿人次", "亿", "person_time"),
    ("万人次", "万", "person_time"),
    ("万人", "万", "person"),
    ("万名", "万", "person"),
    ("万户", "万", "household"),
    ("万家", "万", "enterprise"),
    ("亿株", "亿", "unit"),
    ("万株", "万", "unit"),
    ("万吨", "万", "ton"),
    ("亿吨", "亿", "ton"),
    ("万吨标煤", "万", "ton_sce"),
    ("万立方米", "万", "cubic_meter"),
    ("亿立方米", "亿", "cubic_meter"),
    ("亿斤", "亿", "jin"),
    ("万套", "万", "unit"),
    ("万台", "万", "unit"),
    ("万件", "万", "item"),
    ("万个", "万", "unit"),
    ("千米", "千", "m"),
]


@pytest.mark.parametrize(("measure_word", "scale", "unit"), SCALED_MEASURE_WORDS)
@given(value=st.decimals(min_value=Decimal("0.01"), max_value=Decimal("99999.99"), places=2))
def test_measure_words_of_reports_read_back(measure_word: str, scale: str, unit: str, value: Decimal) -> None:
    """The figure as the source writes it (value in the source's scale) comes back digit for digit."""
    factor = 1
    for char in scale:
        factor *= ZH_SCALE_CHARS[char]
    item = fact("x", str(value * factor), unit, measure_word)
    zh = render_zh(item)
    assert zh == f"{format(value.normalize(), 'f')}{measure_word}", zh
    assert read_en(render_en(item)) == value * factor, render_en(item)
