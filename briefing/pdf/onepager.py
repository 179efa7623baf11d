"""One-page theme briefs: a bilingual header band, 3–6 key-figure tiles, a chart, 3–6 bullets, sources.

The page is laid out by measuring, never by trial printing: every block is wrapped at its real width
first, and while the blocks overflow the page the least salient go (bullets from the end, then tiles
down to three, then the chart). Text is never set below MIN_FONT_SIZE; instead long labels and sentences
are cut at a word or character boundary (never inside a number) and end with an ellipsis. Everything is
then drawn at fixed positions on a single canvas page, so the PDF has exactly one page by construction.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from briefing import atomic, charts, fonts
from briefing.charts import theme_chart
from briefing.dates import generation_date
from briefing.model import Bilingual, BriefSentence, KeyFigure, ThemeBrief
from briefing.pdf import styles as house
from briefing.pdf.brief import label, pdf_date
from briefing.pdf.graphics import chart_flowable, fit, logo_flowable
from briefing.pdf.text import (
    ELLIPSIS,
    TRAILING_CUT,
    CJKParagraph,
    cut_points,
    font_markup,
    glyph_report,
    para,
)

MIN_FONT_SIZE = 8.5  # nothing on the page is set smaller: the legible minimum for a printed A4 brief
MAX_TILES, MIN_TILES, TILE_COLUMNS = 6, 3, 3
MAX_BULLETS, MIN_BULLETS = 6, 3
PAGE_WIDTH, PAGE_HEIGHT = house.PAGE_SIZE
LEFT = house.MARGIN_LEFT
WIDTH = house.FRAME_WIDTH
BAND_HEIGHT = 30 * mm
CONTENT_TOP = PAGE_HEIGHT - BAND_HEIGHT - 6 * mm
FOOTER_RULE = 14 * mm
CONTENT_BOTTOM = FOOTER_RULE + 4 * mm
BLOCK_GAP = 4.5 * mm  # between the page's blocks (tiles, chart, bullets, sources)
TILE_GAP = 3 * mm
BULLET_GAP = 2.2 * mm
LOGO_HEIGHT = 10 * mm
LABEL_GAP = 2.5  # under a section label
CHART_MAX_ROWS = 5
CHART_MIN_ROWS = 2  # the page does not state every figure in a sentence, so two bars already inform


# ---------------------------------------------------------------- styles


@dataclass(frozen=True)
class PageStyles:
    """The one-pager's sizes, built on the house styles so colours and fonts stay those of the brief."""

    band_kicker: ParagraphStyle
    band_zh: ParagraphStyle
    band_en: ParagraphStyle
    band_side: ParagraphStyle
    label_zh: ParagraphStyle
    label_en: ParagraphStyle
    figure_zh: ParagraphStyle
    figure_en: ParagraphStyle
    indicator_zh: ParagraphStyle
    indicator_en: ParagraphStyle
    change_zh: ParagraphStyle
    change_en: ParagraphStyle
    bullet_zh: ParagraphStyle
    bullet_en: ParagraphStyle
    sources: ParagraphStyle
    footer: ParagraphStyle


def _derive(name: str, parent: ParagraphStyle, size: float, leading: float, **kw) -> ParagraphStyle:
    return ParagraphStyle(name, parent=parent, fontSize=size, leading=size * leading, **kw)


@cache
def page_styles() -> PageStyles:
    s = house.styles()
    white = colors.white
    return PageStyles(
        band_kicker=_derive("op_kicker", s.body_en, 8.5, 1.2, textColor=house.ACCENT_LIGHT),
        band_zh=_derive("op_band_zh", s.title_zh, 22, 1.25, textColor=white),
        band_en=_derive("op_band_en", s.title_en, 13, 1.25, textColor=white, spaceBefore=0),
        band_side=_derive("op_band_side", s.body_en, 9, 1.3, textColor=white, alignment=TA_RIGHT),
        label_zh=_derive("op_label_zh", s.h2_zh, 10, 1.3, textColor=house.ACCENT, spaceBefore=0),
        label_en=_derive("op_label_en", s.h2_en, 8.5, 1.3, spaceAfter=0),
        figure_zh=_derive("op_figure_zh", s.title_zh, 17, 1.2),
        figure_en=_derive("op_figure_en", s.cell_num, 8.5, 1.3, textColor=house.MUTED, alignment=TA_LEFT),
        indicator_zh=_derive("op_indicator_zh", s.body_zh, 9.5, 1.35, alignment=TA_LEFT),
        indicator_en=_derive("op_indicator_en", s.body_en, 8.5, 1.25, textColor=house.MUTED),
        change_zh=_derive("op_change_zh", s.body_zh, 8.5, 1.35, alignment=TA_LEFT),
        change_en=_derive("op_change_en", s.body_en, 8.5, 1.25),
        bullet_zh=_derive("op_bullet_zh", s.body_zh, 9.5, 1.5),
        bullet_en=_derive("op_bullet_en", s.body_en, 8.5, 1.3),
        sources=_derive("op_sources", s.body_zh, 8.5, 1.45, textColor=house.MUTED, alignment=TA_LEFT),
        footer=_derive("op_footer", s.body_en, 8.5, 1.2, textColor=house.FAINT),
    )


def _with(style: ParagraphStyle, **changes) -> ParagraphStyle:
    return ParagraphStyle(f"{style.name}+", parent=style, **changes)


# ---------------------------------------------------------------- clipping


def fitted(text: str, style: ParagraphStyle, width: float, max_lines: int, lang: str) -> Flowable:
    """`text` in `style`, wrapped at `width`; cut with an ellipsis where it would exceed `max_lines`."""
    limit = max_lines * style.leading + 0.5

    def fits(candidate: str) -> Flowable | None:
        flowable = para(candidate, style, lang=lang)
        return flowable if flowable.wrap(width, 10_000)[1] <= limit else None

    whole = fits(text)
    if whole is not None:
        return whole
    points = cut_points(text, lang)
    best: Flowable | None = None
    low, high = 0, len(points) - 1
    while low <= high:  # the longest prefix that still fits, in log(n) measurements
        middle = (low + high) // 2
        candidate = fits(text[: points[middle]].rstrip(TRAILING_CUT) + ELLIPSIS)
        if candidate is not None:
            best, low = candidate, middle + 1
        else:
            high = middle - 1
    return best or para(ELLIPSIS, style, lang=lang)


# ---------------------------------------------------------------- blocks


class Stack(Flowable):
    """Flowables one under another, drawn as one block: a key-figure tile or a bullet.

    `fill_height` lets a row stretch its shorter tiles so the tile backgrounds line up.
    """

    def __init__(
        self,
        parts: Sequence[Flowable],
        *,
        gap: float = 0,
        padding: tuple[float, float, float, float] = (0, 0, 0, 0),  # top, right, bottom, left
        background: colors.Color | None = None,
        bar: colors.Color | None = None,
        marker: colors.Color | None = None,
    ):
        super().__init__()
        self.parts = list(parts)
        self.gap = gap
        self.padding = padding
        self.background = background
        self.bar = bar
        self.marker = marker
        self.fill_height = 0.0
        self._heights: list[float] = []

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        if self._heights and avail_width == self.width:  # fitting asks often; the parts' lines are set
            return self.width, self.height
        top, right, bottom, left = self.padding
        inner = avail_width - left - right
        self._heights = [part.wrap(inner, 10_000)[1] for part in self.parts]
        self.width = avail_width
        self.height = top + bottom + sum(self._heights) + self.gap * max(len(self.parts) - 1, 0)
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        height = max(self.height, self.fill_height)
        top, _right, _bottom, left = self.padding
        if self.background is not None:
            canvas.setFillColor(self.background)
            canvas.rect(0, 0, self.width, height, stroke=0, fill=1)
        if self.bar is not None:
            canvas.setFillColor(self.bar)
            canvas.rect(0, 0, 2.2, height, stroke=0, fill=1)
        y = height - top
        if self.marker is not None and self.parts:
            first_line = getattr(getattr(self.parts[0], "style", None), "leading", 12)
            canvas.setFillColor(self.marker)
            canvas.rect(left - 8, y - first_line * 0.62, 3.2, 3.2, stroke=0, fill=1)
        for part, part_height in zip(self.parts, self._heights, strict=True):
            part.drawOn(canvas, left, y - part_height)
            y -= part_height + self.gap


class TileRow(Flowable):
    """Key-figure tiles side by side at equal widths, stretched to the tallest one."""

    def __init__(self, tiles: Sequence[Stack], columns: int = TILE_COLUMNS, gap: float = TILE_GAP):
        super().__init__()
        self.tiles = list(tiles)
        self.columns = columns
        self.gap = gap

    def tile_width(self, avail_width: float) -> float:
        return (avail_width - self.gap * (self.columns - 1)) / self.columns

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        width = self.tile_width(avail_width)
        self.width = avail_width
        self.height = max((tile.wrap(width, avail_height)[1] for tile in self.tiles), default=0)
        for tile in self.tiles:
            tile.fill_height = self.height
        return self.width, self.height

    def draw(self) -> None:
        width = self.tile_width(self.width)
        for index, tile in enumerate(self.tiles):
            tile.drawOn(self.canv, index * (width + self.gap), 0)


def bilingual_markup(
    zh: str,
    en: str,
    *,
    separator: str = " ",
    en_size: float | None = None,
    en_colour: colors.Color | None = None,
) -> str:
    """Escaped markup of a Chinese and an English part for one paragraph, whatever its style's font: the
    Chinese in Noto Sans SC, the English in Noto Sans (the CJK font's Latin punctuation is full-width),
    each part falling back run by run to the other family for glyphs it lacks."""
    size = f' size="{en_size}"' if en_size else ""
    colour = f' color="{en_colour.hexval()}"' if en_colour is not None else ""
    english = (
        f'<font face="{fonts.LATIN.regular}"{size}{colour}>{font_markup(en, fonts.LATIN.regular)}</font>'
    )
    chinese = escaped_zh(zh) if zh else ""
    return chinese + escape(separator) + english


def section_label(words: Bilingual) -> Flowable:
    """A small bilingual heading: the Chinese in the accent colour, the English after it, muted."""
    ps = page_styles()
    zh = f'<font face="{ps.label_zh.fontName}">{font_markup(words.zh, ps.label_zh.fontName)}</font>'
    en = bilingual_markup("", words.en, en_size=ps.label_en.fontSize, en_colour=ps.label_en.textColor)
    return CJKParagraph(zh + "&nbsp;&nbsp;" + en, ps.label_zh)


def direction_of(brief: ThemeBrief, figure: KeyFigure) -> str | None:
    for fact in brief.facts:
        if fact.id == figure.fact_id:
            return fact.direction
    return None


def figure_paragraph(text: str, width: float) -> Flowable:
    """The tile's big number: the largest size down to 12 pt that holds it on one line, else two lines."""
    base = page_styles().figure_zh
    for size in (17, 15.5, 14, 12.5):
        style = _with(base, fontSize=size, leading=size * 1.2)
        flowable = para(text, style, lang="zh")
        if flowable.wrap(width, 10_000)[1] <= style.leading + 0.5:
            return flowable
    return fitted(text, style, width, 2, "zh")


def kpi_tile(figure: KeyFigure, width: float, direction: str | None) -> Stack:
    ps = page_styles()
    padding = (6, 6, 7, 9)
    inner = width - padding[1] - padding[3]
    change_colour = house.MUTED  # a period alone is a note; a change takes the colour of its direction
    if figure.change:
        change_colour = house.DOWN if direction == "down" else house.ACCENT
    change_zh = " · ".join(x for x in (figure.change.zh if figure.change else "", figure.period.zh) if x)
    change_en = " · ".join(x for x in (figure.change.en if figure.change else "", figure.period.en) if x)
    value_en = figure.value.en if figure.value.en != figure.value.zh else ""  # "9%" once is enough
    lines = [  # (text, style, most lines, language); a label the compose stage left empty takes no room
        (value_en, ps.figure_en, 2, "en"),
        (figure.indicator.zh, ps.indicator_zh, 2, "zh"),
        (figure.indicator.en, ps.indicator_en, 2, "en"),
        (change_zh, _with(ps.change_zh, textColor=change_colour), 1, "zh"),
        (change_en, _with(ps.change_en, textColor=change_colour), 2, "en"),
    ]
    parts = [figure_paragraph(figure.value.zh, inner)]
    parts += [fitted(text, style, inner, most, lang) for text, style, most, lang in lines if text.strip()]
    return Stack(parts, gap=1.2, padding=padding, background=house.PANEL, bar=house.ACCENT)


def bullet_block(sentence: BriefSentence, width: float) -> Stack:
    ps = page_styles()
    indent = 11
    inner = width - indent
    parts = [fitted(sentence.zh, ps.bullet_zh, inner, 3, "zh")]
    if sentence.en.strip():
        parts.append(fitted(sentence.en, ps.bullet_en, inner, 3, "en"))
    return Stack(parts, gap=1, padding=(0, 0, 0, indent), marker=house.ACCENT)


_LATIN_LETTER = re.compile(r"[A-Za-z]")


def escaped_zh(text: str) -> str:
    return f'<font face="{fonts.CJK.regular}">{font_markup(text, fonts.CJK.regular)}</font>'


def sources_paragraph(sources: Sequence[Bilingual], width: float, max_lines: int = 4) -> Flowable:
    """Every document with its date, in both languages, as many whole entries as fit in `max_lines`,
    then how many more there are: a reader is never left thinking the list is complete when it is not."""
    style = page_styles().sources
    title, more = label("sources"), label("more_sources")
    head = bilingual_markup(title.zh, title.en) + escape("：")
    entries = [
        bilingual_markup(s.zh, s.en, separator=" / ") if _LATIN_LETTER.search(s.en) else escaped_zh(s.zh)
        for s in sources
    ]  # an English name without a Latin letter is the Chinese title left untranslated: said once

    def paragraph(count: int) -> Flowable:
        rest = len(entries) - count
        counted = bilingual_markup(more.zh.format(n=rest), more.en.format(n=rest), separator=" / ")
        tail = [counted] if rest else []
        return CJKParagraph(head + escape("；").join(entries[:count] + tail), style)

    limit = max_lines * style.leading + 0.5
    low, high, best = 1, len(entries), 0
    while low <= high:  # the most whole entries that fit
        middle = (low + high) // 2
        if paragraph(middle).wrap(width, 10_000)[1] <= limit:
            best, low = middle, middle + 1
        else:
            high = middle - 1
    if best or not entries:
        return paragraph(best)
    only = f"{title.zh} {title.en}：{sources[0].zh}"  # one title longer than the whole budget
    return fitted(only, style, width, max_lines, "zh")


# ---------------------------------------------------------------- layout


@dataclass
class Layout:
    """What the page shows after fitting, and the flowables to draw, top to bottom."""

    tiles: list[KeyFigure]
    bullets: list[BriefSentence]
    chart_height: float  # 0 when the chart was dropped or there is none
    blocks: list[tuple[Flowable, float]] = field(default_factory=list)  # (flowable, height), in order


def _measure(flowable: Flowable) -> float:
    return flowable.wrap(WIDTH, 10_000)[1]


def _tile_rows(tiles: Sequence[Stack]) -> list[TileRow]:
    return [TileRow(tiles[i : i + TILE_COLUMNS]) for i in range(0, len(tiles), TILE_COLUMNS)]


@dataclass(frozen=True)
class ChartSlot:
    """The theme chart as the page places it: WIDTH wide, at the chart's own height for its rows (a
    squeezed chart overlaps its two-line labels, so its height is not negotiable; rows are)."""

    draw: Callable[[], Flowable]
    height: float


def chart_slot(brief: ThemeBrief) -> ChartSlot | None:
    """The chart of the theme's best facts, its text scaled up to at least MIN_FONT_SIZE.

    The chart module sizes its labels for the full brief (down to SMALLEST_TEXT_SIZE); here it is
    rendered at a proportionally smaller design width and scaled up, so its smallest label prints at
    the minimum. At most CHART_MAX_ROWS rows, the leading indicators of a busy theme. Figures the
    page's tiles and bullets state come first: their labels were good enough to write a sentence
    with, and each bar then has its sentence; the theme's other facts only when those give no chart.
    """
    stated = {k.fact_id for k in brief.kpis} | {i for b in brief.bullets for i in b.facts}
    chart = None
    for facts in ([f for f in brief.facts if f.id in stated], brief.facts):
        chart = chart or theme_chart(
            facts, title=brief.title, max_rows=CHART_MAX_ROWS, min_level_rows=CHART_MIN_ROWS
        )
    if chart is None:
        return None
    scale = max(1.0, MIN_FONT_SIZE / charts.SMALLEST_TEXT_SIZE)
    design_width = WIDTH / scale
    height = charts.natural_height(chart, design_width) * scale
    return ChartSlot(lambda: fit(chart_flowable(chart, design_width), WIDTH, height), height)


def plan_layout(brief: ThemeBrief, chart: ChartSlot | None) -> Layout:
    """Choose what fits on the page, least salient out first, by measuring every block at its width."""
    tile_width = TileRow([]).tile_width(WIDTH)
    tiles = [kpi_tile(k, tile_width, direction_of(brief, k)) for k in brief.kpis[:MAX_TILES]]
    bullets = [bullet_block(b, WIDTH) for b in brief.bullets[:MAX_BULLETS]]
    sources = sources_paragraph(brief.sources, WIDTH) if brief.sources else None
    figures_label, bullets_label = section_label(label("key_figures")), section_label(label("highlights"))
    label_height = _measure(figures_label)
    bullet_heights = [_measure(b) for b in bullets]
    sources_height = _measure(sources) if sources else 0.0
    available = CONTENT_TOP - CONTENT_BOTTOM

    def tiles_height(count: int) -> float:
        rows = _tile_rows(tiles[:count])
        return sum(_measure(r) for r in rows) + TILE_GAP * max(len(rows) - 1, 0)

    def fixed_height(n_tiles: int, n_bullets: int) -> float:
        """Everything but the chart, with the gaps between blocks."""
        height = sources_height
        if n_tiles:
            height += label_height + LABEL_GAP + tiles_height(n_tiles) + BLOCK_GAP
        if n_bullets:
            height += label_height + LABEL_GAP + sum(bullet_heights[:n_bullets])
            height += BULLET_GAP * (n_bullets - 1) + BLOCK_GAP
        return height

    def fits(n_tiles: int, n_bullets: int, with_chart: bool) -> bool:
        chart_height = chart.height + BLOCK_GAP if chart and with_chart else 0
        return fixed_height(n_tiles, n_bullets) + chart_height <= available

    n_tiles, n_bullets = len(tiles), len(bullets)
    with_chart = chart is not None
    while not fits(n_tiles, n_bullets, with_chart):
        if n_bullets > MIN_BULLETS:
            n_bullets -= 1
        elif n_tiles > MIN_TILES:
            n_tiles -= 1
        elif with_chart:
            with_chart = False
        elif n_bullets > 1:
            n_bullets -= 1
        else:  # cannot happen: every block is bounded; kept so a layout bug fails loudly, not silently
            raise RuntimeError(f"one-pager for {brief.theme!r} does not fit even at its minimum")

    # Dropping a tile row or the chart can free more room than was missing: give it back to bullets,
    # best first, since nothing more salient is displaced by them any more.
    while n_bullets < len(bullets) and fits(n_tiles, n_bullets + 1, with_chart):
        n_bullets += 1
    chart_height = chart.height if chart and with_chart else 0.0
    layout = Layout(brief.kpis[:n_tiles], brief.bullets[:n_bullets], chart_height)
    if n_tiles:
        layout.blocks.append((figures_label, label_height + LABEL_GAP))
        for row in _tile_rows(tiles[:n_tiles]):
            layout.blocks.append((row, _measure(row) + TILE_GAP))
        layout.blocks[-1] = (layout.blocks[-1][0], layout.blocks[-1][1] - TILE_GAP + BLOCK_GAP)
    if chart is not None and chart_height:
        layout.blocks.append((chart.draw(), chart_height + BLOCK_GAP))
    if n_bullets:
        layout.blocks.append((bullets_label, label_height + LABEL_GAP))
        for bullet, height in zip(bullets[:n_bullets], bullet_heights, strict=False):
            layout.blocks.append((bullet, height + BULLET_GAP))
        layout.blocks[-1] = (layout.blocks[-1][0], layout.blocks[-1][1] - BULLET_GAP + BLOCK_GAP)
    if sources is not None:  # right under the bullets: spare room goes to the foot of the page
        layout.blocks.append((sources, sources_height))
    return layout


# ---------------------------------------------------------------- drawing


def _draw_band(canvas: Canvas, brief: ThemeBrief, organisation: str, logo: Path | None) -> None:
    """Full-width accent band: kicker, theme name in Chinese and English; logo and organisation right."""
    ps = page_styles()
    canvas.setFillColor(house.ACCENT)
    canvas.rect(0, PAGE_HEIGHT - BAND_HEIGHT, PAGE_WIDTH, BAND_HEIGHT, stroke=0, fill=1)
    side_width = 150 if organisation or logo else 0
    title_width = WIDTH - side_width
    kicker = label("theme_brief")
    parts = [
        fitted(f"{kicker.zh} · {kicker.en}", ps.band_kicker, title_width, 1, "en"),
        fitted(brief.title.zh, ps.band_zh, title_width, 1, "zh"),
        fitted(brief.title.en, ps.band_en, title_width, 1, "en"),
    ]
    y = PAGE_HEIGHT - 6 * mm
    for part in parts:
        height = part.wrap(title_width, 10_000)[1]
        part.drawOn(canvas, LEFT, y - height)
        y -= height + 1
    right = LEFT + WIDTH
    top = PAGE_HEIGHT - 6 * mm
    if logo is not None:
        picture = logo_flowable(logo, side_width, LOGO_HEIGHT)
        width, height = picture.wrap(side_width, LOGO_HEIGHT)
        picture.drawOn(canvas, right - width, top - height)
        top -= height + 2
    if organisation:
        side = fitted(organisation, ps.band_side, side_width, 2, "zh")
        height = side.wrap(side_width, 10_000)[1]
        side.drawOn(canvas, right - side_width, top - height)


def _draw_footer(canvas: Canvas, generated: str, organisation: str) -> None:
    """A rule, the generation date on the left and the organisation (cut to one line) on the right."""
    style = page_styles().footer
    canvas.setStrokeColor(house.RULE)
    canvas.setLineWidth(0.5)
    canvas.line(LEFT, FOOTER_RULE, LEFT + WIDTH, FOOTER_RULE)
    words = label("generated")
    date = CJKParagraph(bilingual_markup(words.zh, f"{words.en}: {generated}"), style)
    date.wrap(WIDTH, 10_000)
    date_width = max(date.getActualLineWidths0()) + 12
    blocks: list[tuple[Flowable, float, float]] = [(date, LEFT, date_width)]
    if organisation:
        right = fitted(organisation, _with(style, alignment=TA_RIGHT), WIDTH - date_width, 1, "en")
        blocks.append((right, LEFT + date_width, WIDTH - date_width))
    for flowable, x, width in blocks:
        height = flowable.wrap(width, 10_000)[1]
        flowable.drawOn(canvas, x, FOOTER_RULE - 2 - height)


def draw_page(
    canvas: Canvas, brief: ThemeBrief, layout: Layout, organisation: str, logo: Path | None, generated: str
) -> None:
    """The band, the fitted blocks top down from CONTENT_TOP, and the footer."""
    _draw_band(canvas, brief, organisation, logo)
    y = CONTENT_TOP
    for flowable, advance in layout.blocks:
        height = flowable.wrap(WIDTH, 10_000)[1]
        flowable.drawOn(canvas, LEFT, y - height)
        y -= advance
    _draw_footer(canvas, generated, organisation)


# ---------------------------------------------------------------- entry point


def _branding_parts(branding) -> tuple[str, Path | None]:
    """Organisation name and logo path of a Branding-like object (duck-typed: any object with those)."""
    if branding is None:
        return "", None
    organisation = str(getattr(branding, "organisation", "") or "")
    logo = getattr(branding, "logo", None)
    logo_path = Path(logo) if logo else None
    return organisation, logo_path if logo_path and logo_path.is_file() else None


def write_theme_pdf(
    theme_brief: ThemeBrief, path: Path, *, branding=None, generated: str | None = None
) -> None:
    """Write the one-page brief of one theme to `path`: atomically, and byte-identical for equal input
    (ReportLab's invariant mode, PDF dates pinned to `generated`, default today or SOURCE_DATE_EPOCH).

    `branding` is anything with `organisation` and `logo` attributes (briefing.pdf.Branding).
    """
    fonts.register_reportlab_fonts()
    generated = generated or generation_date()
    organisation, logo = _branding_parts(branding)
    with glyph_report(Path(path).name):
        buffer = _typeset(theme_brief, organisation, logo, generated)
    atomic.write_bytes(Path(path), buffer.getvalue())


def _typeset(theme_brief: ThemeBrief, organisation: str, logo: Path | None, generated: str) -> io.BytesIO:
    layout = plan_layout(theme_brief, chart_slot(theme_brief))
    buffer = io.BytesIO()
    canvas = Canvas(
        buffer,
        pagesize=house.PAGE_SIZE,
        invariant=1,
        lang="zh-CN",
        initialFontName=fonts.LATIN.regular,  # type: ignore[arg-type]  # the stub says float: it is a name
    )  # the initial font is ReportLab's Helvetica otherwise: named in the PDF but never embedded
    canvas.setDateFormatter(pdf_date(generated))
    title, kicker = theme_brief.title, label("theme_brief")
    canvas.setTitle(f"{title.zh} {title.en} — {kicker.zh} {kicker.en}")
    canvas.setAuthor(organisation or "briefing")
    canvas.setSubject(f"{kicker.en}: {title.en}")
    canvas.setCreator("briefing")
    canvas.setKeywords(theme_brief.theme)
    draw_page(canvas, theme_brief, layout, organisation, logo, generated)
    canvas.showPage()
    canvas.save()
    return buffer
