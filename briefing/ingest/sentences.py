"""Cut paragraphs into sentences the way the gold is cut (briefing.boundaries.sentence_ends: after
。！？； or half-width ; ? !, with the closing quotes and brackets that follow), and at every paragraph end.
"""

from __future__ import annotations

from briefing.boundaries import sentence_ends
from briefing.ingest.cleanup import Paragraph
from briefing.ingest.rules import WHITESPACE

Sentences = list[tuple[str, list[int]]]
"""(text, source offsets) of each sentence of a paragraph."""


def cut(paragraph: Paragraph) -> Sentences:
    """(text, source offsets) of each sentence of the paragraph, surrounding blanks stripped."""
    pieces = []
    start = 0
    text = paragraph.text
    offsets = paragraph.offsets
    for end in [*sentence_ends(text), len(text)]:
        piece = text[start:end]
        stripped = piece.strip(WHITESPACE)
        if stripped:
            lead = 0 if stripped[0] == piece[0] else len(piece) - len(piece.lstrip(WHITESPACE))
            first = start + lead
            pieces.append((stripped, offsets[first : first + len(stripped)]))
        start = end
    return pieces
