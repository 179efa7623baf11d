"""Chinese sentence splitting for machine translation.

The MT model translates one sentence at a time and degrades (or truncates) on very long input, so text is
cut at sentence ends (。！？； and the half-width ; ? ! that some reports use instead), keeping closing
quotes and brackets with the sentence they close and never cutting inside a quotation. Pieces that are
still too long are cut at clause marks (，、：), and as a last resort at a fixed length, never inside a
protected placeholder.
"""

from __future__ import annotations

import re

SENTENCE_ENDS = frozenset("。！？；!?;")
CLAUSE_ENDS = frozenset("，,、：:")
OPENERS = {"“": "”", "‘": "’", "「": "」", "『": "』", "《": "》", "（": "）", "(": ")", "【": "】"}
CLOSERS = frozenset(OPENERS.values())
MAX_CHARS = 240  # about 150–250 model tokens: well inside the 512-token limit of Argos models


def split_sentences(text: str) -> list[str]:
    """Sentences of `text`, each with its closing punctuation and closing quotes; whitespace-only pieces
    dropped. Joining the pieces gives back `text` minus surrounding whitespace of each piece."""
    pieces = _split_at(text, SENTENCE_ENDS, respect_quotes=True)
    if any(len(p) > MAX_CHARS for p in pieces) and _unbalanced(text):
        # An unclosed quote would otherwise swallow the rest of the text into one sentence.
        pieces = _split_at(text, SENTENCE_ENDS, respect_quotes=False)
    return [p.strip() for p in pieces if p.strip()]


def split_for_mt(text: str, max_chars: int = MAX_CHARS, keep: re.Pattern[str] | None = None) -> list[str]:
    """Pieces of at most `max_chars` characters for the model: sentences, then clauses, then fixed cuts.

    `keep` matches spans (placeholders) that must not be cut.
    """
    out: list[str] = []
    for sentence in split_sentences(text):
        if len(sentence) <= max_chars:
            out.append(sentence)
            continue
        for clause in _pack(_split_at(sentence, CLAUSE_ENDS, respect_quotes=False), max_chars):
            out.extend(_hard_cut(clause, max_chars, keep))
    return out


def _split_at(text: str, ends: frozenset[str], *, respect_quotes: bool) -> list[str]:
    pieces: list[str] = []
    start = 0
    depth: list[str] = []
    i = 0
    while i < len(text):
        char = text[i]
        if char in OPENERS:
            depth.append(OPENERS[char])
        elif depth and char == depth[-1]:
            depth.pop()
        # A quotation that ends with its own full stop (……。”) ends the sentence too.
        closes_sentence = char in CLOSERS and not depth and i > start and text[i - 1] in ends
        if closes_sentence or (char in ends and not (respect_quotes and depth)):
            end = i + 1
            while end < len(text) and (text[end] in CLOSERS or text[end] in ends):
                end += 1
            pieces.append(text[start:end])
            start = i = end
            continue
        i += 1
    if start < len(text):
        pieces.append(text[start:])
    return pieces


def _unbalanced(text: str) -> bool:
    return any(text.count(opener) != text.count(closer) for opener, closer in OPENERS.items())


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
