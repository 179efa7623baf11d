"""Turn source text into paragraphs: drop chrome lines, re-join lines the extraction broke mid-sentence.

Offsets never change: every paragraph keeps, for each of its characters, the offset of that character in
`Document.text`, so a sentence cut from a re-joined paragraph still maps back to the source.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from briefing.ingest.rules import CLAUSE_MARKS, WHITESPACE, Rules

_LINE = re.compile(r"[^\r\n]+")
_LATIN_END = re.compile(r"[A-Za-z]$")
_LATIN_START = re.compile(r"^[A-Za-z]")


@dataclass
class Line:
    """A non-blank line of the source, stripped."""

    start: int  # offset of text[0] in the source
    text: str
    dropped: bool = False  # chrome or page metadata: kept out of paragraphs and sentences
    meta: bool = False  # a `label: value` line (日期/来源), read for metadata


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


def split_lines(text: str, rules: Rules) -> list[Line]:
    """Non-blank lines of `text`, with chrome and metadata lines marked as dropped."""
    lines = []
    for match in _LINE.finditer(text):
        raw = match.group()
        stripped = rules.without_trailing_chrome(raw.strip(WHITESPACE))
        if not stripped:
            continue
        start = match.start() + len(raw) - len(raw.lstrip(WHITESPACE))
        meta = rules.is_meta(stripped)
        lines.append(Line(start, stripped, dropped=meta or rules.is_boilerplate(stripped), meta=meta))
    return lines


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
        if previous is not None and _continues(previous, line, body_min, rules):
            _append(paragraphs[-1], line, text)
        else:
            paragraphs.append(Paragraph(line.text, _span(line), [line]))
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
    if not any(mark in previous.text for mark in CLAUSE_MARKS + rules.end_marks):
        return False
    if rules.marker_level(line.text) is not None or rules.lead_byline(line.text) is not None:
        return False
    return len(line.text) >= body_min or any(mark in line.text for mark in CLAUSE_MARKS + rules.end_marks)


def _append(paragraph: Paragraph, line: Line, text: str) -> None:
    """Join `line` to `paragraph`; Latin words split by the break keep one space between them,
    mapped to the line break itself so that every character still has a source offset."""
    if _LATIN_END.search(paragraph.text) and _LATIN_START.match(line.text):
        gap = paragraph.end
        while gap < line.start and text[gap] not in "\r\n":
            gap += 1
        paragraph.text += " "
        paragraph.offsets.append(gap)
    paragraph.text += line.text
    paragraph.offsets.extend(_span(line))
    paragraph.lines.append(line)


def _span(line: Line) -> list[int]:
    return list(range(line.start, line.start + len(line.text)))
