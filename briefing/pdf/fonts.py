"""The project's fonts: Noto Sans SC (CJK, TrueType outlines, OFL) and Noto Sans (Latin, OFL), with the
monochrome Noto Emoji (OFL) as a last resort.

Chinese text is set in Noto Sans SC. English text is set in Noto Sans, because the CJK font's curly
quotes, dashes and ellipsis are full-width; characters Noto Sans lacks (Chinese names, ≥) fall back to
the CJK font run by run. Both are registered once per process for ReportLab and matplotlib. Emoji, which
neither has, are drawn in Noto Emoji, registered only when a text needs it. A character no shipped font
has (a CJK Extension B ideograph such as 𠀀: the one font that covers them is 22 MB, as much as all the
others) prints as MISSING_MARK, which the CJK font has.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from briefing.resources import shipped_dir


@dataclass(frozen=True)
class FontFamily:
    name: str  # ReportLab family name
    regular: str  # ReportLab font names of each face
    bold: str
    italic: str
    bold_italic: str


CJK = FontFamily("NotoSansSC", "NotoSansSC", "NotoSansSC-Bold", "NotoSansSC", "NotoSansSC-Bold")
LATIN = FontFamily("NotoSans", "NotoSans", "NotoSans-Bold", "NotoSans-Italic", "NotoSans-BoldItalic")

_FILES = {
    "NotoSansSC": "NotoSansSC-Regular.ttf",
    "NotoSansSC-Bold": "NotoSansSC-Bold.ttf",
    "NotoSans": "NotoSans-Regular.ttf",
    "NotoSans-Bold": "NotoSans-Bold.ttf",
    "NotoSans-Italic": "NotoSans-Italic.ttf",
    "NotoSans-BoldItalic": "NotoSans-BoldItalic.ttf",
}


EMOJI = "NotoEmoji"
_FALLBACK_FILES = {EMOJI: "NotoEmoji.ttf"}
MISSING_MARK = "〓"  # the geta mark, Chinese and Japanese typesetting's sign for a character not to be had


def font_path(font_name: str) -> Path:
    return shipped_dir("fonts") / (_FILES.get(font_name) or _FALLBACK_FILES[font_name])


@cache
def register_fallback_font() -> None:
    """Register the emoji font with ReportLab (once per process, and only when a text needs it: parsing
    it costs a fifth of a second)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont(EMOJI, str(font_path(EMOJI))))


@cache
def register_reportlab_fonts() -> None:
    """Register every face and both families with ReportLab (once per process)."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for name in _FILES:
        pdfmetrics.registerFont(TTFont(name, str(font_path(name))))
    for family in (CJK, LATIN):
        pdfmetrics.registerFontFamily(
            family.name,
            normal=family.regular,
            bold=family.bold,
            italic=family.italic,
            boldItalic=family.bold_italic,
        )
        addMapping(family.name, 0, 0, family.regular)
        addMapping(family.name, 1, 0, family.bold)
        addMapping(family.name, 0, 1, family.italic)
        addMapping(family.name, 1, 1, family.bold_italic)


@cache
def register_matplotlib_fonts() -> tuple[str, str]:
    """Add the shipped fonts to matplotlib; returns the (CJK, Latin) family names to use in rcParams."""
    from matplotlib import font_manager

    for name in _FILES:
        font_manager.fontManager.addfont(str(font_path(name)))
    cjk = font_manager.FontProperties(fname=str(font_path("NotoSansSC"))).get_name()
    latin = font_manager.FontProperties(fname=str(font_path("NotoSans"))).get_name()
    return cjk, latin


@cache
def _cmap(font_name: str) -> frozenset[int]:
    """The code points `font_name` has glyphs for, from the character map ReportLab already parsed when
    it registered the font (reading it again with fontTools cost a third of a second a run)."""
    from reportlab.pdfbase import pdfmetrics

    if font_name in _FALLBACK_FILES:
        register_fallback_font()
    else:
        register_reportlab_fonts()
    return frozenset(pdfmetrics.getFont(font_name).face.charToGlyph)


def covers(font_name: str, char: str) -> bool:
    return char.isspace() or ord(char) in _cmap(font_name)


def uncovered(text: str, font_names: tuple[str, ...] = ("NotoSans", "NotoSansSC")) -> set[str]:
    """Characters of `text` that none of `font_names` can draw (they would print as boxes)."""
    return {c for c in set(text) if not any(covers(f, c) for f in font_names)}


def runs_by_font(text: str, primary: str, fallback: str) -> list[tuple[str, str]]:
    """Split `text` into (font name, run) pieces: `primary` where it has the glyph, else `fallback`, else
    the emoji font where it has the glyph."""
    runs: list[tuple[str, str]] = []
    for char in text:
        if covers(primary, char):
            font = primary
        elif covers(fallback, char) or not covers(EMOJI, char):
            font = fallback
        else:
            font = EMOJI
        if runs and runs[-1][0] == font:
            runs[-1] = (font, runs[-1][1] + char)
        else:
            runs.append((font, char))
    return runs
