"""Turn source text into paragraphs: drop chrome lines, re-join lines the extraction broke mid-sentence.

Offsets never change: every paragraph keeps, for each of its characters, the offset of that character in
`Document.text`, so a sentence cut from a re-joined paragraph still maps back to the source.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field

from briefing import regex_cache
from briefing.boundaries import CLAUSE_MARKS, SENTENCE_ENDS
from briefing.ingest.rules import WHITESPACE, Rules

_BREAK = regex_cache.compile(r"[\r\n]")
_LATIN_END = regex_cache.compile(r"[A-Za-z]$")
_LATIN_START = regex_cache.compile(r"^[A-Za-z]")


_SHARED_INTS_MAX = 1 << 18
"""Offsets below this come from one shared list of ints (about 9 MB at its largest)."""
_shared_ints: list[list[int]] = [[]]  # the list, replaced (never extended) when a longer one is needed


def offset_run(start: int, stop: int) -> list[int]:
    """`list(range(start, stop))`, sliced from a shared list of ints when short enough to be in it.

    Every character of a document gets its offset: made by `range`, each is a new int object, a tenth
    of ingest's time; a slice only takes references to ints that exist. The shared list is replaced
    whole, never extended in place, so that a thread slicing it never sees it half made."""
    ints = _shared_ints[0]
    if stop > len(ints):
        if stop > _SHARED_INTS_MAX:
            return list(range(start, stop))
        ints = list(range(min(_SHARED_INTS_MAX, max(stop, 2 * len(ints), 1 << 14))))
        _shared_ints[0] = ints
    return ints[start:stop]


@dataclass
class Line:
    """A non-blank line of the source, stripped (for Markdown: a block, its marks left out)."""

    start: int  # offset of text[0] in the source
    text: str
    dropped: bool = False  # chrome or page metadata: kept out of paragraphs and sentences
    meta: bool = False  # a `label: value` line (日期/来源) or a newspaper byline, read for metadata
    offsets: list[int] = field(default_factory=list)  # source offset of each character; [] = contiguous
    block: str = ""  # Markdown block kind: heading | quote | strong | "" (ingest/markdown.py)
    level: int = 0  # Markdown heading level
    markdown: bool = False  # read through the Markdown parser: its blocks are the paragraphs

    def __post_init__(self) -> None:
        if not self.offsets:
            self.offsets = offset_run(self.start, self.start + len(self.text))


@dataclass
class Paragraph:
    """A run of text that reads as one unit: one line, or lines re-joined across extraction breaks."""

    text: str
    offsets: list[int] = field(default_factory=list)  # source offset of every character of text
    lines: list[Line] = field(default_factory=list)

    @property
    def start(self) -> int:
        return self.offsets[0]

    @property
    def end(self) -> int:
        return self.offsets[-1] + 1


def split_lines(text: str, rules: Rules, blocks: list[Line] | None = None) -> list[Line]:
    """Non-blank lines of `text` (or the Markdown `blocks` read from it), with chrome, metadata lines
    and photo captions marked as dropped."""
    if blocks is not None:
        lines = blocks
        for line in lines:
            line.markdown = True
    else:
        lines = []
        at = 0  # offset of `raw`: the pieces are what stands between single line-break characters
        for raw in text.split("\n") if "\r" not in text else _BREAK.split(text):
            stripped = raw.strip(WHITESPACE)
            if stripped:
                lines.append(Line(at + len(raw) - len(raw.lstrip(WHITESPACE)), stripped))
            at += len(raw) + 1
    kept = []
    for line in lines:
        kept_text = rules.without_trailing_chrome(line.text)
        if not kept_text:
            continue
        line.meta, chrome = rules.read_line(line.text)
        # a caption with its photo credit on the same line, metadata, chrome
        line.dropped = line.dropped or kept_text != line.text or chrome
        kept.append(line)
    _drop_captions(kept, rules)
    return kept


def _drop_captions(lines: list[Line], rules: Rules) -> None:
    """A short sentence right before a photo-credit line is the photo's caption: not document text."""
    for previous, line in itertools.pairwise(lines):
        if (
            line.dropped  # a photo credit is chrome: asked first, the credit patterns run on few lines
            and not previous.dropped
            and len(previous.text) <= rules.caption_max_chars
            and rules.ends_sentence(previous.text)
            and rules.is_photo_credit(line.text)
        ):
            previous.dropped = True


def join_paragraphs(text: str, lines: list[Line], rules: Rules) -> list[Paragraph]:
    """Paragraphs of the kept lines; a line cut mid-sentence is joined with the line that continues it.

    A break is an extraction artefact when the line before it is body text (long, or as wide as the
    wrapped lines of the page) that ends without an end mark, and the line after it reads on: it is not
    a heading, a headline or a news lead, and only blank lines stand between the two.
    """
    body_min = _body_min_chars(lines, rules)
    paragraphs: list[Paragraph] = []
    previous: Line | None = None
    for line in lines:
        if line.dropped:
            previous = None
            continue
        if previous is not None and not line.markdown and _continues(previous, line, body_min, rules):
            _append(paragraphs[-1], line, text)
        else:
            paragraphs.append(Paragraph(line.text, line.offsets, [line]))  # shared until _append
        previous = line
    return paragraphs


def _body_min_chars(lines: list[Line], rules: Rules) -> float:
    """Length from which a line counts as body text: body_min_chars, less on narrow wrapped pages."""
    lengths = sorted(len(line.text) for line in lines if not line.dropped)
    if not lengths:
        return rules.body_min_chars
    p90 = lengths[min(len(lengths) - 1, int(len(lengths) * 0.9))]
    return min(rules.body_min_chars, rules.wrap_ratio * p90)


def _continues(previous: Line, line: Line, body_min: float, rules: Rules) -> bool:
    """Whether `line` continues `previous` across an extraction break. Body text carries clause marks;
    a long line without any (a document title) is never cut body text."""
    if len(previous.text) < body_min or rules.ends_sentence(previous.text):
        return False
    if not any(mark in previous.text for mark in CLAUSE_MARKS + SENTENCE_ENDS):
        return False
    if rules.opens_with_marker(line.text) or rules.opens_with_lead(line.text):
        return False
    return len(line.text) >= body_min or any(mark in line.text for mark in CLAUSE_MARKS + SENTENCE_ENDS)


def _append(paragraph: Paragraph, line: Line, text: str) -> None:
    """Join `line` to `paragraph`; Latin words split by the break keep one space between them,
    mapped to the line break itself so that every character still has a source offset."""
    if len(paragraph.lines) == 1:  # it shares its first line's offsets (join_paragraphs): copy them now
        paragraph.offsets = list(paragraph.offsets)
    if _LATIN_END.search(paragraph.text) and _LATIN_START.match(line.text):
        gap = paragraph.end
        while gap < line.start and text[gap] not in "\r\n":
            gap += 1
        paragraph.text += " "
        paragraph.offsets.append(gap)
    paragraph.text += line.text
    paragraph.offsets.extend(line.offsets)
    paragraph.lines.append(line)
