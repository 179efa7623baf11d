"""The section and article a sentence offset falls in, found by bisection, agree with reading the spans
in list order (the definition), for nested, disjoint, gapped and out-of-order spans."""

from __future__ import annotations

import random
from dataclasses import dataclass

from briefing.ingest import _Locator


@dataclass
class Span:
    start: int
    end: int


def innermost_by_reading(spans: list[Span], offset: int) -> int | None:
    found = None
    for i, span in enumerate(spans):
        if span.start > offset:
            break
        if offset < span.end:
            found = i
    return found


def first_by_reading(spans: list[Span], offset: int) -> int | None:
    return next((i for i, s in enumerate(spans) if s.start <= offset < s.end), None)


def nested(rng: random.Random, start: int, end: int, depth: int) -> list[Span]:
    """Sections in text order, each followed by its subsections, with gaps between them."""
    out: list[Span] = []
    at = start
    while at < end - 4 and depth:
        length = rng.randint(2, max(2, (end - at) // 2))
        span = Span(at, min(end, at + length))
        out.append(span)
        out += nested(rng, span.start + 1, span.end, depth - 1)
        at = span.end + rng.randint(0, 3)
    return out


def test_innermost_section_matches_reading_in_order():
    rng = random.Random(7)
    for _ in range(50):
        spans = nested(rng, 0, 200, 3)
        locator = _Locator(spans)
        assert locator.ordered
        for offset in range(-1, 205):
            assert locator.innermost(offset) == innermost_by_reading(spans, offset)


def test_article_found_among_disjoint_and_overlapping_spans():
    disjoint = [Span(0, 10), Span(10, 10), Span(10, 25), Span(30, 40)]
    overlapping = [Span(0, 20), Span(5, 30), Span(25, 26)]
    unordered = [Span(20, 30), Span(0, 10)]
    for spans in (disjoint, overlapping, unordered):
        locator = _Locator(spans)
        for offset in range(-1, 45):
            assert locator.first(offset) == first_by_reading(spans, offset)
            assert locator.innermost(offset) == innermost_by_reading(spans, offset)
    assert _Locator(disjoint).disjoint and not _Locator(overlapping).disjoint
    assert not _Locator(unordered).ordered
