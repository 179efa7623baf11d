"""Markdown sources (People's Daily pages saved as .md or .txt): blocks read through markdown-it-py.

A page comes as `### kicker`, `# headline`, `> byline`, `**sub-head**` and paragraphs. The parser tells
headings, quotes and bold-only paragraphs apart; its line map (`token.map`) and the text of each inline
piece, found again in the source, give every kept character its source offset, so marks (#, *, >, image
and link syntax) are left out of the text while sentences still map back to `Document.text`, Markdown
included. Marks the parser leaves as text (`#标题` without a space, `**` it cannot pair next to CJK
punctuation) are stripped the same way.

A page whose every block is one line (a newspaper page: kicker, headline, byline, paragraphs, bold
sub-heads) is read without the block parser, and plain or bold-only text without the inline parser:
the tokens are those the parser would give (`_one_line_blocks`, held to it by a property test).
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
    """What `markdown_lines` reads of a token: markdown-it's `Token`, or a `_Block` made without it."""

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
class _Block:
    """A token of a page read without the parser (`_one_line_blocks`): made without importing
    markdown-it (~15 ms of CPU), which such a page in plain inline text never needs."""

    type: str
    tag: str = ""
    map: list[int] | None = None
    content: str = ""
    children: Sequence[Token] | None = None


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
    starts = [0, *(m.end() for m in _NEWLINE.finditer(text))]
    lines: list[Line] = []
    quote_depth = 0
    pending: tuple[str, int] = ("", 0)
    row: _Chars | None = None  # characters of the table row being read
    for token in _one_line_blocks(text) or _parser().parse(text):
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
            lines.extend(_line(row, "", 0))
            row = None
        elif token.type == "inline" and token.map:
            end = starts[token.map[1]] if token.map[1] < len(starts) else len(text)
            if row is not None:  # a table cell: the row's cells make one line, a blank between them
                chars = _inline_chars(text, row.offsets[-1] + 1 if row else starts[token.map[0]], end, token)
                gap = _blank_before(text, chars.offsets[0]) if row and chars else None
                if gap is not None:
                    row.add(" ", (gap,))
                row.extend(chars)
            else:
                lines.extend(_block_line(text, starts[token.map[0]], end, token, *pending))
            pending = ("", 0)
        elif token.type in ("fence", "code_block") and token.map:
            lines.extend(_raw_lines(text, starts, token.map))
    return lines


def _one_line_blocks(text: str) -> list[Token] | None:
    """The parser's tokens for a page whose every block is one line standing alone, a paragraph, an ATX
    heading (`## 标题`) or a quoted paragraph (`> 本报记者…`), read without the block parser; None for
    any other page (the parser reads it).

    A newspaper page is such a page, and the block parser tries every block rule on every line (the
    main cost of reading one). A line qualifies only when no rule but its own can take it: it opens
    with no mark of another block and no blank, ends with no blank, no line but a blank one (no
    spaces) is next to it, and the page has no tab, carriage return, NUL or table bar. Its text is
    then the block's content as the parser gives it, and inline marks are still read by the parser's
    inline rules (`_inline_token`). Only the tokens `markdown_lines` reads are made."""
    if any(char in text for char in "\r\t\x00|"):
        return None
    tokens: list[Token] = []
    previous = ""
    for number, line in enumerate(text.split("\n")):
        if line and previous:  # a block of two lines or more
            return None
        previous = line
        if not line:
            continue
        if line[-1].isspace():
            return None
        block_map = [number, number + 1]
        heading = _ONE_LINE_HEADING.fullmatch(line)
        if heading:
            tokens.append(_Block("heading_open", f"h{len(heading.group(1))}", block_map))
            tokens.append(_inline_token(heading.group(2), block_map))
            continue
        quoted = line[2:] if line.startswith("> ") else line[1:] if line[0] == ">" else None
        paragraph = line if quoted is None else quoted
        if not paragraph or _NOT_PARAGRAPH.match(paragraph):
            return None
        if quoted is not None:
            tokens.append(_Block("blockquote_open", map=block_map))
        tokens.append(_Block("paragraph_open", map=block_map))
        tokens.append(_inline_token(paragraph, block_map))
        if quoted is not None:
            tokens.append(_Block("blockquote_close"))
    return tokens


def _inline_token(content: str, block_map: list[int]) -> Token:
    """The inline token of a block with this content; its children read by the parser's inline rules,
    except for text holding no character any inline rule starts at (one text token) and for such text
    in bold, `**…**` (a bold sub-head: delimiters at the ends of a block open and close whatever
    stands inside them; the parser may add empty text tokens around them, which add no character)."""
    children: Sequence[Token] | None
    bold = _BOLD_ONLY.fullmatch(content)
    if bold:
        children = [_Block("strong_open"), _Block("text", content=bold.group(1)), _Block("strong_close")]
    elif _INLINE_MARKS.search(content):
        children = _parser().parseInline(content)[0].children
    else:
        children = [_Block("text", content=content)]
    return _Block("inline", map=block_map, content=content, children=children)


def _block_line(text: str, start: int, end: int, token: Token, block: str, level: int) -> list[Line]:
    """The Line of one block (none when it holds no text: a picture alone)."""
    chars = _inline_chars(text, start, end, token)
    if block == "" and chars and _is_bold_only(token):
        block = STRONG
    if block == "" and chars:
        heading = _ATX.match(chars.text()[:6])
        if heading:  # `#标题` written without the space CommonMark wants
            level = len(heading.group())
            block = HEADING
    return _line(chars, block, level)


def _line(chars: _Chars, block: str, level: int) -> list[Line]:
    text, offsets = _trim(*_drop_marks(chars.text(), chars.offsets))
    if not offsets:
        return []
    return [Line(offsets[0], text, offsets=offsets, block=block, level=level)]


def _inline_chars(text: str, start: int, end: int, token: Token) -> _Chars:
    """The characters and source offsets of the text of an inline token whose source lies in
    text[start:end]: its text pieces found again in the source, the marks between them left out,
    pictures dropped."""
    chars = _Chars()
    cursor = start
    for child in token.children or []:
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


def _is_bold_only(token: Token) -> bool:
    """A paragraph whose whole text is bold (**稳的态势持续**): a sub-heading."""
    children = [c for c in token.children or [] if not (c.type == "text" and not c.content.strip())]
    return len(children) >= 3 and children[0].type == "strong_open" and children[-1].type == "strong_close"


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
