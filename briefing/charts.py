"""Theme charts: the figures of one theme drawn as bilingual horizontal bars (matplotlib, vector SVG).

A chart only appears where the data make one meaningful: several indicators in one unit, place and
period (levels, or rates and shares), changes with their direction (diverging bars, rises and falls in
two colours), or targets beside what was achieved for the same indicator. Mixing units on one axis,
or a lone bar, would mislead more than it informs, so `theme_chart` returns None then.

Values are shown exactly as the facts state them, in one scale per chart (亿, 万 or plain) picked so no
figure needs more than two decimals; the scale and unit are in the caption. Text stays text in the SVG
(`svg.fonttype = none`) so the PDF sets it in the embedded Noto fonts; every text element gets the font
that has all its glyphs (Noto Sans for English, Noto Sans SC for Chinese), so none draws a box.
"""

from __future__ import annotations

import io
import textwrap
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from typing import Any

from briefing import fonts
from briefing.compose.group import subject_zh
from briefing.fonts import check_glyphs
from briefing.model import Bilingual, Fact
from briefing.palette import CHART_COLOURS
from briefing.render import format_plain, unit_name
from briefing.resources import DATA_DIR

MAX_ROWS = 8
MIN_LEVEL_ROWS = 3  # two bars in one unit rarely say more than the sentence that states them
MIN_PAIRED_ROWS = 2
SMALLEST_SHOWN = Decimal("0.001")  # bars under 0.1% of the largest vanish on a shared axis
MAX_DECIMALS = 2

QUALIFIER_MARKS = {
    "over": ("", "+"),
    "about": ("~", ""),
    "nearly": ("~", ""),
    "at_least": ("≥", ""),
    "at_most": ("≤", ""),
}

_SVG_RC = {
    "svg.fonttype": "none",  # real text, set by the PDF's embedded fonts
    "svg.hashsalt": "briefing",  # stable element ids → byte-identical SVG and PDF
    "axes.unicode_minus": True,
}

# Layout, in points.
ZH_LABEL_SIZE = 7.8
EN_LABEL_SIZE = 6.4
TITLE_ZH_SIZE = 9.2
TITLE_EN_SIZE = 7.6
CAPTION_SIZE = 6.4
VALUE_SIZE = 7.0
LABEL_COLUMN = 0.38  # share of the width taken by the indicator labels
ROW_HEIGHT = 23.0
ROW_EXTRA_LINE = 7.0
BOTTOM_PAD = 4.0
SMALLEST_TEXT_SIZE = min(ZH_LABEL_SIZE, EN_LABEL_SIZE, TITLE_ZH_SIZE, TITLE_EN_SIZE, CAPTION_SIZE, VALUE_SIZE)


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


@cache
def _words() -> dict[str, Any]:
    with open(DATA_DIR / "charts.toml", "rb") as handle:
        return tomllib.load(handle)


# ---------------------------------------------------------------- choosing what to draw


def theme_chart(
    facts: list[Fact],
    *,
    title: Bilingual,
    max_rows: int = MAX_ROWS,
    min_level_rows: int = MIN_LEVEL_ROWS,
) -> Chart | None:
    """The most informative chart the facts allow, or None when no unit has enough indicators.

    Targets beside results come first (they answer "on track?"); otherwise the chart with most bars,
    changes before levels before shares on equal counts. A chart keeps the first `max_rows` indicators
    of its group in the order given (facts arrive best first), so a busy theme shows its leading ones.
    `min_level_rows` is the fewest bars a chart of levels or shares needs: a page without the sentences
    that state the figures (a one-pager) draws two; a full brief, which states them beside, wants three.

    A change whose label names no subject (同比增长) is never drawn: beside other bars it would read as
    a figure of something else. A fact without an English label is still drawn: its English line says
    the label is not translated (`charts.toml [untranslated]`), since an honestly marked bilingual chart
    beats no chart.
    """
    usable = [f for f in facts if subject_zh(f) and f.certainty >= 0.6]  # a bar says what it measures
    targets = _target_chart(usable, title, max_rows)
    if targets is not None:
        return targets
    candidates = [
        _change_chart(usable, title, max_rows),
        _level_chart(usable, title, ("level",), "levels", max_rows, min_level_rows),
        _level_chart(usable, title, ("share",), "shares", max_rows, min_level_rows),
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
    """The measure word without its scale (万平方米 → 平方米, 亿元 → 元)."""
    return fact.measure_word.lstrip("万亿千百")


def _unit_key(fact: Fact) -> tuple[str, str, str, str]:
    """Facts with the same key share an axis: one unit (generic counters such as 个, 项, 条 only with the
    same word), one place and one period, since a bar beside another invites comparing them."""
    generic = fact.unit in _words()["generic_units"]["tokens"]
    return fact.unit, _bare_measure_word(fact) if generic else "", fact.geo, fact.period


def _largest_unit_group(facts: list[Fact]) -> list[Fact]:
    groups: dict[tuple[str, str], list[Fact]] = {}
    for fact in facts:
        groups.setdefault(_unit_key(fact), []).append(fact)
    return max(groups.values(), key=len, default=[])


def _chart_title(title: Bilingual, kind: str) -> Bilingual:
    words = _words()["kinds"][kind]
    return Bilingual(f"{title.zh} · {words['zh']}", f"{title.en}: {words['en']}")


def _level_chart(
    facts: list[Fact], title: Bilingual, kinds: tuple[str, ...], chart_kind: str, max_rows: int, min_rows: int
) -> Chart | None:
    group = _largest_unit_group(_distinct(f for f in facts if f.kind in kinds and f.value > 0))[:max_rows]
    if not group:
        return None
    group = sorted(group, key=lambda f: f.value, reverse=True)
    group = [f for f in group if f.value >= group[0].value * SMALLEST_SHOWN]
    if len(group) < min_rows:
        return None
    factor, unit = _scale([f.value for f in group], group[0])
    rows = [Row(_label(f), float(f.value / factor), _value_text(f, factor)) for f in group]
    return Chart(chart_kind, _chart_title(title, chart_kind), unit, rows, [f.id for f in group])


def _change_chart(facts: list[Fact], title: Bilingual, max_rows: int) -> Chart | None:
    changes = [f for f in facts if f.kind in ("change_pct", "change_abs") and f.direction in ("up", "down")]
    group = _largest_unit_group(_distinct(changes))[:max_rows]
    if len(group) < MIN_PAIRED_ROWS:
        return None
    signed = {f.id: -f.value if f.direction == "down" else f.value for f in group}
    group = sorted(group, key=lambda f: signed[f.id], reverse=True)
    factor, unit = _scale([f.value for f in group], group[0])
    rows = [Row(_label(f), float(signed[f.id] / factor), _value_text(f, factor, signed=True)) for f in group]
    return Chart("changes", _chart_title(title, "changes"), unit, rows, [f.id for f in group])


def _target_chart(facts: list[Fact], title: Bilingual, max_rows: int) -> Chart | None:
    achieved = {
        (f.indicator_zh, f.unit): f for f in reversed(facts) if f.kind in ("level", "share") and f.value > 0
    }
    pairs = [
        (achieved[(t.indicator_zh, t.unit)], t)
        for t in _distinct(f for f in facts if f.kind == "target" and f.value > 0)
        if (t.indicator_zh, t.unit) in achieved
    ]
    pairs = [p for p in pairs if _unit_key(p[0]) == _unit_key(pairs[0][0])][:max_rows] if pairs else []
    if len(pairs) < MIN_PAIRED_ROWS:
        return None
    factor, unit = _scale([v for a, t in pairs for v in (a.value, t.value)], pairs[0][0])
    rows = [
        Row(
            _label(a),
            float(a.value / factor),
            _value_text(a, factor),
            float(t.value / factor),
            _value_text(t, factor),
        )
        for a, t in pairs
    ]
    ids = [i for a, t in pairs for i in (a.id, t.id)]
    return Chart("targets", _chart_title(title, "targets"), unit, rows, ids)


def _label(fact: Fact) -> Bilingual:
    return Bilingual(fact.indicator_zh, fact.indicator_en or _words()["untranslated"]["en"])


def _decimals(value: Decimal) -> int:
    return max(0, -int(value.normalize().as_tuple().exponent))


def _scale(values: list[Decimal], sample: Fact) -> tuple[Decimal, Bilingual | None]:
    """The largest scale (亿, 万, 1) showing every value with at most two decimals, and the caption of
    the unit of `sample` (any fact of the chart) in that scale."""
    unit = sample.unit
    top = max(abs(v) for v in values)
    scales = _words()["scales"]
    chosen = scales[-1]
    if unit not in ("percent", "percentage_point"):
        for scale in scales:
            factor = Decimal(scale["factor"])
            if top >= factor and all(_decimals(v / factor) <= MAX_DECIMALS for v in values):
                chosen = scale
                break
    if unit == "percent":
        return Decimal(1), None
    names = unit_name(unit)
    generic = _words()["generic_units"]
    zh = chosen["zh"] + (_bare_measure_word(sample) if unit in generic["tokens"] else names.zh)
    noun = generic["en"] if unit in generic["tokens"] else names.plural or names.symbol
    if names.symbol and names.prefix:
        en = f"{names.symbol} {chosen['en']}".strip()
    else:
        en = f"{chosen['en']} {noun}".strip()
    caption = _words()["caption"]
    return Decimal(chosen["factor"]), Bilingual(caption["zh"] + zh, caption["en"] + en)


def _value_text(fact: Fact, factor: Decimal, *, signed: bool = False) -> str:
    number = format_plain(fact.value / factor)
    if fact.value_max is not None:
        number += "–" + format_plain(fact.value_max / factor)
    before, after = QUALIFIER_MARKS.get(fact.qualifier, ("", ""))
    if signed:
        before = ("−" if fact.direction == "down" else "+") + before
    suffix = "%" if fact.unit == "percent" else ""
    return f"{before}{number}{suffix}{after}"


# ---------------------------------------------------------------- drawing


@dataclass(frozen=True)
class _Label:
    zh: str
    en_lines: list[str]


def _labels(chart: Chart, width: float) -> list[_Label]:
    column = width * LABEL_COLUMN - 6
    zh_chars = max(4, int(column / ZH_LABEL_SIZE))
    en_chars = max(10, int(column / (EN_LABEL_SIZE * 0.5)))
    out = []
    for row in chart.rows:
        zh = row.label.zh if len(row.label.zh) <= zh_chars else row.label.zh[: zh_chars - 1] + "…"
        en_lines = textwrap.wrap(row.label.en, en_chars, max_lines=2, placeholder=" …")
        out.append(_Label(zh, en_lines))
    return out


def _header_height(chart: Chart) -> float:
    return 40.0 if chart.unit or chart.kind == "targets" else 31.0


def _row_height(labels: list[_Label]) -> float:
    extra = max((len(label.en_lines) - 1 for label in labels), default=0)
    return ROW_HEIGHT + ROW_EXTRA_LINE * extra


def natural_height(chart: Chart, width: float) -> float:
    """Height in points at which `chart` drawn `width` points wide has comfortable rows."""
    labels = _labels(chart, width)
    return _header_height(chart) + len(chart.rows) * _row_height(labels) + BOTTOM_PAD


def _font(text: str, *, prefer_cjk: bool) -> str:
    """The matplotlib family that has every glyph of `text` (the preferred one when both do)."""
    cjk, latin = fonts.register_matplotlib_fonts()
    order = (("NotoSansSC", cjk), ("NotoSans", latin))
    if not prefer_cjk:
        order = order[::-1]
    check_glyphs(text)
    for rl_name, family in order:
        if not fonts.uncovered(text, (rl_name,)):
            return family
    return order[0][1]  # unreachable: check_glyphs found a font for each character, but not one for all


def render_svg(chart: Chart, width: float, height: float | None = None) -> bytes:
    """The chart as SVG of `width` × `height` points (natural height if None), text kept as text."""
    import matplotlib
    from matplotlib.backends.backend_svg import FigureCanvasSVG
    from matplotlib.figure import Figure
    from matplotlib.transforms import Affine2D, offset_copy

    height = height or natural_height(chart, width)
    labels = _labels(chart, width)
    colour = CHART_COLOURS
    with matplotlib.rc_context(_SVG_RC):
        fig = Figure(figsize=(width / 72, height / 72))
        FigureCanvasSVG(fig)
        points = Affine2D().scale(1 / 72) + fig.dpi_scale_trans  # place text in points from bottom left

        def put(x, y, text, size, *, cjk, bold=False, color=colour["ink"], **kw):
            fig.text(
                x,
                y,
                text,
                transform=points,
                fontsize=size,
                color=color,
                family=_font(text, prefer_cjk=cjk),
                weight="bold" if bold else "normal",
                **kw,
            )

        top = height - 2
        put(0, top - TITLE_ZH_SIZE, chart.title.zh, TITLE_ZH_SIZE, cjk=True, bold=True)
        put(0, top - TITLE_ZH_SIZE - 12, chart.title.en, TITLE_EN_SIZE, cjk=False, color=colour["muted"])
        caption_y = top - TITLE_ZH_SIZE - 23
        if chart.unit:
            sep = _words()["caption"]["separator"]
            put(
                0,
                caption_y,
                chart.unit.zh + sep + chart.unit.en,
                CAPTION_SIZE,
                cjk=True,
                color=colour["faint"],
            )
        if chart.kind == "targets":
            _legend(put, fig, points, width, caption_y)

        area_top = height - _header_height(chart)
        area_left = width * LABEL_COLUMN
        ax = fig.add_axes(
            (area_left / width, BOTTOM_PAD / height, 1 - area_left / width, (area_top - BOTTOM_PAD) / height)
        )
        count = len(chart.rows)
        ax.set_ylim(count - 0.5, -0.5)
        ax.set_axis_off()
        row_h = (area_top - BOTTOM_PAD) / count
        for i, label in enumerate(labels):
            centre = area_top - (i + 0.5) * row_h
            lines = len(label.en_lines)
            zh_y = centre + (lines * (EN_LABEL_SIZE + 1.2)) / 2 - 2
            put(0, zh_y, label.zh, ZH_LABEL_SIZE, cjk=True, va="baseline")
            for k, line in enumerate(label.en_lines):
                put(
                    0,
                    zh_y - ZH_LABEL_SIZE * 0.35 - (k + 1) * (EN_LABEL_SIZE + 1.2) + 1,
                    line,
                    EN_LABEL_SIZE,
                    cjk=False,
                    color=colour["muted"],
                    va="baseline",
                )
            if i:
                ax.axhline(i - 0.5, color=colour["rule"], lw=0.3)
        _bars(ax, chart, fig, offset_copy)
        buffer = io.BytesIO()
        fig.savefig(buffer, format="svg", metadata={"Date": None})
    return buffer.getvalue()


def _legend(put, fig, points, width, y):
    from matplotlib.patches import Rectangle

    words = _words()["legend"]
    x = width - 150
    for key, colour in (("achieved", CHART_COLOURS["up"]), ("target", CHART_COLOURS["target"])):
        fig.add_artist(Rectangle((x, y), 6, 6, transform=points, color=colour, lw=0))
        text = f"{words[key + '_zh']} {words[key + '_en']}"
        put(x + 9, y + 0.5, text, CAPTION_SIZE, cjk=True, color=CHART_COLOURS["muted"])
        x += 70


def _bars(ax, chart: Chart, fig, offset_copy) -> None:
    colour = CHART_COLOURS
    values = [r.value for r in chart.rows] + [r.target for r in chart.rows if r.target is not None]
    top = max(abs(v) for v in values) or 1.0
    right = offset_copy(ax.transData, fig=fig, x=3, units="points")
    left = offset_copy(ax.transData, fig=fig, x=-3, units="points")
    diverging = chart.kind == "changes" and any(r.value < 0 for r in chart.rows)
    if diverging:
        lowest = min(r.value for r in chart.rows)
        highest = max(max(r.value for r in chart.rows), 0)
        span = (highest - lowest) or 1.0
        ax.set_xlim(lowest - span * 0.28, highest + span * 0.28)
    else:
        ax.set_xlim(0, top * 1.3)
    ax.axvline(0, color=colour["faint"], lw=0.6)

    def value_label(x, y, text, weight="bold"):
        ax.text(
            x,
            y,
            text,
            transform=right if x >= 0 else left,
            ha="left" if x >= 0 else "right",
            va="center",
            fontsize=VALUE_SIZE,
            color=colour["ink"],
            family=_font(text, prefer_cjk=False),
            weight=weight,
        )

    for i, row in enumerate(chart.rows):
        if row.target is not None:
            ax.barh(i - 0.17, row.value, height=0.3, color=colour["up"], lw=0)
            ax.barh(i + 0.17, row.target, height=0.3, color=colour["target"], lw=0)
            value_label(row.value, i - 0.17, row.text)
            value_label(row.target, i + 0.17, row.target_text, weight="normal")
            continue
        bar_colour = colour["down"] if row.value < 0 else colour["up"]
        ax.barh(i, row.value, height=0.52, color=bar_colour, lw=0)
        value_label(row.value, i, row.text)
