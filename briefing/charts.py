"""Theme charts drawn: a chosen `Chart` (compose.chartspec) as bilingual horizontal bars (matplotlib,
vector SVG).

What a chart compares is decided by the composer, which puts the chart in the brief; this module only
draws it. Text stays text in the SVG (`svg.fonttype = none`) so the PDF sets it in the embedded Noto
fonts; every text element gets the font that has all its glyphs (Noto Sans for English, Noto Sans SC
for Chinese), so none draws a box.
"""

from __future__ import annotations

import io
import textwrap
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from briefing import fonts
from briefing.compose.chartspec import Chart, Row, chart_words
from briefing.fonts import check_glyphs
from briefing.palette import CHART_COLOURS

if TYPE_CHECKING:
    from matplotlib.typing import RcKeyType  # matplotlib itself is imported when a chart is drawn

__all__ = ["Chart", "Row", "natural_height", "render_svg"]  # Chart and Row: the spec it draws

_SVG_RC: dict[RcKeyType, Any] = {
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
            sep = chart_words()["caption"]["separator"]
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

    words = chart_words()["legend"]
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
