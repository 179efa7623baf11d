"""PDF sources: the text layer in reading order (pdfminer.six layout analysis).

Each text box becomes a paragraph (its lines kept as lines, boxes separated by a blank line); the
clean-up step then re-joins the lines a paragraph was wrapped into. Running headers and footers (the
same box opening or closing most pages, page numbers aside) are left out, so that a paragraph running
over a page break reads on. Scanned PDFs have no text layer and are reported as such rather than
yielding an empty document.
"""

from __future__ import annotations

import re
from collections import Counter
from io import BytesIO

from pdfminer.high_level import extract_pages
from pdfminer.layout import LAParams, LTTextBox
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfpage import PDFTextExtractionNotAllowed

from briefing.ingest.extracted import Extracted, SourceError

_CJK = r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef“”‘’]"
_DIGITS = re.compile(r"\d+")
_MIN_RUNNING_PAGES = 3

_SPACE_IN_CJK = re.compile(f"(?<={_CJK})[ \u00a0]+(?={_CJK})")
"""Spaces some PDF producers put between Chinese characters (glyph positioning, not words)."""


def read_pdf(data: bytes, name: str) -> Extracted:
    try:
        pages = [_page_boxes(page) for page in extract_pages(BytesIO(data), laparams=LAParams())]
    except (PDFPasswordIncorrect, PDFEncryptionError, PDFTextExtractionNotAllowed) as exc:
        raise SourceError(f"{name}: encrypted PDF, cannot extract text ({type(exc).__name__})") from exc
    except Exception as exc:  # pdfminer raises all kinds of errors on damaged files; all mean "corrupt"
        raise SourceError(f"{name}: corrupt or unreadable PDF ({type(exc).__name__}: {exc})") from exc
    running = _running_boxes(pages)
    text = "\n\n".join(box for boxes in pages for box in boxes if _shape(box) not in running)
    if not text.strip():
        raise SourceError(f"{name}: PDF has no text layer (scanned image?)")
    return Extracted(text + "\n", "pdf")


def _page_boxes(page: object) -> list[str]:
    """Text of each text box of the page, in pdfminer's reading order."""
    boxes = []
    for element in page:  # type: ignore[attr-defined]
        if isinstance(element, LTTextBox):
            lines = (_SPACE_IN_CJK.sub("", line.get_text().strip()) for line in element)
            box = "\n".join(line for line in lines if line)
            if box:
                boxes.append(box)
    return boxes


def _running_boxes(pages: list[list[str]]) -> set[str]:
    """Shapes of the boxes that open or close at least half of the pages (and three or more)."""
    counts = Counter(shape for boxes in pages for shape in {_shape(box) for box in boxes[:1] + boxes[-1:]})
    needed = max(_MIN_RUNNING_PAGES, len(pages) / 2)
    return {shape for shape, count in counts.items() if count >= needed}


def _shape(box: str) -> str:
    """A box's text with its numbers blanked out: page 3 and page 4 of a footer have the same shape."""
    return _DIGITS.sub("#", box)
