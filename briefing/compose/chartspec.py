"""Which chart a theme gets, if any: the choice of what to compare belongs to the composer.

A chart compares like with like or it is not drawn: one kind (levels, or changes, or shares, or targets
beside results), one unit, one place and one period, subjects of one level (a whole area's headline
indicators are not set beside one park's), every bar a fact the brief may state (compose.trust) with an
English label, and at least MIN_ROWS bars: two bars rarely say more than the sentence that states them.
A change in a unit of its own (a network's added kilometres) is a level of what was added, not a change
of the subject, so change charts hold relative changes only.

Values are shown exactly as the facts state them, in one scale per chart picked so no figure needs more
than two decimals: the scales the renderer writes figures in everywhere else (万亿, 亿, 万 or plain;
briefing.render, so 5.2万亿元 reads 5.2 on a chart captioned 万亿元 / CNY trillion); the scale and unit are
in the caption. `briefing.charts` draws the
chosen `Chart`; the PDF stage places it.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from typing import Any

from briefing.compose.group import subject_zh
from briefing.model import Bilingual, Fact
from briefing.render import AUTO_SCALES_ZH, SCALES_ZH, decimal_places, format_plain, number_en, unit_name
from briefing.resources import DATA_DIR
from briefing.scales import split_measure_word

MAX_ROWS = 8
MIN_ROWS = 3
SMALLEST_SHOWN = Decimal("0.001")  # bars under 0.1% of the largest vanish on a shared axis
MAX_DECIMALS = 2
RELATIVE_UNITS = ("percent", "percentage_point")

QUALIFIER_MARKS = {
    "over": ("", "+"),
    "about": ("~", ""),
    "nearly": ("~", ""),
    "at_least": ("≥", ""),
    "at_most": ("≤", ""),
}


@cache
def chart_words() -> dict[str, Any]:
    """Words printed on charts (data/charts.toml): kind titles, legend, caption."""
    with open(DATA_DIR / "charts.toml", "rb") as handle:
        return tomllib.load(handle)


@dataclass(frozen=True)
class Row:
    label: Bilingual
    value: float  # plotted, in the chart's scale (negative for falls)
    text: str  # the value as printed beside the bar
    target: float | None = None  # target rows: the target beside the achieved value
    target_text: str = ""


@dataclass(frozen=True)
class Chart:
    kind: str  # levels | shares | changes | targets
    title: Bilingual
    unit: Bilingual | None  # caption; None when the value labels carry their unit (%)
    rows: list[Row] = field(default_factory=list)
    fact_ids: list[str] = field(default_factory=list)  # the facts drawn, for citations and checks


# ---------------------------------------------------------------- choosing what to draw


def theme_chart(
    facts: list[Fact],
    *,
    title: Bilingual,
    subject: Callable[[Fact], Bilingual | None] = lambda fact: (
        Bilingual(subject_zh(fact), fact.indicator_en) if subject_zh(fact) and fact.indicator_en else None
    ),
    max_rows: int = MAX_ROWS,
) -> Chart | None:
    """The most informative chart the facts allow, or None when nothing compares like with like.

    Targets beside results come first (they answer "on track?"); otherwise the chart with most bars,
    changes before levels before shares on equal counts. A chart keeps the first `max_rows` indicators
    of its group in the order given (facts arrive best first), so a busy theme shows its leading ones.
    `subject(fact)` is a bar's label in both languages: a fact without one is not drawn (a chart says
    in both languages what each bar measures), nor is a change whose label names no subject (同比增长).
    """
    labels = {f.id: found for f in facts if (found := subject(f)) is not None}
    usable = [f for f in facts if f.id in labels]
    label_of = labels.__getitem__  # rows take their labels from here
    targets = _target_chart(usable, title, max_rows, label_of)
    if targets is not None:
        return targets
    candidates = [
        _change_chart(usable, title, max_rows, label_of),
        _level_chart(usable, title, ("level",), "levels", max_rows, label_of),
        _level_chart(usable, title, ("share",), "shares", max_rows, label_of),
    ]
    present = [c for c in candidates if c is not None]
    return max(present, key=lambda c: len(c.rows), default=None)


def _distinct(facts: Iterable[Fact]) -> list[Fact]:
    """First fact of each indicator (facts arrive best first)."""
    seen: set[str] = set()
    out = []
    for fact in facts:
        if fact.indicator_zh not in seen:
            seen.add(fact.indicator_zh)
            out.append(fact)
    return out


def _bare_measure_word(fact: Fact) -> str:
    """The measure word without its scale (万平方米 → 平方米, 亿元 → 元, 万亿元 → 元, 千瓦 stays)."""
    return split_measure_word(fact.measure_word)[1]


def _unit_key(fact: Fact) -> tuple[str, str, str, str]:
    """Facts with the same key share an axis: one unit (generic counters such as 个, 项, 条 only with the
    same word), one place and one period, since a bar beside another invites comparing them."""
    generic = fact.unit in chart_words()["generic_units"]["tokens"]
    return fact.unit, _bare_measure_word(fact) if generic else "", fact.geo, fact.period


def _largest_unit_group(facts: list[Fact]) -> list[Fact]:
    groups: dict[tuple[str, str, str, str], list[Fact]] = {}
    for fact in facts:
        groups.setdefault(_unit_key(fact), []).append(fact)
    return max((_comparable(g) for g in groups.values()), key=len, default=[])


def _comparable(facts: list[Fact]) -> list[Fact]:
    """Subjects of one level: the whole area's figures, or those of its parts (a park, a cluster, a
    project: their labels name the part), not both; the larger set of the two."""
    words = tuple(chart_words()["comparable"]["part_words"])

    def names_a_part(fact: Fact) -> bool:
        return any(w in (subject_zh(fact) or fact.indicator_zh) for w in words)

    parts = [f for f in facts if names_a_part(f)]
    whole = [f for f in facts if not names_a_part(f)]
    return whole if len(whole) >= len(parts) else parts


def _chart_title(title: Bilingual, kind: str) -> Bilingual:
    words = chart_words()["kinds"][kind]
    return Bilingual(f"{title.zh} · {words['zh']}", f"{title.en}: {words['en']}")


def _level_chart(
    facts: list[Fact],
    title: Bilingual,
    kinds: tuple[str, ...],
    chart_kind: str,
    max_rows: int,
    label_of: Callable[[str], Bilingual],
) -> Chart | None:
    group = _largest_unit_group(_distinct(f for f in facts if f.kind in kinds and f.value > 0))[:max_rows]
    if not group:
        return None
    group = sorted(group, key=lambda f: f.value, reverse=True)
    group = [f for f in group if f.value >= group[0].value * SMALLEST_SHOWN]
    if len(group) < MIN_ROWS:
        return None
    factor, unit = _scale([f.value for f in group], group[0])
    rows = [Row(_label(f, label_of), float(f.value / factor), _value_text(f, factor)) for f in group]
    return Chart(chart_kind, _chart_title(title, chart_kind), unit, rows, [f.id for f in group])


def _change_chart(
    facts: list[Fact], title: Bilingual, max_rows: int, label_of: Callable[[str], Bilingual]
) -> Chart | None:
    changes = [
        f
        for f in facts
        if f.kind in ("change_pct", "change_abs")
        and f.unit in RELATIVE_UNITS
        and f.direction in ("up", "down")
    ]
    group = _largest_unit_group(_distinct(changes))[:max_rows]
    if len(group) < MIN_ROWS:
        return None
    signed = {f.id: -f.value if f.direction == "down" else f.value for f in group}
    group = sorted(group, key=lambda f: signed[f.id], reverse=True)
    factor, unit = _scale([f.value for f in group], group[0])
    rows = [
        Row(_label(f, label_of), float(signed[f.id] / factor), _value_text(f, factor, signed=True))
        for f in group
    ]
    return Chart("changes", _chart_title(title, "changes"), unit, rows, [f.id for f in group])


def _target_chart(
    facts: list[Fact], title: Bilingual, max_rows: int, label_of: Callable[[str], Bilingual]
) -> Chart | None:
    achieved = {
        (f.indicator_zh, f.unit): f for f in reversed(facts) if f.kind in ("level", "share") and f.value > 0
    }
    pairs = [
        (achieved[(t.indicator_zh, t.unit)], t)
        for t in _distinct(f for f in facts if f.kind == "target" and f.value > 0)
        if (t.indicator_zh, t.unit) in achieved
    ]
    pairs = [p for p in pairs if _unit_key(p[0]) == _unit_key(pairs[0][0])][:max_rows] if pairs else []
    if len(pairs) < MIN_ROWS:
        return None
    factor, unit = _scale([v for a, t in pairs for v in (a.value, t.value)], pairs[0][0])
    rows = [
        Row(
            _label(a, label_of),
            float(a.value / factor),
            _value_text(a, factor),
            float(t.value / factor),
            _value_text(t, factor),
        )
        for a, t in pairs
    ]
    ids = [i for a, t in pairs for i in (a.id, t.id)]
    return Chart("targets", _chart_title(title, "targets"), unit, rows, ids)


def _label(fact: Fact, labels: Callable[[str], Bilingual]) -> Bilingual:
    return labels(fact.id)


def chart_scale(values: list[Decimal]) -> str:
    """The largest of the renderer's scales (万亿, 亿, 万; "" for none) in which every value shows with at
    most MAX_DECIMALS decimals."""
    top = max(abs(v) for v in values)
    for scale in AUTO_SCALES_ZH:
        factor = SCALES_ZH[scale]
        if top >= factor and all(decimal_places(v / factor) <= MAX_DECIMALS for v in values):
            return scale
    return ""


def _scale(values: list[Decimal], sample: Fact) -> tuple[Decimal, Bilingual | None]:
    """The chart's scale (see `chart_scale`; none for rates) and the caption of the unit of `sample` (any
    fact of the chart) in that scale: 万亿元 / CNY trillion, 万平方米 / 10,000 square metres."""
    unit = sample.unit
    if unit == "percent":
        return Decimal(1), None
    scale = "" if unit in RELATIVE_UNITS else chart_scale(values)
    factor = SCALES_ZH[scale] if scale else Decimal(1)
    scale_en = number_en(factor).removeprefix("1 ") if scale else ""  # 10,000 · 100 million · trillion
    names = unit_name(unit)
    generic = chart_words()["generic_units"]
    zh = scale + (_bare_measure_word(sample) if unit in generic["tokens"] else names.zh)
    noun = generic["en"] if unit in generic["tokens"] else names.plural or names.symbol
    if names.symbol and names.prefix:
        en = f"{names.symbol} {scale_en}".strip()
    else:
        en = f"{scale_en} {noun}".strip()
    caption = chart_words()["caption"]
    return factor, Bilingual(caption["zh"] + zh, caption["en"] + en)


def _value_text(fact: Fact, factor: Decimal, *, signed: bool = False) -> str:
    number = format_plain(fact.value / factor)
    if fact.value_max is not None:
        number += "–" + format_plain(fact.value_max / factor)
    before, after = QUALIFIER_MARKS.get(fact.qualifier, ("", ""))
    if signed:
        before = ("−" if fact.direction == "down" else "+") + before
    suffix = "%" if fact.unit == "percent" else ""
    return f"{before}{number}{suffix}{after}"
