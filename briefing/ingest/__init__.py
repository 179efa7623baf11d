"""Read sources into `Document`s: decode or extract the text, clean it, find its structure, cut sentences.

Public API: `load_document`, `document_from_text`, `SourceError`, `SUPPORTED_SUFFIXES`.
Every offset in the Document refers to `Document.text`: the decoded file for .txt, the extracted text
for HTML, PDF and DOCX.
"""

from __future__ import annotations

import itertools
import sys
from bisect import bisect_right
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol

from briefing.ingest.cleanup import join_paragraphs, split_lines
from briefing.ingest.extracted import Hints, SourceError
from briefing.ingest.genres import review_year_offset
from briefing.ingest.markdown import looks_like_markdown, markdown_lines
from briefing.ingest.readers import MARKDOWN_SUFFIXES, SUPPORTED_SUFFIXES, reader_for, sniff_suffix
from briefing.ingest.roles import SentenceRoles, Years, assign_section_roles
from briefing.ingest.rules import rules
from briefing.ingest.sentences import cut
from briefing.ingest.structure import describe, report_years
from briefing.model import Document, Sentence

__all__ = ["SUPPORTED_SUFFIXES", "SourceError", "document_from_text", "load_document"]


def load_document(source: str) -> Document:
    """Read one source (a path, or `-` for stdin) into a Document; SourceError when it cannot be read."""
    if source == "-":
        data, name, doc = _read_stdin(), "stdin", "stdin"
        suffix = sniff_suffix(data)
    else:
        path = Path(source)
        name, doc, suffix = source, path.stem, path.suffix.lower()
        data = _read_file(source, path, suffix)
    if not data or data.isspace():  # as `not data.strip()`, without copying the data
        raise SourceError(f"{name}: empty file")
    extracted = reader_for(suffix)(data, name)
    if not extracted.text or extracted.text.isspace():
        raise SourceError(f"{name}: no text found")
    markdown = suffix in MARKDOWN_SUFFIXES or (
        suffix in (".txt", ".text") and looks_like_markdown(extracted.text)
    )
    return document_from_text(extracted.text, doc, source, extracted.encoding, extracted.hints, markdown)


def document_from_text(
    text: str,
    doc: str = "text",
    path: str = "",
    encoding: str = "utf-8",
    hints: Hints | None = None,
    markdown: bool | None = None,
) -> Document:
    """A Document for text already in memory: structure, sections, articles and sentences found, and
    the role and period of every part of a report. `markdown` None: read as Markdown when it looks so."""
    active = rules()
    document = Document(doc=doc, path=path, text=text, encoding=encoding)
    if markdown is None:
        markdown = looks_like_markdown(text)
    lines = split_lines(text, active, markdown_lines(text) if markdown else None)
    paragraphs = join_paragraphs(text, lines, active)
    sentences = [cut(paragraph) for paragraph in paragraphs]
    heading_chars = describe(document, lines, paragraphs, sentences, hints or Hints(), active)
    roles: SentenceRoles | None = None
    if not document.is_news:
        current = report_years(document, active)
        years = Years(current, current + review_year_offset(document.genre) if current else None)
        assign_section_roles(document.sections, years)
        roles = SentenceRoles(document.sections, years)
    sections, articles = _Locator(document.sections), _Locator(document.articles)
    # the section and article of the last run of offsets looked up: sentences come in text order, so
    # most share their predecessor's run and skip the look-up (empty runs force the first one)
    section = article = None
    section_from = section_until = article_from = article_until = 0
    role = period = ""
    out = document.sentences
    for number, (paragraph, pieces, heading_end) in enumerate(
        zip(paragraphs, sentences, heading_chars, strict=True)
    ):
        heading_until = paragraph.offsets[heading_end - 1] if heading_end else -1
        asked = False  # whether the roles were asked for this paragraph and `section`
        for sentence_text, offsets in pieces:
            start = offsets[0]
            if not section_from <= start < section_until:
                section, section_from, section_until = sections.run(start, sections.innermost)
                asked = False
            if not article_from <= start < article_until:
                article, article_from, article_until = articles.run(start, articles.first)
            if roles is not None and not asked:
                role, period = roles.of(sentence_text, section, number, start <= heading_until)
                asked = True
            # positional: a keyword call costs a third of the loop, one Sentence per sentence of the run
            out.append(
                Sentence(
                    len(out),
                    sentence_text,
                    start,
                    offsets[-1] + 1,
                    offsets,
                    section,
                    article,
                    start <= heading_until,
                    role,
                    period,
                )
            )
    return document


class _Span(Protocol):
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...


class _Locator:
    """The span (section or article) holding an offset, found by bisection on the span starts: a
    document's sentences ask once each, and a long report has hundreds of sections."""

    def __init__(self, spans: Sequence[_Span]) -> None:
        self.spans = spans
        self.starts = [span.start for span in spans]
        self.ordered = all(a <= b for a, b in itertools.pairwise(self.starts))
        self.disjoint = self.ordered and all(a.end <= b.start for a, b in itertools.pairwise(spans))
        self.bounds = sorted({span.start for span in spans} | {span.end for span in spans})

    def run(self, offset: int, find: Callable[[int], int | None]) -> tuple[int | None, int, int]:
        """`find(offset)` (`innermost` or `first`) and the run of offsets [low, high) around `offset`
        that no span starts or ends inside: the spans holding an offset, hence the answer, are the
        same all along it. A document's sentences come in text order and most fall in the run of the
        one before, so the caller looks up only those that leave it."""
        at = bisect_right(self.bounds, offset)
        low = self.bounds[at - 1] if at else -sys.maxsize
        high = self.bounds[at] if at < len(self.bounds) else sys.maxsize
        return find(offset), low, high

    def innermost(self, offset: int) -> int | None:
        """Index of the last span that starts at or before `offset` and ends after it: the innermost
        section governing it (sections nest and come in text order)."""
        if not self.ordered:  # never built so; read them in list order all the same
            found = None
            for i, span in enumerate(self.spans):
                if span.start > offset:
                    break
                if offset < span.end:
                    found = i
            return found
        for i in range(bisect_right(self.starts, offset) - 1, -1, -1):
            if offset < self.spans[i].end:
                return i
        return None

    def first(self, offset: int) -> int | None:
        """Index of the first span holding `offset` (articles follow one another without overlapping)."""
        if not self.disjoint:  # never built so; read them in list order all the same
            return next((i for i, a in enumerate(self.spans) if a.start <= offset < a.end), None)
        last = bisect_right(self.starts, offset) - 1
        return last if last >= 0 and offset < self.spans[last].end else None


def _read_file(source: str, path: Path, suffix: str) -> bytes:
    """The bytes of a source file; SourceError saying what is wrong: a folder, no such file, a type not
    supported, or why it cannot be read. Read first and asked why only when that fails: each question
    is a system call, and a run may read thousands of files."""
    problem: OSError | None = None
    if suffix in SUPPORTED_SUFFIXES:
        try:
            return path.read_bytes()
        except OSError as exc:
            problem = exc
    if path.is_dir():
        raise SourceError(f"{source}: is a folder, not a file")
    if not path.exists():
        raise SourceError(f"{source}: no such file")
    if problem is None:
        raise SourceError(
            f"{source}: unsupported file type {suffix or '(no suffix)'} "
            f"(supported: {' '.join(SUPPORTED_SUFFIXES)})"
        )
    raise SourceError(f"{source}: cannot read: {problem.strerror or problem}") from problem


def _read_stdin() -> bytes:
    """The bytes of stdin; a text-only stream (a test harness's) is taken as UTF-8."""
    try:
        buffer = getattr(sys.stdin, "buffer", None)
        return buffer.read() if buffer is not None else sys.stdin.read().encode("utf-8")
    except (OSError, ValueError) as exc:
        raise SourceError(f"stdin: cannot read: {exc}") from exc
