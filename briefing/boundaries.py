"""Sentence and clause boundaries of Chinese text: the marks (data/punctuation.toml) and the cuts.

Every stage reads its marks here, and its sentence and clause ends from the patterns made of them, so
that ingest, facts, translation and rendering agree on what a sentence is. Two ways to cut sentences,
for two needs: at every `SENTENCE_END`, inside quotations too, as the gold annotations do (ingest's
sentences, which facts cite: ingest.sentences); `split_sentences` never cuts inside a quotation or
bracket, so that the translation model sees a quoted sentence whole.
"""

from __future__ import annotations

import re
from functools import cache

from briefing import regex_cache
from briefing.resources import DATA_DIR, toml_data


@cache
def _marks() -> dict:
    return toml_data(DATA_DIR / "punctuation.toml")


SENTENCE_ENDS: str = _marks()["sentence_ends"]
"""Marks that end a sentence: 。！？； and their half-width stand-ins."""
CLAUSE_BREAKS: str = _marks()["clause_breaks"]
"""Marks that end a clause inside a sentence: commas and colons."""
ENUMERATION: str = _marks()["enumeration"]
"""The enumeration comma 、, between the items of a list inside a clause."""
CLAUSE_MARKS = CLAUSE_BREAKS + ENUMERATION
"""Marks inside or at the end of a clause that do not end the sentence."""
CLOSING: str = _marks()["closing"]
"""Closing quotes and brackets that stay with the sentence they close."""
PAIRS: dict[str, str] = dict(_marks()["pairs"])
"""Opening mark → its closing mark."""
CLOSERS = frozenset(PAIRS.values())
LONGEST_SENTENCE: int = _marks()["longest_sentence"]
"""Ingest cuts a longer sentence at clause marks (see punctuation.toml)."""

CLAUSE_END = regex_cache.compile(f"[{re.escape(SENTENCE_ENDS + CLAUSE_BREAKS)}]")
"""Any mark that ends a clause: a sentence end, a comma or a colon (not the enumeration comma)."""
SENTENCE_END = regex_cache.compile(f"[{re.escape(SENTENCE_ENDS)}]+[{re.escape(CLOSING)}]*")
"""A sentence end as the gold annotations cut: a run of end marks and the closing marks after it."""


def fit(text: str, longest: int, keep: re.Pattern[str] | None = None) -> list[str]:
    """`text` in pieces of at most `longest` characters that join back into it: cut at clause marks
    (consecutive clauses joined while they fit, so a piece ends at the last mark within the limit), a
    clause still too long cut at the limit, but never inside a span `keep` matches (a placeholder, a
    figure): there the cut moves to the span's start."""
    pieces: list[str] = []
    for clause in _pack(split_at(text, CLAUSE_MARKS, respect_quotes=False), longest):
        pieces.extend(_hard_cut(clause, longest, keep))
    return pieces


def _pack(clauses: list[str], longest: int) -> list[str]:
    packed: list[str] = []
    for clause in clauses:
        if packed and len(packed[-1]) + len(clause) <= longest:
            packed[-1] += clause
        else:
            packed.append(clause)
    return packed


def _hard_cut(text: str, longest: int, keep: re.Pattern[str] | None) -> list[str]:
    protected = [(m.start(), m.end()) for m in keep.finditer(text)] if keep else []
    out: list[str] = []
    start = 0
    while len(text) - start > longest:
        cut = start + longest
        for begin, end in protected:
            if begin < cut < end:
                cut = begin if begin > start else end
                break
        out.append(text[start:cut])
        start = cut
    out.append(text[start:])
    return out


def split_sentences(text: str, *, long: int | None = None) -> list[str]:
    """Sentences of `text`, each with its end mark and closing quotes, never cut inside a quotation or
    bracket; whitespace-only pieces dropped, each piece stripped.

    An unclosed quotation would swallow the rest of the text into one sentence: when a piece is longer
    than `long` characters and the text's quotes do not balance, quotations are ignored."""
    pieces = split_at(text, SENTENCE_ENDS, respect_quotes=True)
    if long is not None and any(len(p) > long for p in pieces) and _unbalanced(text):
        pieces = split_at(text, SENTENCE_ENDS, respect_quotes=False)
    return [p.strip() for p in pieces if p.strip()]


def split_at(text: str, ends: str, *, respect_quotes: bool) -> list[str]:
    """`text` cut after each mark of `ends` (with the closing and end marks that follow it); with
    `respect_quotes`, not inside a quotation or bracket, except where a quoted sentence ends (……。”)."""
    pieces: list[str] = []
    start = 0
    depth: list[str] = []
    i = 0
    while i < len(text):
        char = text[i]
        if char in PAIRS:
            depth.append(PAIRS[char])
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
    return any(text.count(opener) != text.count(closer) for opener, closer in PAIRS.items())
