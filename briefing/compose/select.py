"""Which facts a brief states: near-duplicates merged into one figure, then the best within each limit.

A figure is often written more than once: in a headline and again in the body, in a sub-heading, or in
two sources of the same run. The reader should see it once, with every place it came from cited, so
mentions of the same figure are merged into a `Figure` before anything is chosen.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from briefing.model import Fact
from briefing.similarity import char_bigrams, dice

SIMILAR_INDICATOR = 0.6  # Dice coefficient of character bigrams above which two labels name one thing


@dataclass
class Figure:
    """One figure as the brief states it: the mention chosen to state it, and its other mentions."""

    fact: Fact
    score: float
    repeats: list[Fact] = field(default_factory=list)

    @property
    def mentions(self) -> list[Fact]:
        return [self.fact, *self.repeats]

    @property
    def ids(self) -> list[str]:
        return [f.id for f in self.mentions]


def _bigrams(text: str) -> set[str]:
    """Bigrams of a label; a one-character label is its own only "bigram", so it still matches itself."""
    return char_bigrams(text) or {text}


def similar_indicators(a: str, b: str) -> bool:
    if not a or not b:
        return False
    if a == b or a in b or b in a:
        return True
    ga, gb = _bigrams(a), _bigrams(b)
    return dice(ga, gb) >= SIMILAR_INDICATOR


def same_figure(a: Fact, b: Fact) -> bool:
    """Two mentions of one figure: same number, unit and kind, compatible period and place, same subject."""
    if (a.doc, a.span) == (b.doc, b.span):
        return a.indicator_zh == b.indicator_zh  # one raw may state two indicators (…均居全市第一)
    if (a.doc, a.sentence_index) == (b.doc, b.sentence_index) and a.sentence_index >= 0:
        # equal numbers in one sentence are two facts (接件数量、答复率均居全市第一)
        # unless the extractor repeated one label
        return bool(a.indicator_zh) and a.indicator_zh == b.indicator_zh and a.value == b.value
    if (a.value, a.value_max, a.unit, a.kind) != (b.value, b.value_max, b.unit, b.kind):
        return False
    if a.period != b.period and "unspecified" not in (a.period, b.period):
        return False
    if a.geo and b.geo and a.geo != b.geo:
        return False
    if a.indicator_zh or b.indicator_zh:
        return similar_indicators(a.indicator_zh, b.indicator_zh)
    return a.raw == b.raw


MENTIONS_COMPARED = 8  # a figure mentioned more often is compared through its first mentions only
KEY_CANDIDATES = 64  # figures of one (value, unit, kind) compared with a new mention: the latest ones


def _key(fact: Fact) -> tuple:
    return fact.value, fact.value_max, fact.unit, fact.kind


def merge_duplicates(facts: list[Fact], scores: dict[str, float]) -> list[Figure]:
    """Figures, best first; each states its best-scored mention (ties: the one earlier in the source).

    Only figures sharing a (value, unit, kind) key, or the very span, can be one figure, so each fact is
    compared with those alone (an index, not every figure so far): the cost grows with the document,
    not with its square, even when one sentence is repeated a thousand times.
    """
    ranked = sorted(facts, key=lambda f: (-scores.get(f.id, 0.0), f.doc, f.span))
    figures: list[Figure] = []
    by_key: dict[tuple, list[Figure]] = defaultdict(list)
    by_span: dict[tuple, list[Figure]] = defaultdict(list)
    for fact in ranked:
        candidates = {id(f): f for f in (*by_span[fact.doc, fact.span], *by_key[_key(fact)])}
        for figure in candidates.values():
            if any(same_figure(fact, seen) for seen in figure.mentions[:MENTIONS_COMPARED]):
                figure.repeats.append(fact)
                break
        else:
            figure = Figure(fact, scores.get(fact.id, 0.0))
            figures.append(figure)
            by_key[_key(fact)].append(figure)
        if all(f is not figure for f in by_span[fact.doc, fact.span]):
            by_span[fact.doc, fact.span].append(figure)
    return figures
