"""Source text to ReportLab paragraphs: escaping, font runs, glyph checks and Chinese line breaking.

Everything a brief prints comes from documents we do not control, so text is escaped before it meets
ReportLab's markup parser (a source saying `<b>R&D</b>` prints those characters). English is set in Noto
Sans with runs of Noto Sans SC for characters Latin lacks, emoji and rare ideographs in the fallback fonts;
a character no shipped font has prints as a visible mark (fonts.MISSING_MARK), never a silent box, and the
run is warned once per document (`glyph_report`).

ReportLab's CJK wrapping (`cjkFragSplit`) only knows a short Japanese list of characters that may not start
a line, so Chinese commas, enumeration commas, closing quotes and book-title marks end up at the start of
lines, and its justification leaves Chinese lines ragged because it only stretches spaces. `CJKParagraph`
replaces the line breaker with the Chinese rules (closing punctuation never starts a line, opening
brackets and quotes never end one, Latin words and numbers with their units stay whole, citation marks
stay with their sentence) and stretches justified lines by spacing Chinese characters only: digits, Latin
words and a number's unit (1700余条, 97.37万公顷) are never spread.
"""

from __future__ import annotations

import logging
import re
import unicodedata
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_JUSTIFY
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.platypus import Flowable, Paragraph
from reportlab.platypus import paragraph as rl_paragraph
from reportlab.rl_config import _FUZZ

from briefing import fonts, palette

# Characters that may not start a line (closing punctuation, enumeration and sentence marks, dashes and
# ellipses, units that follow a number) and that may not end one (opening brackets, quotes, currency).
NO_LINE_START = frozenset(
    "，。、；：？！）》」』】〕〗〙〛〉’”…‥—–～·•％‰℃°′″｝］＞〃々〞｠｡､,.;:?!)]}%"
) | frozenset(rl_paragraph.ALL_CANNOT_START)  # type: ignore[attr-defined]  # not in typeshed's stubs
NO_LINE_END = frozenset("（《「『【〔〖〘〚〈‘“［｛＜〝｟￥＄([{$£¥#@§")

CITE_COLOUR = palette.LINK

log = logging.getLogger("briefing")


# ---------------------------------------------------------------- markup


_FACE_PAIRS = {
    fonts.LATIN.regular: fonts.CJK.regular,
    fonts.LATIN.bold: fonts.CJK.bold,
    fonts.LATIN.italic: fonts.CJK.regular,
    fonts.LATIN.bold_italic: fonts.CJK.bold,
    fonts.CJK.regular: fonts.LATIN.regular,
    fonts.CJK.bold: fonts.LATIN.bold,
}
_UNSEEN = ("Cc", "Cf")  # controls and format characters (zero-width spaces, joiners, BOM) show nothing
_MISSING: ContextVar[set[str] | None] = ContextVar("briefing_missing_glyphs", default=None)


def _invisible(char: str) -> bool:
    return unicodedata.category(char) in _UNSEEN or unicodedata.name(char, "").startswith(
        "VARIATION SELECTOR"
    )


def printable(
    text: str, font_names: tuple[str, ...] = ("NotoSans", "NotoSansSC"), *, fallbacks: bool = True
) -> str:
    """`text` as it can be printed: characters that show nothing (controls, emoji variation selectors)
    dropped, and every character no shipped font has (not `font_names`, nor a fallback font unless
    `fallbacks` is False) replaced by fonts.MISSING_MARK and reported (see `glyph_report`). One odd
    character from a source or a translation model never costs the document."""
    missing = fonts.uncovered(text, font_names)
    if not missing:
        return text
    dropped = {c for c in missing if _invisible(c)}
    lost = {c for c in missing - dropped if not (fallbacks and fonts.fallback_for(c))}
    if lost:
        _report(lost)
    return "".join("" if c in dropped else fonts.MISSING_MARK if c in lost else c for c in text)


def _report(chars: set[str]) -> None:
    collected = _MISSING.get()
    if collected is None:  # outside a document's glyph_report: say so at once
        log.warning("briefing: no shipped font has %s; printed as %s", _listed(chars), fonts.MISSING_MARK)
    else:
        collected.update(chars)


def _listed(chars: set[str]) -> str:
    return ", ".join(f"{c} (U+{ord(c):04X})" for c in sorted(chars))


@contextmanager
def glyph_report(document: str) -> Iterator[None]:
    """While typesetting `document`, collect the characters printed as fonts.MISSING_MARK, then warn
    once naming them all."""
    collected: set[str] = set()
    token = _MISSING.set(collected)
    try:
        yield
    finally:
        _MISSING.reset(token)
    if collected:
        log.warning(
            "briefing: %s: no shipped font has %s; printed as %s",
            document,
            _listed(collected),
            fonts.MISSING_MARK,
        )


def font_markup(text: str, font_name: str) -> str:
    """Escaped paragraph markup for `text` set in `font_name`, switching to the other family's face for
    characters the font lacks, and to a fallback font for emoji and rare ideographs (characters no font
    has: `printable`)."""
    fallback = _FACE_PAIRS.get(font_name, fonts.CJK.regular)
    parts = []
    for face, run in fonts.runs_by_font(printable(text, (font_name, fallback)), font_name, fallback):
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
    """Draw one line of plain text on a canvas (headers, footers) with the same font fallback as
    paragraphs; `align` is left, right or centre about `x`. Returns the width drawn."""
    fallback = _FACE_PAIRS.get(font_name, fonts.CJK.regular)
    runs = fonts.runs_by_font(printable(text, (font_name, fallback)), font_name, fallback)
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


def least_width(text: str, font_name: str, size: float) -> float:
    """A lower bound of the width `text` takes when set in `font_name` (or its fallback face): the
    narrower face's width of each character that is not a space. Lets a caller rule out a text that
    cannot fit before laying it out."""
    faces = (font_name, _FACE_PAIRS.get(font_name, fonts.CJK.regular))
    key = (faces, size)
    table = _LEAST.setdefault(key, {})
    total = 0.0
    for char in text:
        width = table.get(char)
        if width is None:
            covered = [face for face in faces if fonts.covers(face, char)]
            # spaces may end a line; a character neither face has is drawn otherwise (emoji, the mark)
            width = table[char] = (
                0.0
                if char.isspace() or not covered
                else min(pdfmetrics.stringWidth(char, f, size) for f in covered)
            )
        total += width
    return total


# ---------------------------------------------------------------- cutting text short


ELLIPSIS = "…"
# Characters a cut text does not end on before its ellipsis.
TRAILING_CUT = " \t,，、;；:：(（“\"'‘-–—/"


def cut_points(text: str, lang: str) -> list[int]:
    """Where `text` may be cut: word boundaries in English, any character in Chinese, never in a number."""
    inside: set[int] = set()
    for match in _number_with_unit().finditer(text):
        inside.update(range(match.start() + 1, match.end()))
    points = [i for i in range(1, len(text)) if i not in inside]
    if lang == "en":
        words = [i for i in points if text[i].isspace()]
        points = words or points  # one unbroken token: any character is better than nothing
    return points


# ---------------------------------------------------------------- Chinese line breaking


def _is_wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in "WF"


_WIDTHS: dict[tuple[str, float], dict[str, float]] = {}
_WIDE: dict[str, bool] = {}
_LEAST: dict[tuple[tuple[str, str], float], dict[str, float]] = {}


def _widths(text: str, frag) -> list[float]:
    """ReportLab's width of each character of `frag`'s `text`, memoised per font and size (the same
    floats `stringWidth` gives, so lines break exactly where ReportLab's own measure says)."""
    if hasattr(frag, "cbDefn"):
        return [getattr(frag.cbDefn, "width", 0)] * max(1, len(text))
    table = _WIDTHS.setdefault((frag.fontName, frag.fontSize), {})
    out = []
    for char in text:
        width = table.get(char)
        if width is None:
            width = table[char] = pdfmetrics.stringWidth(char, frag.fontName, frag.fontSize)
        out.append(width)
    return out or [0]


def _wide(char: str) -> bool:
    wide = _WIDE.get(char)
    if wide is None:
        wide = _WIDE[char] = _is_wide(char)
    return wide


@cache
def _number_with_unit() -> re.Pattern[str]:
    """A number with the scale, approximation and measure words that belong to it (1700余条, 97.37万公顷,
    5.2%, 3-5家, 21.66 billion): one word, never spread by justification, split across lines or cut
    short inside, since any of these would change the figure read. The measure words and the
    approximations after a number (余, 多) are the extractor's (data/measure_words.toml)."""
    from briefing.facts.lexicon import measure_words

    number = r"\d(?:[\d.]|,(?=\d))*"
    english = r"\s?(?:per ?cent|percentage points?|trillion|billion|million|thousand)\b"
    words = measure_words()
    chinese = rf"[十百千万亿]*[{re.escape(words.rounding)}]?(?:{words.pattern})?(?:%|‰)?"
    return re.compile(rf"{number}(?:[-–~～]{number})?(?:{english}|{chinese})")


def _glued(text: str) -> list[bool]:
    """For each character of `text`, whether it continues a number-with-unit word begun before it."""
    inside = [False] * len(text)
    for match in _number_with_unit().finditer(text):
        for i in range(match.start() + 1, match.end()):
            inside[i] = True
    return inside


class _Units:
    """A paragraph's text one character a unit, with what line breaking asks of each unit, computed once
    per paragraph however often the paragraph is wrapped (fitting a cell or a page wraps it many times)."""

    def __init__(self, frags) -> None:
        chars: list[str] = []
        owners: list = []
        widths: list[float] = []
        for frag in frags:
            text = frag.text
            if text:
                chars.extend(text)
                owners.extend([frag] * len(text))
            else:  # zero-width anchors and callbacks
                chars.append("")
                owners.append(frag)
            widths.extend(_widths(text, frag))
        self.chars, self.frags, self.widths = chars, owners, widths
        self.forced = [hasattr(f, "lineBreak") for f in owners]
        self.space = [c.isspace() for c in chars]
        self.raised = [getattr(f, "rise", 0) > 0 for f in owners]  # superscript citation marks
        self.glued = _glued("".join(c or "\0" for c in chars))
        wide = [bool(c) and _wide(c) for c in chars]
        self.breaks = [False] + [self._may_break_before(i, wide) for i in range(1, len(chars))]
        # Justification stretches the gap after unit i only between two Chinese characters, never
        # inside a number with its unit (1700余条, 97.37万公顷) and never around digits or Latin letters.
        self.stretch = [
            wide[i] and wide[i + 1] and not self.glued[i + 1] and not self.raised[i + 1]
            for i in range(len(chars) - 1)
        ] + [False]

    def __len__(self) -> int:
        return len(self.chars)

    def _may_break_before(self, i: int, wide: list[bool]) -> bool:
        """Whether a line may end between unit i-1 and unit i."""
        before, after = self.chars[i - 1], self.chars[i]
        if not before or not after:  # zero-width anchors and callbacks stay with their neighbours
            return False
        if self.glued[i] or self.raised[i]:  # 1700余条 is one word; a citation mark stays with its sentence
            return False
        if self.space[i]:
            return False
        if self.space[i - 1]:
            return True
        if after in NO_LINE_START or before in NO_LINE_END:
            return False
        # Latin words and numbers (2025, 5.2%, R&D, PM2.5) are never cut between two narrow characters.
        return wide[i - 1] or wide[i]

    def content_chars(self, start: int, end: int) -> int:
        """Characters a reader counts in [start, end): not spaces, punctuation or citation marks."""
        return sum(
            1
            for i in range(start, end)
            if self.chars[i]
            and not self.space[i]
            and self.chars[i] not in NO_LINE_START
            and self.chars[i] not in NO_LINE_END
            and not self.raised[i]
        )


def _units_of(paragraph) -> _Units:
    cached = getattr(paragraph, "_briefing_units", None)
    if cached is None or cached[0] is not paragraph.frags:
        cached = (paragraph.frags, _Units(paragraph.frags))
        paragraph._briefing_units = cached
    return cached[1]


def _ascent_descent(frag, calc_bounds: bool) -> tuple[float, float]:
    """As ReportLab's makeCJKParaLine measures a unit of `frag`."""
    font_size = frag.fontSize
    if calc_bounds:
        cb = getattr(frag, "cbDefn", None)
        if cb is not None and getattr(cb, "width", None):
            descent, ascent = rl_paragraph.imgVRange(  # type: ignore[attr-defined]  # not in the stubs
                rl_paragraph.imgNormV(cb.height, font_size),  # type: ignore[attr-defined]
                cb.valign,
                font_size,
            )
            return ascent, descent
    return pdfmetrics.getAscentDescent(frag.fontName, font_size)


def _solitary(frag) -> bool:
    """Fragments ReportLab never merges with a neighbour (its sameFrag): callbacks, anchors, breaks."""
    return "cbDefn" in frag.__dict__ or "lineBreak" in frag.__dict__


def _make_line(units: _Units, start, end, max_width, line_break, calc_bounds, justify):
    """The FragLine ReportLab's makeCJKParaLine makes of units [start, end), one word per run of
    characters of the same fragment, measured once per run instead of once per character.

    A justified line spreads its slack over the gaps it may stretch (`_Units.stretch`): its words are cut
    where the spacing after their characters changes, and each carries that spacing (drawn as PDF Tc).
    """
    visible = end
    while visible > start and units.space[visible - 1]:
        visible -= 1
    width = sum(units.widths[start:visible])
    extra = max_width - width
    gaps = sum(units.stretch[start : visible - 1]) if visible > start else 0
    char_space = extra / gaps if justify and not line_break and gaps and extra > 0 else 0.0

    def spacing(i: int) -> float:
        return char_space if char_space and i < visible - 1 and units.stretch[i] else 0.0

    words, spaces = [], []
    max_size: float = 0
    max_ascent: float = 0
    min_descent: float = 0
    previous = rl_paragraph.FragLine()
    i = start
    while i < end:
        frag, space = units.frags[i], spacing(i)
        run_end = i + 1
        while run_end < end and units.frags[run_end] is frag and spacing(run_end) == space:
            run_end += 1
        ascent, descent = _ascent_descent(frag, calc_bounds)
        max_size = max(max_size, frag.fontSize)
        max_ascent = max(max_ascent, ascent)
        min_descent = min(min_descent, descent)
        if _solitary(frag):  # callbacks and breaks: a word a unit
            for j in range(i, run_end):
                word = frag.clone()
                word.text = units.chars[j]
                words.append(word)
                spaces.append(space)
        elif words and spaces[-1] == space and rl_paragraph.sameFrag(previous, frag):  # type: ignore[attr-defined]
            words[-1].text += "".join(units.chars[i:run_end])
        else:
            word = frag.clone()
            word.text = "".join(units.chars[i:run_end])
            words.append(word)
            spaces.append(space)
        previous = frag
        i = run_end
    line = rl_paragraph.FragLine(
        kind=1,
        extraSpace=extra,
        wordCount=1,
        words=words,
        fontSize=max_size,
        ascent=max_ascent,
        descent=min_descent,
        maxWidth=max_width,
        currentWidth=width,
        lineBreak=line_break,
    )
    if char_space:
        line.char_space, line.gaps = char_space, gaps
        # one entry per text-showing call ReportLab makes for the line (see _install_char_space_...)
        line.char_spaces = [
            space
            for n, (word, space) in enumerate(zip(words, spaces, strict=True))
            if not hasattr(word, "cbDefn") or n == len(words) - 1
        ]
    return line


def _break_points(units: _Units, max_widths: Sequence[float]) -> list[tuple[int, int, bool]]:
    """(start, end, forced) of each line: greedy, ending each line at its last legal break."""
    lines: list[tuple[int, int, bool]] = []
    start, count = 0, len(units)
    widths, breaks, forced, space = units.widths, units.breaks, units.forced, units.space
    while start < count:
        max_width = max_widths[min(len(lines), len(max_widths) - 1)] + _FUZZ
        width, i, best = 0.0, start, None
        while i < count:
            if i > start and breaks[i]:
                best = i
            if forced[i]:
                i += 1
                break
            if width + widths[i] > max_width and i > start and not space[i]:
                break
            width += widths[i]
            i += 1
        else:
            lines.append((start, count, False))
            break
        if forced[i - 1]:
            lines.append((start, i, True))
            start = i
            continue
        end = best if best is not None else i  # no legal break on the line: cut where it overflows
        lines.append((start, end, False))
        start = end
        while start < count and space[start]:
            start += 1
    return lines


def _avoid_lone_last_character(units: _Units, lines: list[tuple[int, int, bool]]) -> None:
    """Bring a second character down when the last line would hold a single one (告 / 元。)."""
    if len(lines) < 2 or lines[-2][2]:
        return
    (prev_start, prev_end, _), (last_start, last_end, forced) = lines[-2], lines[-1]
    if units.content_chars(last_start, last_end) != 1:
        return
    for cut in range(prev_end - 1, prev_start + 1, -1):
        if units.breaks[cut] and units.content_chars(cut, last_end) >= 2:
            if units.content_chars(prev_start, cut) < 4:
                return
            lines[-2:] = [(prev_start, cut, False), (cut, last_end, forced)]
            return


def split_cjk_lines(units: _Units, max_widths: Sequence[float], calc_bounds: bool, justify: bool):
    """Break the paragraph's `units` into lines of at most `max_widths[n]` by the Chinese rules."""
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
        if hasattr(self, "blPara") and getattr(self, "_splitpara", False):
            return self.blPara
        self.height = 0
        style = self.style
        auto_leading = getattr(self, "autoLeading", getattr(style, "autoLeading", ""))
        justify = style.alignment == TA_JUSTIFY
        return split_cjk_lines(_units_of(self), maxWidths, auto_leading not in ("", "off"), justify)

    breakLines = breakLinesCJK


def _install_char_space_justification() -> None:
    """Let ReportLab's justified-line drawer apply each word's character spacing (PDF Tc) of a line
    `split_cjk_lines` justified.

    ReportLab stretches justified lines only through word spacing, which Chinese lines do not have; the
    lines `_make_line` justifies carry `char_spaces`, the spacing of each text-showing call ReportLab makes
    for the line's words in order, set just before each. Lines without the attribute (every other
    paragraph) are drawn exactly as before.
    """
    original = rl_paragraph._justifyDrawParaLineX  # type: ignore[attr-defined]  # private: no stub
    if getattr(original, "_briefing_char_space", False):
        return

    def draw(tx, offset, line, last=0):
        spaces = None if last else getattr(line, "char_spaces", None)
        if not spaces:
            return original(tx, offset, line, last)
        pending = iter(spaces)
        current = [0.0]

        def text_out(text, *args, **kwargs):
            space = next(pending, 0.0)
            if space != current[0]:
                tx.setCharSpace(space)
                current[0] = space
            return type(tx)._textOut(tx, text, *args, **kwargs)

        tx._textOut = text_out
        try:
            return original(tx, offset, line, last)
        finally:
            del tx._textOut
            if current[0]:
                tx.setCharSpace(0)

    draw._briefing_char_space = True  # type: ignore[attr-defined]  # the mark that it is installed
    rl_paragraph._justifyDrawParaLineX = draw  # type: ignore[attr-defined]


_install_char_space_justification()
