"""Read sources into `Document`s: decode, clean, split into sections/articles and sentences.

First version: UTF-8 text files only, sentences cut at Chinese sentence punctuation and line breaks.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from briefing.model import Document, Section, Sentence

SUPPORTED_SUFFIXES = (".txt",)


class SourceError(Exception):
    """A source that cannot be read; the message is one line naming the file and the problem."""


_SENTENCE_END = re.compile(r"[。！？；!?;]+[”’」』）)]*|\n")
_HEADING_PATTERNS = (
    (1, re.compile(r"^[一二三四五六七八九十]+、")),
    (2, re.compile(r"^[（(][一二三四五六七八九十]+[)）]")),
)


def collect_sources(args: list[str]) -> list[str]:
    """Expand folders into their supported files (sorted); keep files and `-` as given."""
    out: list[str] = []
    for arg in args:
        path = Path(arg)
        if arg != "-" and path.is_dir():
            out.extend(str(p) for p in sorted(path.iterdir()) if p.suffix.lower() in SUPPORTED_SUFFIXES)
        else:
            out.append(arg)
    return out


def load_document(source: str) -> Document:
    """Read one source (a path or `-` for stdin) into a Document, or raise SourceError."""
    if source == "-":
        text, doc = sys.stdin.read(), "stdin"
    else:
        path = Path(source)
        if not path.exists():
            raise SourceError(f"{source}: no such file")
        if path.suffix.lower() not in SUPPORTED_SUFFIXES:
            raise SourceError(f"{source}: unsupported file type {path.suffix or '(none)'}")
        try:
            text = path.read_bytes().decode("utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise SourceError(f"{source}: cannot read: {exc}") from exc
        doc = path.stem
    if not text.strip():
        raise SourceError(f"{source}: empty file")
    document = Document(doc=doc, path=source, text=text)
    _split(document)
    return document


def _split(document: Document) -> None:
    text = document.text
    lines = [(m.start(), m.group()) for m in re.finditer(r"[^\n]+", text)]
    for start, line in lines:
        stripped = line.strip()
        if not stripped:
            continue
        if not document.title:
            document.title = stripped
        lead = start + len(line) - len(line.lstrip())
        for level, pattern in _HEADING_PATTERNS:
            if pattern.match(stripped) and len(stripped) < 60:
                document.sections.append(Section(stripped, level, lead, len(text)))
    for i, section in enumerate(document.sections):
        for later in document.sections[i + 1 :]:
            if later.level <= section.level:
                section.end = later.start
                break
        for j in range(i - 1, -1, -1):
            if document.sections[j].level < section.level:
                section.parent = j
                break
    pos = 0
    for match in _SENTENCE_END.finditer(text + "\n"):
        end = min(match.end(), len(text))
        if match.group() == "\n":
            end = match.start()
        chunk = text[pos:end]
        stripped = chunk.strip()
        if stripped:
            s = pos + (len(chunk) - len(chunk.lstrip()))
            e = s + len(stripped)
            section = None
            for k, sec in enumerate(document.sections):
                if sec.start <= s < sec.end:
                    section = k
            document.sentences.append(
                Sentence(
                    index=len(document.sentences),
                    text=stripped,
                    start=s,
                    end=e,
                    offsets=list(range(s, e)),
                    section=section,
                    is_heading=any(sec.start == s for sec in document.sections),
                )
            )
        pos = max(match.end(), end)
