"""Cut paragraphs into sentences the way the gold is cut (briefing.boundaries.sentence_ends: after
。！？； or half-width ; ? !, with the closing quotes and brackets that follow), and at every paragraph end.
"""

from __future__ import annotations

from briefing.boundaries import sentence_ends
from briefing.ingest.cleanup import Paragraph
from briefing.ingest.rules import WHITESPACE


def cut(paragraph: Paragraph) -> list[tuple[str, list[int]]]:
    """(text, source offsets) of each sentence of the paragraph, surrounding blanks stripped."""
    pieces = []
    start = 0
    text = paragraph.text
    for end in [*sentence_ends(text), len(text)]:
        piece = text[start:end]
        lead = len(piece) - len(piece.lstrip(WHITESPACE))
        stripped = piece.strip(WHITESPACE)
        if stripped:
            first = start + lead
            pieces.append((stripped, paragraph.offsets[first : first + len(stripped)]))
        start = end
    return pieces


def first_sentence(paragraph: Paragraph) -> str:
    """The text of the paragraph's first sentence, as `cut` gives it, without cutting the rest."""
    start = 0
    text = paragraph.text
    for end in sentence_ends(text):
        stripped = text[start:end].strip(WHITESPACE)
        if stripped:
            return stripped
        start = end
    return cut(paragraph)[0][0]  # the last piece (a paragraph without a blank-only end)
