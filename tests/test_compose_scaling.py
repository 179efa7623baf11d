"""Compose stays linear: a sparse similarity graph for TextRank, duplicates found through an index."""

from __future__ import annotations

from decimal import Decimal

from briefing.compose.salience import TOP_NEIGHBOURS, _bigrams, _neighbours, sentence_scores
from briefing.compose.select import merge_duplicates
from briefing.model import Fact, Sentence


def _sentence(i: int, text: str) -> Sentence:
    return Sentence(i, text, i * 100, i * 100 + len(text), list(range(i * 100, i * 100 + len(text))))


def test_each_sentence_keeps_a_bounded_number_of_neighbours_however_repetitive_the_text():
    texts = ["青川县推进产业园区建设，园区企业不断集聚。"] * 400
    edges = _neighbours([_bigrams(t) for t in texts])
    assert len(edges) == 400
    assert max(len(e) for e in edges) <= TOP_NEIGHBOURS
    assert min(len(e) for e in edges) > 0  # repeated sentences still link to each other


def test_textrank_still_prefers_the_sentence_that_shares_most_wording():
    texts = [
        "推进园区建设和企业服务。",
        "园区建设加快推进。",
        "企业服务持续优化。",
        "推进园区建设，优化企业服务。",
        "雪山脚下牧民放牧牛羊。",
    ]
    scores = sentence_scores([_sentence(i, t) for i, t in enumerate(texts)])
    assert scores[3] == 1.0 or scores[0] == 1.0
    assert scores[4] < min(scores[i] for i in range(4))


def _mention(n: int, label: str = "新设企业") -> Fact:
    sentence = f"第{n}段中，新设企业31家。"
    at = sentence.index("31家")
    return Fact(
        doc="rep",
        id=f"rep#{n}",
        raw="31家",
        span=(n * 40 + at, n * 40 + at + 3),
        sentence=sentence,
        value=Decimal(31),
        unit="enterprise",
        indicator_zh=label,
        period="2025",
        sentence_index=n,
    )


def test_a_figure_repeated_a_thousand_times_is_one_figure_with_every_mention():
    facts = [_mention(n) for n in range(1000)]
    figures = merge_duplicates(facts, {f.id: 1.0 for f in facts})
    assert len(figures) == 1 and len(figures[0].mentions) == 1000


def test_equal_numbers_of_different_subjects_stay_apart():
    facts = [_mention(1), _mention(2, "新建公园绿地")]
    assert len(merge_duplicates(facts, {})) == 2
