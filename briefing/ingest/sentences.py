"""Cut paragraphs into sentences the way the gold is cut (briefing.boundaries.sentence_ends: after
。！？； or half-width ; ? !, with the closing quotes and brackets that follow), and at every paragraph end.
"""

from __future__ import annotations

import re

from briefing.boundaries import CLOSING, SENTENCE_ENDS
from briefing.ingest.cleanup import Paragraph
from briefing.ingest.rules import WHITESPACE

Sentences = list[tuple[str, list[int]]]
"""(text, source offsets) of each sentence of a paragraph."""

_ENDS, _CLOSING = re.escape(SENTENCE_ENDS), re.escape(CLOSING)
_PIECE = re.compile(f"[{WHITESPACE}]*([^{_ENDS}]*(?:[{_ENDS}]+[{_CLOSING}]*)?)")
"""One sentence and the blanks before it: everything up to and with the next run of end marks and the
closing marks after it (where `sentence_ends` cuts), or to the end of the text. The blanks are outside
the group: a sentence is read in one regex step instead of being sliced and stripped in Python."""


def cut(paragraph: Paragraph) -> Sentences:
    """(text, source offsets) of each sentence of the paragraph, surrounding blanks stripped."""
    offsets = paragraph.offsets
    pieces = []
    for match in _PIECE.finditer(paragraph.text):
        sentence = match.group(1).rstrip(WHITESPACE)  # blanks after it: only before the paragraph's end
        if sentence:
            first = match.start(1)
            pieces.append((sentence, offsets[first : first + len(sentence)]))
    return pieces
