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


def test_every_offset_of_a_run_gets_the_answer_of_the_offset_that_found_it():
    """`run` lets the sentence loop skip the look-up while a sentence starts inside the run of the one
    before: every offset of the run must get the answer a look-up of its own gives, for nested,
    disjoint, overlapping, out-of-order spans and none."""
    rng = random.Random(11)
    cases = [nested(rng, 0, 200, 3) for _ in range(30)]
    cases += [[Span(0, 10), Span(10, 10), Span(10, 25), Span(30, 40)], [Span(20, 30), Span(0, 10)], []]
    for spans in cases:
        locator = _Locator(spans)
        finders = ((locator.innermost, innermost_by_reading), (locator.first, first_by_reading))
        for find, by_reading in finders:
            for offset in range(0, 205, 3):
                answer, low, high = locator.run(offset, find)
                assert low <= offset < high
                for other in range(max(low, -1), min(high, 210)):
                    assert by_reading(spans, other) == answer, (spans, offset, other)


def test_each_sentence_gets_the_section_and_article_its_own_offset_is_in():
    """The sentence loop looks up only sentences that leave the run of the one before: every sentence
    must still carry the section and article a look-up of its own start finds."""
    from briefing.ingest import document_from_text

    report = (
        "示例县2031年工作报告\n\n一、过去一年回顾\n\n全县产值增长5%。新建学校3所。\n\n"
        "（一）农业\n\n粮食增产2%；果园扩大1000亩。\n\n二、今年目标\n\n产值增长6%左右。\n"
    )
    digest = (
        "要闻\n甲镇新桥通车\n本报讯（记者 某某）新桥长120米。车流增加3成。\n\n"
        "乙乡\n果农增收\n本报讯（记者 某某）收入增长8%。\n"
    )
    for text in (report, digest):
        document = document_from_text(text)
        sections, articles = _Locator(document.sections), _Locator(document.articles)
        assert document.sections or document.articles
        for sentence in document.sentences:
            assert sentence.section == sections.innermost(sentence.start)
            assert sentence.article == articles.first(sentence.start)
