"""Web pages: the main text (trafilatura), with the page title as the first line, its date and site name.

The title is put at the head of the extracted text so that it is a line of `Document.text` like any
other: a headline the structure step can use and a reader can cite.
"""

from __future__ import annotations

import re
from typing import cast

import trafilatura
from lxml.etree import LxmlError
from trafilatura.settings import Document as TrafilaturaDocument

from briefing.ingest.extracted import Extracted, Hints, SourceError
from briefing.ingest.text import decode, superset

_DECLARED = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_-]+)""", re.IGNORECASE)


def read_html(data: bytes, name: str) -> Extracted:
    page, encoding = _decode(data, name)
    try:
        result = cast(  # a dict only with as_dict=True
            "TrafilaturaDocument | None",
            trafilatura.bare_extraction(
                page, with_metadata=True, include_comments=False, include_tables=True, output_format="python"
            ),
        )
        body = result.text if result is not None and result.text else trafilatura.html2txt(page)
    except (LxmlError, ValueError, TypeError) as exc:
        raise SourceError(f"{name}: cannot parse HTML: {exc}") from exc
    title = (result.title or "").strip() if result is not None else ""
    hints = Hints(
        title=title,
        date=result.date if result is not None else None,
        source=(result.sitename or "") if result is not None else "",
    )
    text = body.strip()
    if title and not text.startswith(title):
        text = f"{title}\n\n{text}"
    return Extracted(text + "\n", encoding, hints)


def _decode(data: bytes, name: str) -> tuple[str, str]:
    """The page as text: in the charset it declares, else in the one detected from its bytes."""
    declared = _DECLARED.search(data[:4096])
    if declared:
        encoding = declared.group(1).decode("ascii").lower()
        encoding = superset(encoding)
        try:
            return data.decode(encoding), encoding
        except (LookupError, UnicodeDecodeError):
            pass
    return decode(data, name)
