"""How much each fact and each qualitative sentence deserves a place in the brief.

Fact score (higher is better), a sum of documented parts:

- kind: a change, a target, a share or a rank tells the reader more than a plain count
  (KIND_WEIGHT: change_pct 3.0 … level 1.0); +0.8 for a figure with a direction (growth targets,
  翻番), the figures reports lead with;
- magnitude: the value's percentile among the document's facts of the same unit and kind (0–1), so the
  biggest sum of money outranks the smallest, but a percentage is never compared with a count of firms;
- prominence: +2.0 when the fact sits in a headline or heading (the editor's own choice), +0.5 in the
  lead sentence of an article or section (reporters and report writers put what matters first);
- position: up to +0.5 for facts early in the document, falling linearly;
- theme coverage: up to +0.5 for facts of the themes the document says most about;
- doubt: rhetorical small counts written in words (三大, 两条) lose 1.0, facts without an indicator lose
  1.0, and the total is scaled by the extractor's confidence.

Qualitative sentences are scored by TextRank (Mihalcea & Tarau 2004) over character bigrams: a sentence
that shares wording with many other sentences states a central point of the document. Chinese needs no
word segmenter for this; bigrams approximate words well enough for overlap and keep the stage offline.
The graph is sparse (each sentence keeps its strongest neighbours, found through an inverted index), so
cost and memory grow linearly with the document.
"""

from __future__ import annotations

import bisect
import heapq
import math
import re
from collections import Counter, defaultdict

from briefing.model import Document, Fact, Sentence
from briefing.similarity import char_bigrams

KIND_WEIGHT = {
    "change_pct": 3.0,
    "target": 2.5,
    "change_abs": 2.2,
    "multiple": 2.2,
    "share": 2.0,
    "rank": 2.0,
    "level": 1.0,
}
DIRECTION_BONUS = 0.8
HEADLINE_BONUS = 2.0
LEAD_BONUS = 0.5
POSITION_WEIGHT = 0.5
COVERAGE_WEIGHT = 0.5
RHETORICAL_PENALTY = 1.0
UNLABELLED_PENALTY = 1.0
_DIGIT = re.compile(r"\d")


def is_lead(document: Document, sentence: Sentence) -> bool:
    """First body sentence of an article or section: the one after a heading or a new article."""
    if sentence.is_heading:
        return False
    if sentence.index == 0:
        return True
    before = document.sentences[sentence.index - 1]
    return before.is_heading or before.article != sentence.article


def sentence_of(document: Document, fact: Fact) -> Sentence | None:
    """The sentence holding the fact: by its index, else by its span."""
    if 0 <= fact.sentence_index < len(document.sentences):
        return document.sentences[fact.sentence_index]
    for sentence in document.sentences:
        if sentence.start <= fact.span[0] < sentence.end:
            return sentence
    return None


def fact_scores(document: Document, facts: list[Fact]) -> dict[str, float]:
    """Score of every fact, keyed by fact id."""
    peers: dict[tuple[str, str], list[float]] = defaultdict(list)
    for fact in facts:
        peers[fact.unit, fact.kind].append(float(fact.value))
    for values in peers.values():
        values.sort()
    theme_counts = Counter(f.theme for f in facts if f.theme)
    top_theme = max(theme_counts.values(), default=1)
    length = max(len(document.text), 1)

    scores: dict[str, float] = {}
    for fact in facts:
        values = peers[fact.unit, fact.kind]
        magnitude = _percentile(values, float(fact.value))
        sentence = sentence_of(document, fact)
        prominence = 0.0
        if sentence is not None and sentence.is_heading:
            prominence = HEADLINE_BONUS
        elif sentence is not None and is_lead(document, sentence):
            prominence = LEAD_BONUS
        position = POSITION_WEIGHT * (1 - min(fact.span[0], length) / length)
        coverage = COVERAGE_WEIGHT * theme_counts.get(fact.theme, 0) / top_theme
        score = KIND_WEIGHT.get(fact.kind, 1.0) + magnitude + prominence + position + coverage
        if fact.direction in ("up", "down"):
            score += DIRECTION_BONUS
        if is_rhetorical(fact):
            score -= RHETORICAL_PENALTY
        if not fact.indicator_zh:
            score -= UNLABELLED_PENALTY
        scores[fact.id] = score * fact.certainty
    return scores


def _percentile(sorted_values: list[float], value: float) -> float:
    if len(sorted_values) < 2:
        return 0.5
    below = bisect.bisect_left(sorted_values, value)
    return below / (len(sorted_values) - 1)


def is_rhetorical(fact: Fact) -> bool:
    """A small count written in words without digits (三大计划, 两条主线) is usually a slogan."""
    return fact.kind in ("level", "target") and fact.value <= 5 and not _DIGIT.search(fact.raw)


# ---------------------------------------------------------------- qualitative sentences

DAMPING = 0.85
ITERATIONS = 40
CONVERGED = 1e-4  # mean change of a rank between two iterations at which TextRank stops
POSTING_WINDOW = 16  # neighbours looked at per shared bigram: the sentences nearest in the posting list
TOP_NEIGHBOURS = 16  # edges kept per sentence: its strongest links


def _bigrams(text: str) -> set[str]:
    """Bigrams of the letters and digits of `text`: punctuation would link sentences on 。” alone."""
    return char_bigrams("".join(c for c in text if c.isalnum()))


def _neighbours(grams: list[set[str]]) -> list[list[tuple[int, float]]]:
    """Each sentence's TOP_NEIGHBOURS strongest similarities, from an inverted index of its bigrams.

    A bigram shared by many sentences (发展, 推进) links each sentence only to the POSTING_WINDOW
    sentences nearest it in that bigram's posting list, so the work per sentence is bounded by its
    length times a constant: no all-pairs matrix, however long or repetitive the document.
    """
    postings: dict[str, list[int]] = defaultdict(list)
    where: list[list[tuple[str, int]]] = []
    for i, g in enumerate(grams):
        mine = []
        for gram in g:
            mine.append((gram, len(postings[gram])))
            postings[gram].append(i)
        where.append(mine)
    half = POSTING_WINDOW // 2
    logs = [math.log(len(g) + 1) for g in grams]
    edges: list[list[tuple[int, float]]] = []
    for i, mine in enumerate(where):
        overlap: Counter[int] = Counter()
        for gram, at in mine:
            posting = postings[gram]
            overlap.update(j for j in posting[max(0, at - half) : at + half + 1] if j != i)
        weighted = (
            (j, shared / (logs[i] + logs[j])) for j, shared in overlap.items() if logs[i] + logs[j] > 0
        )
        edges.append(heapq.nlargest(TOP_NEIGHBOURS, weighted, key=lambda e: (e[1], -e[0])))
    return edges


def sentence_scores(sentences: list[Sentence]) -> dict[int, float]:
    """TextRank score of each sentence (keyed by Sentence.index), normalised so the best is 1.0."""
    n = len(sentences)
    edges = _neighbours([_bigrams(s.text) for s in sentences])
    out_weight = [sum(w for _, w in e) or 1.0 for e in edges]
    rank = [1.0] * n
    for _ in range(ITERATIONS):
        incoming = [0.0] * n
        for i, e in enumerate(edges):
            share = rank[i] / out_weight[i]
            for j, w in e:
                incoming[j] += share * w
        updated = [(1 - DAMPING) + DAMPING * x for x in incoming]
        moved = sum(abs(a - b) for a, b in zip(updated, rank, strict=True)) / max(n, 1)
        rank = updated
        if moved < CONVERGED:
            break
    best = max(rank, default=1.0) or 1.0
    return {s.index: rank[i] / best for i, s in enumerate(sentences)}
