"""Cut paragraphs into sentences the way the gold is cut (briefing.boundaries.SENTENCE_END: after
。！？； or half-width ; ? !, with the closing quotes and brackets that follow), and at every paragraph end.
"""

from __future__ import annotations

import re

from briefing.boundaries import LONGEST_SENTENCE, SENTENCE_END, SENTENCE_ENDS, fit
from briefing.ingest.cleanup import Paragraph
from briefing.ingest.rules import WHITESPACE

Sentences = list[tuple[str, list[int]]]
_FIGURE = re.compile(r"[0-9A-Za-z.%]+")
"""A number or Latin word: a sentence cut for length is never cut inside one."""
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
        begin = match.start(1)
        # a run without end marks (a page of commas) is cut at clause marks: each fact quotes its sentence
        chunks = fit(sentence, LONGEST_SENTENCE, _FIGURE) if len(sentence) > LONGEST_SENTENCE else [sentence]
        for chunk in chunks:
            piece = chunk.strip(WHITESPACE)
            if piece:
                first = begin + len(chunk) - len(chunk.lstrip(WHITESPACE))
                pieces.append((piece, offsets[first : first + len(piece)]))
            begin += len(chunk)
    return pieces
