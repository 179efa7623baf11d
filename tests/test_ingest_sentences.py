"""`cut` gives each sentence stripped of blanks, with the source offset of every character it keeps."""

from __future__ import annotations

import random

import pytest

from briefing.boundaries import CLOSING, SENTENCE_ENDS
from briefing.ingest.cleanup import Paragraph
from briefing.ingest.rules import WHITESPACE
from briefing.ingest.sentences import cut


def sentence_ends(text: str) -> list[int]:
    """Where the gold cuts, found by walking the text: after each run of end marks and the closing
    marks after it (the reference for the regex that `cut` is built from, boundaries.SENTENCE_END)."""
    ends = []
    i = 0
    while i < len(text):
        if text[i] not in SENTENCE_ENDS:
            i += 1
            continue
        while i < len(text) and text[i] in SENTENCE_ENDS:
            i += 1
        while i < len(text) and text[i] in CLOSING:
            i += 1
        ends.append(i)
    return ends


def cut_by_definition(text: str) -> list[tuple[str, list[int]]]:
    """Pieces between sentence ends, stripped, offsets found by counting the blanks stripped in front."""
    pieces = []
    start = 0
    for end in [*sentence_ends(text), len(text)]:
        piece = text[start:end]
        lead = len(piece) - len(piece.lstrip(WHITESPACE))
        stripped = piece.strip(WHITESPACE)
        if stripped:
            pieces.append((stripped, list(range(start + lead, start + lead + len(stripped)))))
        start = end
    return pieces


@pytest.mark.parametrize(
    "text",
    [
        "一、稳住农业基本盘。全年粮食产量增长2%。",
        "　。　“新建桥梁12座。”其余照旧",
        "没有句号的一行",
        "。；  最后一句没有句号",
        "甲乙。 \u3000丙丁！\u200b戊己？",
    ],
)
def test_cut_strips_blanks_and_keeps_source_offsets(text):
    paragraph = Paragraph(text, list(range(100, 100 + len(text))))
    expected = [(s, [100 + o for o in offsets]) for s, offsets in cut_by_definition(text)]
    assert cut(paragraph) == expected


def test_cut_agrees_with_the_definition_on_random_texts():
    """Blanks, end marks, closing marks and text in every order: the one-regex cut finds the pieces
    that cutting where the gold cuts (`sentence_ends`) and stripping finds."""
    rng = random.Random(16)
    alphabet = "甲乙a1“（，" + SENTENCE_ENDS + CLOSING + WHITESPACE
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 14)))
        paragraph = Paragraph(text, list(range(len(text))))
        assert cut(paragraph) == cut_by_definition(text), text


def test_a_page_without_full_stops_becomes_sentences_of_bounded_length_with_their_offsets():
    """A scraped page can use only commas: one 'sentence' of 100,000 characters would be quoted whole by
    every fact in it, so output grew with facts × length. Cut at commas, nothing is lost or moved."""
    from briefing.boundaries import LONGEST_SENTENCE
    from briefing.ingest import document_from_text

    line = "，".join(f"示例镇第{i}号仓库容量增长{i % 90 + 1}.5%" for i in range(4000))
    source = "  " + line + "\n"
    document = document_from_text(source)
    assert len(document.sentences) > len(line) // LONGEST_SENTENCE
    assert all(len(s.text) <= LONGEST_SENTENCE for s in document.sentences)
    assert "".join(s.text for s in document.sentences) == line
    for sentence in document.sentences:
        start, end = sentence.source_span(0, len(sentence.text))
        assert source[start:end] == sentence.text
