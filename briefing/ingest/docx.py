"""Word (.docx) sources: paragraphs and table rows in document order (python-docx).

Paragraphs are separated by a line break like the lines of a text file, table cells of a row by a tab.
The title in the file's properties is not used: it is often a template's leftover, while the first line
of the text is what the reader sees.
"""

from __future__ import annotations

import zipfile
from io import BytesIO

import docx
from docx.opc.exceptions import OpcError
from docx.table import Table
from docx.text.paragraph import Paragraph

from briefing.ingest.extracted import Extracted, SourceError


def read_docx(data: bytes, name: str) -> Extracted:
    try:
        document = docx.Document(BytesIO(data))
    except (OpcError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise SourceError(f"{name}: corrupt or unreadable DOCX ({type(exc).__name__}: {exc})") from exc
    lines = []
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            lines.append(block.text)
        elif isinstance(block, Table):
            lines.extend(_row_text(row) for row in block.rows)
    return Extracted("\n".join(lines) + "\n", "docx")


def _row_text(row: object) -> str:
    cells: list[str] = []
    for cell in row.cells:  # type: ignore[attr-defined]
        text = cell.text.strip()
        if text and (not cells or cells[-1] != text):  # merged cells repeat their text
            cells.append(text)
    return "\t".join(cells)
