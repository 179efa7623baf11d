"""Which facts a brief states: near-duplicates merged into one figure, then the best within each limit.

A figure is often written more than once: in a headline and again in the body, in a sub-heading, or in
two sources of the same run. The reader should see it once, with every place it came from cited, so
mentions of the same figure are merged into a `Figure` before anything is chosen.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from briefing.model import Fact

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
    return {text[i : i + 2] for i in range(len(text) - 1)} or {text}


def similar_indicators(a: str, b: str) -> bool:
    if not a or not b:
        return False
    if a == b or a in b or b in a:
        return True
    ga, gb = _bigrams(a), _bigrams(b)
    return 2 * len(ga & gb) / (len(ga) + len(gb)) >= SIMILAR_INDICATOR


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


def merge_duplicates(facts: list[Fact], scores: dict[str, float]) -> list[Figure]:
    """Figures, best first; each states its best-scored mention (ties: the one earlier in the source)."""
    ranked = sorted(facts, key=lambda f: (-scores.get(f.id, 0.0), f.doc, f.span))
    figures: list[Figure] = []
    for fact in ranked:
        for figure in figures:
            if any(same_figure(fact, seen) for seen in figure.mentions):
                figure.repeats.append(fact)
                break
        else:
            figures.append(Figure(fact, scores.get(fact.id, 0.0)))
    return figures
