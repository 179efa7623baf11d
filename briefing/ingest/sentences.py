"""Cut paragraphs into sentences the way the gold is cut (briefing.boundaries.SENTENCE_END: after
。！？； or half-width ; ? !, with the closing quotes and brackets that follow), and at every paragraph end.
"""

from __future__ import annotations

import re

from briefing.boundaries import SENTENCE_END, SENTENCE_ENDS, bounded
from briefing.ingest.cleanup import Paragraph
from briefing.ingest.rules import WHITESPACE

Sentences = list[tuple[str, list[int]]]
"""(text, source offsets) of each sentence of a paragraph."""

_PIECE = re.compile(f"[{WHITESPACE}]*([^{re.escape(SENTENCE_ENDS)}]*(?:{SENTENCE_END.pattern})?)")
"""One sentence and the blanks before it: everything up to and with the next `SENTENCE_END`, or to
the end of the text. The blanks are outside the group: a sentence is read in one regex step instead of
being sliced and stripped in Python."""


def cut(paragraph: Paragraph) -> Sentences:
    """(text, source offsets) of each sentence of the paragraph, surrounding blanks stripped."""
    offsets = paragraph.offsets
    pieces = []
    for match in _PIECE.finditer(paragraph.text):
        sentence = match.group(1).rstrip(WHITESPACE)  # blanks after it: only before the paragraph's end
        if not sentence:
            continue
        first = match.start(1)
        starts = [0, *bounded(sentence)]  # a run without end marks is cut at clause marks
        for begin, end in zip(starts, [*starts[1:], len(sentence)], strict=True):
            chunk = sentence[begin:end]
            piece = chunk.strip(WHITESPACE)
            if piece:
                begin += len(chunk) - len(chunk.lstrip(WHITESPACE))
                pieces.append((piece, offsets[first + begin : first + begin + len(piece)]))
    return pieces
