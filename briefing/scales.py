"""Scale words (万, 亿, 万亿 …; thousand … trillion) and measure words split into scale and unit.

One notion for the extractor, which multiplies 5.2万亿元 out to 5,200,000,000,000 yuan, and the renderer,
which writes the figure back as 5.2万亿元 / CNY 5.2 trillion: if the two split a measure word differently,
a figure changes on its way into a brief (the 万亿元 → 万 + 亿元 error). The table is data
(`data/scales.toml`); the unit forms come from the extractor's lexicon (`data/measure_words.toml`).
"""

from __future__ import annotations

import tomllib
from decimal import Decimal
from functools import cache

from briefing.resources import DATA_DIR

TIER = "级"  # 百亿级, 万亿级: a magnitude, no unit


@cache
def _table() -> dict[str, dict[str, int]]:
    with open(DATA_DIR / "scales.toml", "rb") as handle:
        return tomllib.load(handle)


@cache
def zh_scales() -> dict[str, Decimal]:
    """Chinese scale words, largest first: 万亿 → 10¹², …, 万 → 10⁴, 千 → 10³."""
    table = _table()["zh"]
    return {word: Decimal(table[word]) for word in sorted(table, key=table.__getitem__, reverse=True)}


@cache
def en_scales() -> dict[str, Decimal]:
    """English scale words, largest first: trillion, billion, million, thousand."""
    table = _table()["en"]
    return {word: Decimal(table[word]) for word in sorted(table, key=table.__getitem__, reverse=True)}


def compound_scales() -> frozenset[str]:
    """The scale words written with two characters (万亿, 千万 …): the only legal runs of scale characters."""
    return frozenset(word for word in zh_scales() if len(word) > 1)


@cache
def _unit_forms() -> frozenset[str]:
    """Every unit form of the extractor's lexicon (data/measure_words.toml): what may follow a scale.
    Read here, not through briefing.facts, since the renderer is shared by every stage."""
    with open(DATA_DIR / "measure_words.toml", "rb") as handle:
        data = tomllib.load(handle)
    return frozenset(data["units"]) | frozenset(data.get("factors", {}))


@cache
@cache
def _longest_first() -> tuple[str, ...]:
    """The Chinese scale words, longest first (万亿 before 万)."""
    return tuple(sorted(zh_scales(), key=len, reverse=True))


def split_measure_word(written: str) -> tuple[str, str]:
    """A measure word as (scale word, unit form): 万亿元 → ("万亿", "元"), 万千瓦 → ("万", "千瓦"),
    千米 → ("千", "米"), 百亿级 → ("百亿", "级"), 家 → ("", "家"), 千瓦 → ("", "千瓦").

    A scale is taken, longest first, when what follows it is a known unit form, nothing or 级; a scale
    ending in 万 or 亿 also before an unknown form (万标箱), since those are never the start of a unit,
    while 千 is (千瓦, 千克).
    """
    by_length = _longest_first()
    if not written.startswith(by_length):  # most measure words (家, 个, %) hold no scale
        return "", written
    units = _unit_forms()
    for scale in by_length:
        rest = written[len(scale) :]
        if written.startswith(scale) and (rest in ("", TIER) or rest in units):
            return scale, rest
    for scale in by_length:
        if written.startswith(scale) and scale[-1] in "万亿":
            return scale, written[len(scale) :]
    return "", written
