"""Machine translation of sentences for the translation layer (briefing/translate/__init__.py says how):
glossary entries and composed phrases first, then masking, model-sized pieces, the number check and the
piecewise retry.

A module of its own so that a run whose labels need no model (`briefing facts`) never imports the
masking, splitting and checking code.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from briefing.model import Fact, Translation
from briefing.translate.fidelity import check_numbers, read_numbers
from briefing.translate.glossary import Glossary
from briefing.translate.protect import (
    PLACEHOLDER_RE,
    Item,
    Masked,
    is_punctuation,
    mask,
    punctuation_en,
    tidy,
    unmask,
)
from briefing.translate.splitter import split_for_mt

_EDGES = re.compile(r"^([\W_]*)(.*?)([\W_]*)$", re.DOTALL)


def translate_sentences(
    items: list[tuple[str, list[Fact]]],
    glossary: Glossary,
    phrase: Callable[[str], Translation | None] | None,
    translate: Callable[[Iterable[str]], dict[str, str] | None],
) -> list[Translation]:
    """English for each (sentence, facts it states), in order. `phrase` composes a short phrase without
    figures (None: never compose); `translate` gives the model's English for texts, None without one."""
    results: list[Translation | None] = [None] * len(items)
    plans: list[tuple[int, Masked, list[str]]] = []
    for index, (zh, facts) in enumerate(items):
        text = zh.strip()
        if not text:
            results[index] = Translation("", "untranslated")
            continue
        entry = glossary.lookup(text)
        if entry is not None:
            results[index] = Translation(entry, "glossary")
            continue
        composed = phrase(text) if phrase and not facts else None
        if composed is not None:
            results[index] = composed
            continue
        masked = mask(text, facts, glossary)
        plans.append((index, masked, split_for_mt(masked.text, keep=PLACEHOLDER_RE)))

    whole = translate(c for _, _, chunks in plans for c in chunks if _needs_mt(c)) or {}
    retry: list[tuple[int, Masked]] = []
    for index, masked, chunks in plans:
        if any(_needs_mt(c) and c not in whole for c in chunks):
            results[index] = Translation("", "untranslated")
            continue
        joined = " ".join(whole[c] if _needs_mt(c) else punctuation_en(c) for c in chunks)
        en = unmask(joined, masked)
        if en is not None and _numbers_ok(en, masked):
            results[index] = Translation(en, "mt" if any(map(_needs_mt, chunks)) else "glossary")
        else:
            retry.append((index, masked))

    if retry:
        cores = [core for _, masked in retry for core in _piece_cores(masked)]
        chunked = {core: split_for_mt(core) for core in cores}
        pieces_en = translate(c for chunks in chunked.values() for c in chunks) or {}
        cores_en = {core: " ".join(pieces_en.get(c, "") for c in chunks) for core, chunks in chunked.items()}
        for index, masked in retry:
            en = _join_pieces(masked, cores_en)
            ok = en is not None and _numbers_ok(en, masked)
            results[index] = Translation(en, "mt") if ok and en else Translation("", "untranslated")
    return [r if r is not None else Translation("", "untranslated") for r in results]


def _needs_mt(chunk: str) -> bool:
    return not is_punctuation(PLACEHOLDER_RE.sub("", chunk))


def _numbers_ok(en: str, masked: Masked) -> bool:
    allowed = {value for item in masked.items if item.kind != "fact" for value, _, _ in read_numbers(item.en)}
    return not check_numbers(en, masked.facts, allowed=allowed)


def _edges(text: str) -> tuple[str, str, str]:
    match = _EDGES.match(text)
    assert match is not None  # the pattern matches any string
    return match[1], match[2], match[3]


def _piece_cores(masked: Masked) -> list[str]:
    """The stretches of text between protected items that need the model (punctuation at their edges
    is rendered directly)."""
    return [
        core for piece in masked.pieces() if isinstance(piece, str) for core in [_edges(piece)[1]] if core
    ]


def _join_pieces(masked: Masked, cores_en: dict[str, str]) -> str | None:
    """The sentence rebuilt from translated stretches and rendered items; None if a stretch has no English."""
    parts: list[str] = []
    for piece in masked.pieces():
        if isinstance(piece, Item):
            parts.append(piece.en)
            continue
        lead, core, trail = _edges(piece)
        if core and not cores_en.get(core):
            return None
        parts.extend([punctuation_en(lead), cores_en.get(core, ""), punctuation_en(trail)])
    return tidy(" ".join(parts))
