"""Cut paragraphs into sentences the way the gold is cut: after 。！？； (or half-width ; ? !), with the
closing quotes and brackets that follow, and at every paragraph end.
"""

from __future__ import annotations

import re
from functools import cache

from briefing.ingest.cleanup import Paragraph
from briefing.ingest.rules import WHITESPACE, Rules


@cache
def _sentence_end(end_marks: str, closing_marks: str) -> re.Pattern[str]:
    return re.compile(f"[{re.escape(end_marks)}]+[{re.escape(closing_marks)}]*")


def cut(paragraph: Paragraph, rules: Rules) -> list[tuple[str, list[int]]]:
    """(text, source offsets) of each sentence of the paragraph, surrounding blanks stripped."""
    pieces = []
    start = 0
    text = paragraph.text
    ends = [m.end() for m in _sentence_end(rules.end_marks, rules.closing_marks).finditer(text)]
    for end in [*ends, len(text)]:
        piece = text[start:end]
        lead = len(piece) - len(piece.lstrip(WHITESPACE))
        stripped = piece.strip(WHITESPACE)
        if stripped:
            first = start + lead
            pieces.append((stripped, paragraph.offsets[first : first + len(stripped)]))
        start = end
    return pieces
