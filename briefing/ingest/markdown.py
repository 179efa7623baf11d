"""Markdown sources (People's Daily pages saved as .md or .txt): blocks read through markdown-it-py.

A page comes as `### kicker`, `# headline`, `> byline`, `**sub-head**` and paragraphs. The parser tells
headings, quotes and bold-only paragraphs apart; its line map (`token.map`) and the text of each inline
piece, found again in the source, give every kept character its source offset, so marks (#, *, >, image
and link syntax) are left out of the text while sentences still map back to `Document.text`, Markdown
included. Marks the parser leaves as text (`#标题` without a space, `**` it cannot pair next to CJK
punctuation) are stripped the same way.

A page whose every block is one line (a newspaper page: kicker, headline, byline, paragraphs, bold
sub-heads) is read without the block parser, and plain or bold-only text without the inline parser:
the Lines are those the parser's tokens would give (`_one_line_page`, held to it by a property test).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

from briefing import regex_cache
from briefing.ingest.cleanup import Line, offset_run
from briefing.ingest.rules import WHITESPACE

HEADING, QUOTE, STRONG = "heading", "quote", "strong"
"""Kinds of block a Markdown line comes from ("" for an ordinary paragraph or list item)."""

_NEWLINE = regex_cache.compile(r"\r\n?|\n")
_ATX = regex_cache.compile(r"#{1,6}(?![#])")
_LEFTOVER = regex_cache.compile(r"\*+|_{2,}|#+|^\s*>+")
_LEFTOVER_CHAR = regex_cache.compile(r"[*_#>]")
"""A character every leftover mark holds: text without one has none (a fast scan for a character
class, where the alternation with its anchor is tried at every position)."""
_LATIN = regex_cache.compile(r"[A-Za-z0-9]")
_CUE = regex_cache.compile(r"#{1,6}\s*\S|>\s?\S|\*\*\S.*\*\*\s*$|!\[[^\]]*\]\(", re.MULTILINE)
"""What opens a line of Markdown (matched at line starts only)."""
_ATX_SPACED = r"#{1,6}[ \t]+\S"
_ATX_FIRST_LINE, _ATX_LATER_LINE = regex_cache.compile(_ATX_SPACED), regex_cache.compile("\n" + _ATX_SPACED)
"""A heading line: the first line, or after a line break (a pattern that opens with the break is
looked for by a fast scan for it; one anchored at every line start is tried at every character)."""
_ONE_LINE_HEADING = regex_cache.compile(r"(#{1,6}) ([^#\s][^#]*)")
"""An ATX heading the parser reads as `#`s, one space and the rest: no blank after the space, no `#`
in the rest (a closing sequence), so its content is the rest as written."""
_NOT_PARAGRAPH = regex_cache.compile(r"[\s#>+\-_=`~<\[]|\*+(?=\s|$)|\d{1,9}[.)]")
"""How a line the parser might not read as a paragraph opens: a blank (indented code), the mark of a
heading, quote, list, rule, setext underline, fence, HTML block or link definition, or a list number.
A run of `*` before text (**小标题**) is emphasis: a list bullet needs a blank after it, a rule is
nothing but `*`s and blanks."""
_INLINE_MARKS = regex_cache.compile(r"[\n\\`*_\[!<&]")
"""Characters at which an inline rule of the CommonMark preset may start (line break, escape, code,
emphasis, link, image, autolink, HTML, entity); text without any is one text token."""
_BOLD_ONLY = regex_cache.compile(r"\*\*([^\n\\`*_\[!<&\s](?:[^\n\\`*_\[!<&]*[^\n\\`*_\[!<&\s])?)\*\*")
"""A block in bold and nothing else, `**…**`, the text inside without inline marks or end blanks."""


@cache
def _parser() -> MarkdownIt:
    """The parser, imported when a first Markdown source is read (a run over plain text never needs it)."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable("table")


class Token(Protocol):
    """What `markdown_lines` reads of a markdown-it `Token`."""

    @property
    def type(self) -> str: ...
    @property
    def tag(self) -> str: ...
    @property
    def map(self) -> list[int] | None: ...
    @property
    def content(self) -> str: ...
    @property
    def children(self) -> Sequence[Token] | None: ...


@dataclass
class _Chars:
    """The characters of a block as read so far and the source offset of each. Kept as pieces of text
    and a list of offsets, not a tuple per character: those made Markdown sources the main cause of
    garbage-collection passes in a run."""

    pieces: list[str] = field(default_factory=list)  # non-empty pieces of text, in order
    offsets: list[int] = field(default_factory=list)  # one per character of the pieces

    def add(self, piece: str, offsets: Sequence[int]) -> None:
        if piece:
            self.pieces.append(piece)
            self.offsets.extend(offsets)

    def extend(self, other: _Chars) -> None:
        self.pieces.extend(other.pieces)
        self.offsets.extend(other.offsets)

    def text(self) -> str:
        return "".join(self.pieces)

    def __bool__(self) -> bool:
        return bool(self.offsets)


def looks_like_markdown(text: str, min_cues: int = 2) -> bool:
    """Whether a plain-text source is written in Markdown: a line opens with `# ` (no plain Chinese text
    does), or at least `min_cues` lines open with a heading mark, a quote mark, an image, or are a
    bold-only line."""
    head = text[:20_000]
    if _ATX_FIRST_LINE.match(head) or _ATX_LATER_LINE.search(head):
        return True
    cues = 0
    at: int | None = 0  # a line start: the text's start, or just after a line break
    while at is not None:
        cue = _CUE.match(head, at)
        if cue:
            cues += 1
            if cues >= min_cues:
                return True
        # the next line start: where the cue ends when its blanks ran on to one, else the line after
        # the cue's end (its blanks may run past line breaks) or after this line
        ran_on = cue is not None and head[cue.end() - 1] == "\n"
        at = cue.end() if cue and ran_on else _next_line(head, cue.end() if cue else at)
    return False


def _next_line(text: str, at: int) -> int | None:
    """Start of the line after the one holding `at`, None on the last line."""
    found = text.find("\n", at)
    return found + 1 if found >= 0 else None


def markdown_lines(text: str) -> list[Line]:
    """One Line per text block (heading, paragraph, list item, quoted paragraph), marks left out.

    Line.offsets holds the source offset of every character of Line.text; Line.block and Line.level
    tell what the block was (a heading and its level, a quote, a bold-only paragraph).
    """
    one_line = _one_line_page(text)
    if one_line is not None:
        return one_line
    starts = [0, *(m.end() for m in _NEWLINE.finditer(text))]
    lines: list[Line] = []
    quote_depth = 0
    pending: tuple[str, int] = ("", 0)
    row: _Chars | None = None  # characters of the table row being read
    for token in _parser().parse(text):
        if token.type == "blockquote_open":
            quote_depth += 1
        elif token.type == "blockquote_close":
            quote_depth -= 1
        elif token.type == "heading_open":
            pending = (HEADING, int(token.tag[1:]))
        elif token.type == "paragraph_open":
            pending = (QUOTE if quote_depth else "", 0)
        elif token.type == "tr_open":
            row = _Chars()
        elif token.type == "tr_close" and row is not None:
            lines.extend(_line(row.text(), row.offsets, "", 0))
            row = None
        elif token.type == "inline" and token.map:
            end = starts[token.map[1]] if token.map[1] < len(starts) else len(text)
            if row is not None:  # a table cell: the row's cells make one line, a blank between them
                cell = row.offsets[-1] + 1 if row else starts[token.map[0]]
                chars = _inline_chars(text, cell, end, token.children or [])
                gap = _blank_before(text, chars.offsets[0]) if row and chars else None
                if gap is not None:
                    row.add(" ", (gap,))
                row.extend(chars)
            else:
                lines.extend(_block_line(text, starts[token.map[0]], end, token.children or [], *pending))
            pending = ("", 0)
        elif token.type in ("fence", "code_block") and token.map:
            lines.extend(_raw_lines(text, starts, token.map))
    return lines


def _one_line_page(text: str) -> list[Line] | None:
    """The Lines of a page whose every block is one line standing alone, a paragraph, an ATX heading
    (`## 标题`) or a quoted paragraph (`> 本报记者…`), read without the block parser; None for any other
    page (the parser reads it).

    A newspaper page is such a page, and the block parser tries every block rule on every line (the
    main cost of reading one). A line qualifies only when no rule but its own can take it: it opens
    with no mark of another block and no blank, ends with no blank, no line but a blank one (no
    spaces) is next to it, and the page has no tab, carriage return, NUL or table bar. Its text is
    then the block's content as the parser gives it, standing in the source right after the block's
    mark. Inline marks are read by the parser's inline rules (`_block_line` on its inline token),
    except in content holding no character any inline rule starts at, alone or in bold `**…**` (a
    bold sub-head: delimiters at the ends of a block open and close whatever stands inside them):
    its Line is made at once, with no token, which is how most blocks of a page are read."""
    if any(char in text for char in "\r\t\x00|"):
        return None
    lines: list[Line] = []
    previous = ""
    start = 0  # offset of `line` in the text
    for line in text.split("\n"):
        at, start = start, start + len(line) + 1
        if line and previous:  # a block of two lines or more
            return None
        previous = line
        if not line:
            continue
        if line[-1].isspace():
            return None
        heading = _ONE_LINE_HEADING.fullmatch(line)
        if heading:
            mark, block, level = len(heading.group(1)) + 1, HEADING, len(heading.group(1))
        else:
            mark = 2 if line.startswith("> ") else 1 if line[0] == ">" else 0
            if mark == len(line) or _NOT_PARAGRAPH.match(line, mark):
                return None
            block, level = (QUOTE if mark else ""), 0
        content = line[mark:]
        if _INLINE_MARKS.search(content) is None:
            lines += _line(content, offset_run(at + mark, at + len(line)), *_atx_block(content, block, level))
            continue
        bold = _BOLD_ONLY.fullmatch(content)
        if bold:
            inner, begin = bold.group(1), at + mark + 2  # after the opening `**`
            lines += _line(inner, offset_run(begin, begin + len(inner)), block or STRONG, level)
            continue
        children = _parser().parseInline(content)[0].children or []
        lines += _block_line(text, at, min(start, len(text)), children, block, level)
    return lines


def _block_line(
    text: str, start: int, end: int, children: Sequence[Token], block: str, level: int
) -> list[Line]:
    """The Line of one block, from its inline token's children (none when it holds no text: a
    picture alone)."""
    chars = _inline_chars(text, start, end, children)
    if block == "" and chars and _is_bold_only(children):
        block = STRONG
    return _line(chars.text(), chars.offsets, *_atx_block(chars.text(), block, level))


def _atx_block(text: str, block: str, level: int) -> tuple[str, int]:
    """The block and level of a paragraph opening with `#标题` (without the space CommonMark wants):
    a heading; any other block as it is."""
    if block == "" and text:
        heading = _ATX.match(text[:6])
        if heading:
            return HEADING, len(heading.group())
    return block, level


def _line(text: str, offsets: list[int], block: str, level: int) -> list[Line]:
    text, offsets = _trim(*_drop_marks(text, offsets))
    if not offsets:
        return []
    return [Line(offsets[0], text, offsets=offsets, block=block, level=level)]


def _inline_chars(text: str, start: int, end: int, children: Sequence[Token]) -> _Chars:
    """The characters and source offsets of the text of an inline token whose source lies in
    text[start:end]: its text pieces found again in the source, the marks between them left out,
    pictures dropped."""
    chars = _Chars()
    cursor = start
    for child in children:
        if child.type in ("text", "code_inline"):
            piece, offsets, cursor = _locate(child.content, text, cursor, end)
            chars.add(piece, offsets)
        elif child.type in ("softbreak", "hardbreak"):
            newline = text.find("\n", cursor, end)
            gap = newline if newline >= 0 else cursor
            if chars and _needs_space(chars.pieces[-1][-1], text, gap, end):
                chars.add(" ", (gap,))
            cursor = gap + 1 if newline >= 0 else cursor
        elif child.type == "image":  # alt text of a picture: never sentence text
            close = text.find(")", cursor, end)
            cursor = close + 1 if close >= 0 else cursor
    return chars


def _blank_before(text: str, offset: int) -> int | None:
    """Offset of the blank right before a table cell's text (the blank after its |), None if none."""
    at = offset - 1
    while at >= 0 and text[at] in "|":
        at -= 1
    return at if at >= 0 and text[at] in " \t" else None


def _locate(content: str, text: str, cursor: int, end: int) -> tuple[str, Sequence[int], int]:
    """The characters of `content` found in text[cursor:end], their source offsets, and the cursor
    after them.

    The piece is usually verbatim in the source; where the parser changed it (a backslash escape, an
    entity) each character is looked for in turn and one not found is left out."""
    at = text.find(content, cursor, end)
    if at >= 0:
        return content, offset_run(at, at + len(content)), at + len(content)
    found: list[str] = []
    offsets: list[int] = []
    for char in content:
        at = text.find(char, cursor, end)
        if at >= 0:
            found.append(char)
            offsets.append(at)
            cursor = at + 1
    return "".join(found), offsets, cursor


def _needs_space(previous: str, text: str, gap: int, end: int) -> bool:
    following = text[gap + 1 : end].lstrip(WHITESPACE)[:1]
    return bool(_LATIN.match(previous) and following and _LATIN.match(following))


def _is_bold_only(children: Sequence[Token]) -> bool:
    """A paragraph whose whole text is bold (**稳的态势持续**): a sub-heading."""
    kept = [c for c in children if not (c.type == "text" and not c.content.strip())]
    return len(kept) >= 3 and kept[0].type == "strong_open" and kept[-1].type == "strong_close"


def _drop_marks(text: str, offsets: list[int]) -> tuple[str, list[int]]:
    """Leave out marks the parser kept as text: # and * anywhere, __, a leading >."""
    if not _LEFTOVER_CHAR.search(text):
        return text, offsets
    pieces: list[str] = []
    kept: list[int] = []
    cursor = 0
    for match in _LEFTOVER.finditer(text):  # in order, not overlapping: keep the runs between them
        pieces.append(text[cursor : match.start()])
        kept.extend(offsets[cursor : match.start()])
        cursor = match.end()
    if not cursor:
        return text, offsets
    pieces.append(text[cursor:])
    kept.extend(offsets[cursor:])
    return "".join(pieces), kept


def _trim(text: str, offsets: list[int]) -> tuple[str, list[int]]:
    """Blanks at either end left out; a block without any (most) keeps its offsets list, uncopied."""
    first = len(text) - len(text.lstrip(WHITESPACE))
    last = len(text.rstrip(WHITESPACE))
    if first == 0 and last == len(text):
        return text, offsets
    return text[first:last], offsets[first:last]


def _raw_lines(text: str, starts: list[int], span: list[int]) -> list[Line]:
    """Lines of a code block, as written (no Markdown inside)."""
    out = []
    for number in range(span[0], min(span[1], len(starts))):
        end = starts[number + 1] if number + 1 < len(starts) else len(text)
        raw = text[starts[number] : end]
        stripped = raw.strip(WHITESPACE)
        if stripped and not stripped.startswith(("```", "~~~")):
            begin = starts[number] + len(raw) - len(raw.lstrip(WHITESPACE))
            out.append(Line(begin, stripped, offsets=offset_run(begin, begin + len(stripped))))
    return out
