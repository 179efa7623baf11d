"""How alike two short Chinese texts are, by their character bigrams.

Chinese has no spaces, and the pipeline runs offline without a word segmenter: overlapping character
pairs approximate words well enough to tell that two labels name one thing or that two sentences share
a topic.
"""

from __future__ import annotations

from itertools import pairwise


def char_bigrams(text: str) -> set[str]:
    """The set of adjacent character pairs of `text` (empty for a text under two characters)."""
    return {a + b for a, b in pairwise(text)}


def dice(a: set[str], b: set[str]) -> float:
    """Dice coefficient of two bigram sets: 1.0 for equal sets, 0.0 for disjoint or empty ones."""
    return 2 * len(a & b) / (len(a) + len(b)) if a or b else 0.0
