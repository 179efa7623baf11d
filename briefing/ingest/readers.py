"""Pick the reader for a source by its suffix (files) or its first bytes (stdin).

Format readers are imported when first needed: trafilatura and pdfminer take a while to import and a
run over text files never needs them.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from importlib import import_module

from briefing.ingest.extracted import Extracted

Reader = Callable[[bytes, str], Extracted]

_READERS = {
    ".txt": ("briefing.ingest.text", "read_text"),
    ".text": ("briefing.ingest.text", "read_text"),
    ".md": ("briefing.ingest.text", "read_text"),
    ".markdown": ("briefing.ingest.text", "read_text"),
    ".html": ("briefing.ingest.html", "read_html"),
    ".htm": ("briefing.ingest.html", "read_html"),
    ".pdf": ("briefing.ingest.pdf", "read_pdf"),
    ".docx": ("briefing.ingest.docx", "read_docx"),
}

SUPPORTED_SUFFIXES: tuple[str, ...] = tuple(_READERS)
MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})
"""Sources always read as Markdown; a .txt source is read as Markdown when it looks like Markdown."""

_SIGNATURES = ((b"%PDF-", ".pdf"), (b"PK\x03\x04", ".docx"))
_HTML_STARTS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<meta")


@cache  # importlib's look-up of a loaded module costs more than the read of a short text
def reader_for(suffix: str) -> Reader:
    module, function = _READERS[suffix]
    return getattr(import_module(module), function)


def sniff_suffix(data: bytes) -> str:
    """The suffix a nameless source (stdin) would carry, from its first bytes; text by default."""
    for signature, suffix in _SIGNATURES:
        if data.startswith(signature):
            return suffix
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(_HTML_STARTS):
        return ".html"
    return ".txt"
