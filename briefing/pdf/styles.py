"""Paragraph styles, colours and sizes shared by the full brief and the one-pagers.

One restrained palette (ink, a single navy accent, greys) so every page of every brief looks like it came
from the same research desk. Chinese styles wrap with the CJK rules of `briefing.pdf.text`; English ones
wrap on spaces and stay ragged-right, because justified English in narrow columns opens rivers.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from reportlab.lib import colors
from reportlab.lib.enums import TA_JUSTIFY, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import TableStyle

from briefing import fonts, palette

PAGE_SIZE = A4
MARGIN_LEFT = MARGIN_RIGHT = 18 * mm
MARGIN_TOP = 22 * mm
MARGIN_BOTTOM = 18 * mm
FRAME_WIDTH = PAGE_SIZE[0] - MARGIN_LEFT - MARGIN_RIGHT

INK = colors.HexColor(palette.INK)
MUTED = colors.HexColor(palette.MUTED)
FAINT = colors.HexColor(palette.FAINT)
ACCENT = colors.HexColor(palette.ACCENT)
ACCENT_LIGHT = colors.HexColor(palette.ACCENT_LIGHT)
DOWN = colors.HexColor(palette.DOWN)
RULE = colors.HexColor(palette.RULE)
PANEL = colors.HexColor(palette.PANEL)
LINK = colors.HexColor(palette.LINK)


@dataclass(frozen=True)
class Styles:
    """Every paragraph style the layouts use; `_zh` styles set Chinese, `_en` styles English."""

    title_zh: ParagraphStyle
    title_en: ParagraphStyle
    meta: ParagraphStyle
    h1_zh: ParagraphStyle
    h1_en: ParagraphStyle
    h2_zh: ParagraphStyle
    h2_en: ParagraphStyle
    body_zh: ParagraphStyle
    body_en: ParagraphStyle
    lead_zh: ParagraphStyle
    lead_en: ParagraphStyle
    cell_zh: ParagraphStyle
    cell_value_zh: ParagraphStyle
    cell_en: ParagraphStyle
    cell_num: ParagraphStyle
    cell_head: ParagraphStyle
    note: ParagraphStyle
    source_zh: ParagraphStyle
    source_meta: ParagraphStyle
    source_number: ParagraphStyle
    header: ParagraphStyle


def _zh(name: str, size: float, *, bold: bool = False, leading: float = 1.65, **kw) -> ParagraphStyle:
    kw.setdefault("alignment", TA_JUSTIFY)
    kw.setdefault("textColor", INK)
    kw.setdefault("fontName", fonts.CJK.bold if bold else fonts.CJK.regular)
    return ParagraphStyle(
        name,
        fontSize=size,
        leading=size * leading,
        wordWrap="CJK",
        **kw,
    )


def _en(name: str, size: float, *, bold: bool = False, leading: float = 1.4, **kw) -> ParagraphStyle:
    kw.setdefault("alignment", TA_LEFT)
    kw.setdefault("textColor", INK)
    kw.setdefault("fontName", fonts.LATIN.bold if bold else fonts.LATIN.regular)
    return ParagraphStyle(
        name,
        fontSize=size,
        leading=size * leading,
        **kw,
    )


@cache
def styles() -> Styles:
    """The house styles (fonts registered on first use)."""
    fonts.register_reportlab_fonts()
    return Styles(
        title_zh=_zh("title_zh", 17, bold=True, leading=1.4, alignment=TA_LEFT, textColor=ACCENT),
        title_en=_en("title_en", 12.5, leading=1.3, textColor=ACCENT, spaceBefore=2),
        meta=_en("meta", 8, textColor=MUTED, leading=1.45),
        h1_zh=_zh(
            "h1_zh", 12.5, bold=True, leading=1.35, alignment=TA_LEFT, textColor=ACCENT, spaceBefore=14
        ),
        h1_en=_en("h1_en", 10, leading=1.3, textColor=MUTED, spaceAfter=6),
        h2_zh=_zh("h2_zh", 10, bold=True, leading=1.4, alignment=TA_LEFT, textColor=INK, spaceBefore=8),
        h2_en=_en("h2_en", 8.5, leading=1.3, textColor=MUTED, spaceAfter=3),
        body_zh=_zh("body_zh", 9.5),
        body_en=_en("body_en", 8.8, textColor=colors.HexColor("#2a3038")),
        lead_zh=_zh("lead_zh", 10.5, leading=1.7),
        lead_en=_en("lead_en", 9.5, leading=1.45, textColor=colors.HexColor("#2a3038")),
        cell_zh=_zh("cell_zh", 8.2, leading=1.4, alignment=TA_LEFT),
        cell_value_zh=_zh("cell_value_zh", 8.6, bold=True, leading=1.35, alignment=TA_LEFT),
        cell_en=_en("cell_en", 7.4, leading=1.3, textColor=MUTED),
        cell_num=_en("cell_num", 8.6, bold=True, leading=1.3, alignment=TA_RIGHT),
        cell_head=_en("cell_head", 7.4, bold=True, leading=1.3, textColor=ACCENT),
        note=_en("note", 7.6, leading=1.35, textColor=FAINT, fontName=fonts.LATIN.italic, spaceBefore=2),
        source_zh=_zh("source_zh", 7.6, leading=1.4, alignment=TA_LEFT),
        source_meta=_en("source_meta", 6.6, leading=1.3, textColor=MUTED),
        source_number=_en("source_number", 7, bold=True, leading=7.6 * 1.4 / 7, textColor=ACCENT),
        header=_en("header", 7.2, leading=1.2, textColor=MUTED),
    )


def table_style(commands: list[tuple]) -> TableStyle:
    """A TableStyle whose cells default to Noto Sans: ReportLab's tables otherwise select Helvetica for
    every cell (even cells holding paragraphs), which puts an unembedded standard font in the PDF."""
    return TableStyle([("FONTNAME", (0, 0), (-1, -1), fonts.LATIN.regular), *commands])
