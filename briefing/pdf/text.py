"""Source text to ReportLab paragraphs: escaping, font runs, glyph checks and Chinese line breaking.

Everything a brief prints comes from documents we do not control, so text is escaped before it meets
ReportLab's markup parser (a source saying `<b>R&D</b>` prints those characters). English is set in Noto
Sans with runs of Noto Sans SC for characters Latin lacks; a character no font has is an error, never a
silent box.

ReportLab's CJK wrapping (`cjkFragSplit`) only knows a short Japanese list of characters that may not start
a line, so Chinese commas, enumeration commas, closing quotes and book-title marks end up at the start of
lines, and its justification leaves Chinese lines ragged because it only stretches spaces. `CJKParagraph`
replaces the line breaker with the Chinese rules (closing punctuation never starts a line, opening
brackets and quotes never end one, Latin words and numbers stay whole, citation marks stay with their
sentence) and stretches justified lines through even character spacing.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Paragraph
from reportlab.platypus import paragraph as rl_paragraph
from reportlab.rl_config import _FUZZ

from briefing.pdf import fonts

# Characters that may not start a line (closing punctuation, enumeration and sentence marks, dashes and
# ellipses, units that follow a number) and that may not end one (opening brackets, quotes, currency).
NO_LINE_START = frozenset(
    "，。、；：？！）》」』】〕〗〙〛〉’”…‥—–～·•％‰℃°′″｝］＞〃々〞｠｡､,.;:?!)]}%"
) | frozenset(rl_paragraph.ALL_CANNOT_START)
NO_LINE_END = frozenset("（《「『【〔〖〘〚〈‘“［｛＜〝｟￥＄([{$£¥#@§")

CITE_COLOUR = "#2c5d93"


class MissingGlyphsError(ValueError):
    """Text holds characters none of the project's fonts can draw."""

    def __init__(self, chars: set[str], text: str) -> None:
        listed = ", ".join(f"{c!r} (U+{ord(c):04X})" for c in sorted(chars))
        excerpt = text if len(text) <= 40 else text[:40] + "…"
        super().__init__(f"no font covers {listed} in {excerpt!r}")
        self.chars = chars


# ---------------------------------------------------------------- markup


_FACE_PAIRS = {
    fonts.LATIN.regular: fonts.CJK.regular,
    fonts.LATIN.bold: fonts.CJK.bold,
    fonts.LATIN.italic: fonts.CJK.regular,
    fonts.LATIN.bold_italic: fonts.CJK.bold,
    fonts.CJK.regular: fonts.LATIN.regular,
    fonts.CJK.bold: fonts.LATIN.bold,
}


def check_glyphs(text: str, font_names: tuple[str, ...] = ("NotoSans", "NotoSansSC")) -> None:
    """Raise MissingGlyphsError when a character of `text` would print as a box."""
    missing = fonts.uncovered(text, font_names)
    if missing:
        raise MissingGlyphsError(missing, text)


def font_markup(text: str, font_name: str) -> str:
    """Escaped paragraph markup for `text` set in `font_name`, switching to the other family's face for
    characters the font lacks. Raises MissingGlyphsError when neither has a glyph."""
    fallback = _FACE_PAIRS.get(font_name, fonts.CJK.regular)
    check_glyphs(text, (font_name, fallback))
    parts = []
    for face, run in fonts.runs_by_font(text, font_name, fallback):
        escaped = escape(run)
        parts.append(escaped if face == font_name else f'<font face="{face}">{escaped}</font>')
    return "".join(parts)


def cite_markup(numbers: Sequence[int], *, superscript: bool = True) -> str:
    """Citation marks linking to the sources appendix (`cite_anchor`), superscript in running text."""
    marks = []
    for n in numbers:
        mark = f"<super>[{n}]</super>" if superscript else f"[{n}]"
        marks.append(f'<a href="#{cite_anchor(n)}" color="{CITE_COLOUR}">{mark}</a>')
    return "".join(marks)


def cite_anchor(number: int) -> str:
    return f"cite-{number}"


def para(
    text: str,
    style: ParagraphStyle,
    *,
    lang: str = "zh",
    cites: Sequence[int] = (),
    anchor: str | None = None,
) -> Flowable:
    """A paragraph of plain (unescaped) `text`: Chinese (`lang="zh"`, Chinese line breaking) or English.

    `cites` appends linked citation marks; `anchor` makes the paragraph a link destination.
    """
    clean = " ".join(text.split())
    body = font_markup(clean, style.fontName) + cite_markup(cites)
    if anchor:
        body = f'<a name="{escape(anchor)}"/>' + body
    if lang == "zh":
        return CJKParagraph(body, style)
    return Paragraph(body, style)


def draw_string(
    canvas, x: float, y: float, text: str, font_name: str, size: float, *, align: str = "left"
) -> float:
    """Draw one line of plain text on a canvas (headers, footers) with the same font fallback and glyph
    check as paragraphs; `align` is left, right or centre about `x`. Returns the width drawn."""
    fallback = _FACE_PAIRS.get(font_name, fonts.CJK.regular)
    check_glyphs(text, (font_name, fallback))
    runs = fonts.runs_by_font(text, font_name, fallback)
    width = sum(canvas.stringWidth(run, face, size) for face, run in runs)
    if align == "right":
        x -= width
    elif align == "centre":
        x -= width / 2
    for face, run in runs:
        canvas.setFont(face, size)
        canvas.drawString(x, y, run)
        x += canvas.stringWidth(run, face, size)
    return width


# ---------------------------------------------------------------- cutting text short


ELLIPSIS = "…"
# A number with the unit or scale word that belongs to it: a cut inside would change the figure read.
NUMBER_RUN = re.compile(
    r"\d(?:[\d.]|,(?=\d))*"
    r"(?:%|‰|万亿|亿|万|千|百|个百分点|倍|"
    r"\s?(?:per ?cent|percentage points?|trillion|billion|million|thousand)\b)?"
)
# Characters a cut text does not end on before its ellipsis.
TRAILING_CUT = " \t,，、;；:：(（“\"'‘-–—/"


def cut_points(text: str, lang: str) -> list[int]:
    """Where `text` may be cut: word boundaries in English, any character in Chinese, never in a number."""
    inside = set()
    for match in NUMBER_RUN.finditer(text):
        inside.update(range(match.start() + 1, match.end()))
    points = [i for i in range(1, len(text)) if i not in inside]
    if lang == "en":
        words = [i for i in points if text[i].isspace()]
        points = words or points  # one unbroken token: any character is better than nothing
    return points


# ---------------------------------------------------------------- Chinese line breaking


def _is_wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in "WF"


def _may_break_before(units: Sequence[str], i: int) -> bool:
    """Whether a line may end between units[i-1] and units[i] (each a one-character `cjkU`)."""
    before, after = units[i - 1], units[i]
    if not before or not after:  # zero-width anchors and callbacks stay with their neighbours
        return False
    if getattr(after.frag, "rise", 0) > 0:  # a superscript citation mark stays with its sentence
        return False
    if after.isspace():
        return False
    if before.isspace():
        return True
    if after in NO_LINE_START or before in NO_LINE_END:
        return False
    # Latin words and numbers (2025, 5.2%, R&D, PM2.5) are never cut between two narrow characters.
    return _is_wide(before) or _is_wide(after)


def _visible_end(units: Sequence[str], start: int, end: int) -> int:
    while end > start and units[end - 1].isspace():
        end -= 1
    return end


def _make_line(units, start, end, max_width, line_break, calc_bounds, justify):
    visible = _visible_end(units, start, end)
    width = sum(u.width for u in units[start:visible])
    extra = max_width - width
    line = rl_paragraph.makeCJKParaLine(units[start:end], max_width, width, extra, line_break, calc_bounds)
    glyphs = sum(1 for u in units[start:visible] if u)
    if justify and not line_break and glyphs > 1 and extra > 0:
        line.char_space = extra / (glyphs - 1)
    return line


def _content_chars(units: Sequence[str]) -> int:
    """Characters a reader counts on a line: not spaces, punctuation or superscript citation marks."""
    return sum(
        1
        for u in units
        if u
        and not u.isspace()
        and u not in NO_LINE_START
        and u not in NO_LINE_END
        and getattr(u.frag, "rise", 0) <= 0
    )


def _break_points(units: Sequence[str], max_widths: Sequence[float]) -> list[tuple[int, int, bool]]:
    """(start, end, forced) of each line: greedy, ending each line at its last legal break."""
    lines: list[tuple[int, int, bool]] = []
    start, count = 0, len(units)
    while start < count:
        max_width = max_widths[min(len(lines), len(max_widths) - 1)]
        width, i, best = 0.0, start, None
        while i < count:
            unit = units[i]
            if i > start and _may_break_before(units, i):
                best = i
            if hasattr(unit.frag, "lineBreak"):
                i += 1
                break
            if width + unit.width > max_width + _FUZZ and i > start and not unit.isspace():
                break
            width += unit.width
            i += 1
        else:
            lines.append((start, count, False))
            break
        if hasattr(units[i - 1].frag, "lineBreak"):
            lines.append((start, i, True))
            start = i
            continue
        end = best if best is not None else i  # no legal break on the line: cut where it overflows
        lines.append((start, end, False))
        start = end
        while start < count and units[start].isspace():
            start += 1
    return lines


def _avoid_lone_last_character(units: Sequence[str], lines: list[tuple[int, int, bool]]) -> None:
    """Bring a second character down when the last line would hold a single one (告 / 元。)."""
    if len(lines) < 2 or lines[-2][2]:
        return
    (prev_start, prev_end, _), (last_start, last_end, forced) = lines[-2], lines[-1]
    if _content_chars(units[last_start:last_end]) != 1:
        return
    for cut in range(prev_end - 1, prev_start + 1, -1):
        if _may_break_before(units, cut) and _content_chars(units[cut:last_end]) >= 2:
            if _content_chars(units[prev_start:cut]) < 4:
                return
            lines[-2:] = [(prev_start, cut, False), (cut, last_end, forced)]
            return


def split_cjk_lines(frags, max_widths: Sequence[float], calc_bounds: bool, justify: bool):
    """Break `frags` into lines of at most `max_widths[n]` by the Chinese line-breaking rules."""
    units = []
    for frag in frags:
        text = frag.text
        if text:
            units.extend(rl_paragraph.cjkU(char, frag, "utf8") for char in text)
        else:
            units.append(rl_paragraph.cjkU(text, frag, "utf8"))
    points = _break_points(units, max_widths)
    _avoid_lone_last_character(units, points)
    lines = []
    for n, (start, end, forced) in enumerate(points):
        max_width = max_widths[min(n, len(max_widths) - 1)]
        last = n == len(points) - 1
        lines.append(_make_line(units, start, end, max_width, forced, calc_bounds, justify and not last))
    return rl_paragraph.ParaLines(kind=1, lines=lines)


class CJKParagraph(Paragraph):
    """A Paragraph that wraps by the Chinese rules and justifies by spacing characters evenly."""

    def breakLinesCJK(self, maxWidths):
        if not isinstance(maxWidths, list | tuple):
            maxWidths = [maxWidths]
        if hasattr(self, "blPara") and getattr(self, "_splitpara", 0):
            return self.blPara
        self.height = 0
        style = self.style
        auto_leading = getattr(self, "autoLeading", getattr(style, "autoLeading", ""))
        justify = style.alignment == rl_paragraph.TA_JUSTIFY
        return split_cjk_lines(self.frags, maxWidths, auto_leading not in ("", "off"), justify)

    breakLines = breakLinesCJK


def _install_char_space_justification() -> None:
    """Let ReportLab's justified-line drawer apply a line's `char_space` (PDF Tc) while drawing it.

    ReportLab stretches justified lines only through word spacing, which Chinese lines do not have; the
    lines `split_cjk_lines` justifies carry the character spacing that fills them instead. Lines without
    the attribute (every other paragraph) are drawn exactly as before.
    """
    original = rl_paragraph._justifyDrawParaLineX
    if getattr(original, "_briefing_char_space", False):
        return

    def draw(tx, offset, line, last=0):
        char_space = 0 if last else getattr(line, "char_space", 0)
        if char_space:
            tx.setCharSpace(char_space)
        try:
            return original(tx, offset, line, last)
        finally:
            if char_space:
                tx.setCharSpace(0)

    draw._briefing_char_space = True
    rl_paragraph._justifyDrawParaLineX = draw


_install_char_space_justification()
