"""Cut paragraphs into sentences the way the gold is cut (briefing.boundaries.SENTENCE_END: after
。！？； or half-width ; ? !, with the closing quotes and brackets that follow), and at every paragraph end.
"""

from __future__ import annotations

import re

from briefing import regex_cache
from briefing.boundaries import LONGEST_SENTENCE, SENTENCE_END, SENTENCE_ENDS, fit
from briefing.ingest.cleanup import Paragraph
from briefing.ingest.rules import WHITESPACE

Sentences = list[tuple[str, list[int]]]
"""(text, source offsets) of each sentence of a paragraph."""

_FIGURE = regex_cache.compile(r"[0-9A-Za-z.%]+")
"""A number or Latin word: a sentence cut for length is never cut inside one."""

_PIECE = regex_cache.compile(f"([{WHITESPACE}]*)([^{re.escape(SENTENCE_ENDS)}]*(?:{SENTENCE_END.pattern})?)")
"""The blanks before a sentence, and the sentence: everything up to and with the next `SENTENCE_END`,
or to the end of the text. The blanks are a group of their own: a sentence is read in one regex step
instead of being sliced and stripped in Python, and `findall` gives both as strings made in C (no
match object, no `span` or `group` call a sentence)."""


def cut(paragraph: Paragraph) -> Sentences:
    """(text, source offsets) of each sentence of the paragraph, surrounding blanks stripped.

    The blanks at the paragraph's end are left out of the search (`endpos`), so that every piece the
    regex reads is already stripped: it opens after the blanks before it and ends with an end mark
    or a closing mark, or at the last character that is no blank. Where each piece stands is counted
    from the lengths of the pieces before it. Only a piece too long for one sentence needs more work
    (`_fitted`)."""
    text, offsets = paragraph.text, paragraph.offsets
    pieces = []
    end = 0
    for blanks, sentence in _PIECE.findall(text, 0, len(text.rstrip(WHITESPACE))):
        begin = end + len(blanks)
        end = begin + len(sentence)
        if end - begin > LONGEST_SENTENCE:
            pieces += _fitted(sentence, begin, offsets)
        elif sentence:
            pieces.append((sentence, offsets[begin:end]))
    return pieces


def _fitted(sentence: str, begin: int, offsets: list[int]) -> Sentences:
    """A run without end marks (a page of commas) cut at clause marks: each fact quotes its sentence."""
    pieces = []
    for chunk in fit(sentence, LONGEST_SENTENCE, _FIGURE):
        piece = chunk.strip(WHITESPACE)
        if piece:
            first = begin + len(chunk) - len(chunk.lstrip(WHITESPACE))
            pieces.append((piece, offsets[first : first + len(piece)]))
        begin += len(chunk)
    return pieces
