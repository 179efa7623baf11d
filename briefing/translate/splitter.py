"""Chinese text cut into pieces for machine translation (sentences themselves: briefing.boundaries).

The MT model translates one sentence at a time and degrades (or truncates) on very long input, so text is
cut at sentence ends (。！？； and the half-width ; ? ! that some reports use instead), keeping closing
quotes and brackets with the sentence they close and never cutting inside a quotation. Pieces that are
still too long are cut at clause marks (，、：), and as a last resort at a fixed length, never inside a
protected placeholder.
"""

from __future__ import annotations

import re

from briefing.boundaries import CLAUSE_MARKS, split_at, split_sentences

MAX_CHARS = 240  # about 150–250 model tokens: well inside the 512-token limit of Argos models


def split_for_mt(text: str, max_chars: int = MAX_CHARS, keep: re.Pattern[str] | None = None) -> list[str]:
    """Pieces of at most `max_chars` characters for the model: sentences, then clauses, then fixed cuts.

    `keep` matches spans (placeholders) that must not be cut.
    """
    out: list[str] = []
    for sentence in split_sentences(text, long=MAX_CHARS):
        if len(sentence) <= max_chars:
            out.append(sentence)
            continue
        for clause in _pack(split_at(sentence, CLAUSE_MARKS, respect_quotes=False), max_chars):
            out.extend(_hard_cut(clause, max_chars, keep))
    return out


def _pack(clauses: list[str], max_chars: int) -> list[str]:
    """Join consecutive clauses while they fit: longer pieces give the model more context."""
    packed: list[str] = []
    for clause in clauses:
        if packed and len(packed[-1]) + len(clause) <= max_chars:
            packed[-1] += clause
        else:
            packed.append(clause)
    return packed


def _hard_cut(text: str, max_chars: int, keep: re.Pattern[str] | None) -> list[str]:
    protected = [(m.start(), m.end()) for m in keep.finditer(text)] if keep else []
    out: list[str] = []
    start = 0
    while len(text) - start > max_chars:
        cut = start + max_chars
        for begin, end in protected:
            if begin < cut < end:
                cut = begin if begin > start else end
                break
        out.append(text[start:cut])
        start = cut
    out.append(text[start:])
    return [p for p in out if p.strip()]
