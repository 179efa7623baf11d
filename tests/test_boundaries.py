"""The shared notions every stage cuts and compares text with: sentence and clause boundaries,
bigram similarity, decimal places, encodings (one module each; sentences written for these tests)."""

from __future__ import annotations

from decimal import Decimal

from briefing.boundaries import CLAUSE_END, CLAUSE_MARKS, SENTENCE_END, SENTENCE_ENDS, split_sentences
from briefing.ingest.html import read_html
from briefing.ingest.text import superset
from briefing.render import decimal_places
from briefing.similarity import char_bigrams, dice


def sentence_ends(text: str) -> list[int]:
    return [m.end() for m in SENTENCE_END.finditer(text)]


def test_gold_style_cut_ends_at_every_end_mark_with_its_closing_quotes() -> None:
    text = "他说：“河道已清理。”绿地扩大了！还有问题吗?是的;"
    ends = sentence_ends(text)
    assert [text[:e][-2:] for e in ends] == ["。”", "了！", "吗?", "的;"]
    # inside a quotation too: the gold cuts there, unlike the cut for translation
    quoted = "开展“桥梁巡查。路灯检修”等工作。"
    assert len(sentence_ends(quoted)) == 2
    assert split_sentences(quoted) == [quoted]


def test_a_run_of_end_marks_is_one_end() -> None:
    assert sentence_ends("真的吗？！后来") == [5]


def test_clause_end_is_a_comma_colon_or_sentence_end_but_not_the_enumeration_comma() -> None:
    assert CLAUSE_END.split("水、电、气，均已接通：全部完成。") == ["水、电、气", "均已接通", "全部完成", ""]
    assert "、" in CLAUSE_MARKS and "、" not in SENTENCE_ENDS


def test_ingest_and_translation_cut_sentences_at_the_same_marks() -> None:
    """One set of end marks: the gold-style cut and the translation cut agree on unquoted text."""
    text = "甲区新建公园三座。乙区改造道路!丙区呢？丁区完成;"
    pieces = split_sentences(text)
    ends = sentence_ends(text)
    assert [text[start:end] for start, end in zip([0, *ends], ends, strict=False)] == pieces


def test_char_bigrams_and_dice() -> None:
    assert char_bigrams("绿化带") == {"绿化", "化带"}
    assert char_bigrams("桥") == set()
    assert dice(char_bigrams("公共绿地面积"), char_bigrams("公共绿地面积")) == 1.0
    assert dice(char_bigrams("公共绿地"), char_bigrams("河道长度")) == 0.0
    assert dice(set(), set()) == 0.0


def test_decimal_places_ignores_trailing_zeros() -> None:
    assert decimal_places(Decimal("3.50")) == 1
    assert decimal_places(Decimal("4200000")) == 0
    assert decimal_places(Decimal("0.125")) == 3


def test_declared_html_charset_is_read_with_its_superset() -> None:
    """gb2312 lacks rarer characters its superset gb18030 has; a page declaring gb2312 is read whole."""
    assert superset("gb2312") == superset("gbk") == "gb18030"
    page = (
        '<html><head><meta charset="gb2312"><title>镕铁厂</title></head>'
        "<body><p>镕铁厂扩建完成。</p></body></html>"
    )
    extracted = read_html(page.encode("gb18030"), "page.html")
    assert "镕铁厂" in extracted.text and extracted.encoding == "gb18030"


def _cuts(pieces: list[str]) -> list[int]:
    """Where consecutive pieces meet, as offsets into their join."""
    ends, at = [], 0
    for piece in pieces[:-1]:
        at += len(piece)
        ends.append(at)
    return ends


def test_a_run_without_end_marks_is_cut_at_its_last_comma_within_the_limit():
    from briefing.boundaries import fit

    clause = "某区新建公园12个，"  # 10 characters
    text = clause * 25
    pieces = fit(text, 45)
    cuts = _cuts(pieces)
    assert cuts and all(text[c - 1] == "，" for c in cuts)
    assert all(len(p) <= 45 for p in pieces) and "".join(pieces) == text
    assert fit(text, len(text)) == [text]


def test_without_commas_a_cut_falls_at_an_enumeration_comma_else_never_inside_a_figure():
    import re

    from briefing.boundaries import fit

    listed = "水" * 30 + "、" + "电" * 30
    assert _cuts(fit(listed, 40)) == [31]
    text = "某某某某某某增长12345.67%" + "某" * 20  # the first limit falls inside the number
    number = text.index("1"), text.index("%") + 1
    pieces = fit(text, 12, re.compile(r"[0-9A-Za-z.%]+"))
    cuts = _cuts(pieces)
    assert "".join(pieces) == text
    assert cuts[0] == number[0]
    assert not any(number[0] < c < number[1] for c in cuts)
