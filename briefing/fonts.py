"""The project's fonts: Noto Sans SC (CJK, TrueType outlines, OFL) and Noto Sans (Latin, OFL), with two
fallbacks for characters neither has: the monochrome Noto Emoji (OFL) and BriefingExtB, the rare CJK
ideographs (Extension B and later: 𠀀, 𪚥) of the Hanazono Mincho font (OFL; see fonts/OFL-*.txt).

Chinese text is set in Noto Sans SC. English text is set in Noto Sans, because the CJK font's curly
quotes, dashes and ellipsis are full-width; characters Noto Sans lacks (Chinese names, ≥) fall back to
the CJK font run by run. Both are registered once per process for ReportLab and matplotlib. The fallback
fonts are registered with ReportLab only when a text needs them. A character no shipped font has prints
as MISSING_MARK, which the CJK font has (the fallback ideographs are 3,650 of Extension B–F's 60,000;
all of them would take 22 MB, as much as all the other fonts).
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import cast

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
RARE_HAN = "BriefingExtB"
_FALLBACK_FILES = {EMOJI: "NotoEmoji.ttf", RARE_HAN: "BriefingExtB.ttf"}
FALLBACKS = tuple(_FALLBACK_FILES)  # tried in this order for a character the text fonts lack
MISSING_MARK = "〓"  # the geta mark, Chinese and Japanese typesetting's sign for a character not to be had


def font_path(font_name: str) -> Path:
    return shipped_dir("fonts") / (_FILES.get(font_name) or _FALLBACK_FILES[font_name])


@cache
def register_fallback_font(font_name: str) -> None:
    """Register one fallback font with ReportLab (once per process, and only when a text needs it:
    parsing the emoji font costs a fifth of a second; see register_reportlab_fonts for the collector)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    with collector_paused():
        pdfmetrics.registerFont(TTFont(font_name, str(font_path(font_name))))


def fallback_for(char: str) -> str | None:
    """The first fallback font that has `char`, if any."""
    return next((font for font in FALLBACKS if covers(font, char)), None)


@cache
def register_reportlab_fonts() -> None:
    """Register every face and both families with ReportLab (once per process).

    The cyclic garbage collector is paused while ReportLab parses the fonts: a CJK face's tables are
    some 120,000 small objects in no cycle, and while they are made the collector would scan the heap
    over and over (half of the 0.15 s the six faces took to parse)."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    with collector_paused():
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


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector (if it runs) while many objects that outlive the block are made."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


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
    from reportlab.pdfbase.ttfonts import TTFont

    if font_name in _FALLBACK_FILES:
        register_fallback_font(font_name)
    else:
        register_reportlab_fonts()
    return frozenset(cast(TTFont, pdfmetrics.getFont(font_name)).face.charToGlyph)  # all ours are TrueType


def covers(font_name: str, char: str) -> bool:
    return char.isspace() or ord(char) in _cmap(font_name)


def uncovered(text: str, font_names: tuple[str, ...] = ("NotoSans", "NotoSansSC")) -> set[str]:
    """Characters of `text` that none of `font_names` can draw (they would print as boxes)."""
    return {c for c in set(text) if not any(covers(f, c) for f in font_names)}


def runs_by_font(text: str, primary: str, fallback: str) -> list[tuple[str, str]]:
    """Split `text` into (font name, run) pieces: `primary` where it has the glyph, else `fallback`, else
    the first of FALLBACKS that has it."""
    runs: list[tuple[str, str]] = []
    for char in text:
        if covers(primary, char):
            font = primary
        elif covers(fallback, char):
            font = fallback
        else:
            font = fallback_for(char) or fallback
        if runs and runs[-1][0] == font:
            runs[-1] = (font, runs[-1][1] + char)
        else:
            runs.append((font, char))
    return runs


class MissingGlyphsError(ValueError):
    """Text holds characters none of the project's fonts can draw."""

    def __init__(self, chars: set[str], text: str) -> None:
        listed = ", ".join(f"{c!r} (U+{ord(c):04X})" for c in sorted(chars))
        excerpt = text if len(text) <= 40 else text[:40] + "…"
        super().__init__(f"no font covers {listed} in {excerpt!r}")
        self.chars = chars


def check_glyphs(text: str, font_names: tuple[str, ...] = ("NotoSans", "NotoSansSC")) -> None:
    """Raise MissingGlyphsError when a character of `text` would print as a box."""
    missing = uncovered(text, font_names)
    if missing:
        raise MissingGlyphsError(missing, text)
