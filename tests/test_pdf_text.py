"""Paragraph text: escaping, font runs, glyph checks and the Chinese line-breaking rules."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing import fonts
from briefing.pdf.styles import styles
from briefing.pdf.text import NO_LINE_END, NO_LINE_START, cut_points, least_width, para, printable

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
WIDTHS = (96, 173, 260, 421)  # a narrow table cell … the full A4 text width, in points


def example_paragraphs() -> list[str]:
    paragraphs = []
    for path in sorted(EXAMPLES.glob("*.txt")):
        paragraphs += [
            line.strip() for line in path.read_text(encoding="utf-8").splitlines() if len(line.strip()) > 8
        ]
    return paragraphs


def line_texts(paragraph) -> list[str]:
    return ["".join(word.text for word in line.words) for line in paragraph.blPara.lines]


@pytest.fixture(scope="module")
def wrapped():
    """Every sample paragraph wrapped at every width: (width, paragraph, lines)."""
    out = []
    style = styles().body_zh
    for text in example_paragraphs():
        for width in WIDTHS:
            p = para(text, style)
            p.wrap(width, 10_000)
            out.append((width, p, line_texts(p)))
    return out


def test_samples_are_there():
    assert len(example_paragraphs()) > 40


def test_no_line_starts_with_closing_punctuation(wrapped):
    bad = [
        (w, lines[i])
        for w, _, lines in wrapped
        for i in range(1, len(lines))
        if lines[i][:1] in NO_LINE_START
    ]
    assert not bad, bad[:5]


def test_no_line_ends_with_opening_bracket_or_quote(wrapped):
    bad = [(w, line) for w, _, lines in wrapped for line in lines[:-1] if line.rstrip()[-1:] in NO_LINE_END]
    assert not bad, bad[:5]


def test_numbers_and_latin_words_stay_whole(wrapped):
    """ "2025", "PM2.5", "19.5%" are never cut in two between lines."""
    bad = [
        (w, lines[i - 1][-6:], lines[i][:6])
        for w, _, lines in wrapped
        if w > 100
        for i in range(1, len(lines))
        if re.search(r"[0-9A-Za-z.]$", lines[i - 1]) and re.match(r"[0-9A-Za-z.%]", lines[i])
    ]
    assert not bad, bad[:5]


def test_lines_fit_and_justified_lines_fill_the_width(wrapped):
    for width, p, _ in wrapped:
        lines = p.blPara.lines
        for line in lines:
            assert line.currentWidth <= width + 0.01
        for line in lines[:-1]:
            if not getattr(line, "gaps", 0):  # no gap between two Chinese characters: left ragged
                continue
            spread = line.char_space * line.gaps
            assert line.currentWidth + spread == pytest.approx(width, abs=0.05)


def test_text_is_escaped_not_interpreted():
    p = para("<b>R&D</b> &amp; 研发<br/>投入", styles().body_zh)
    p.wrap(400, 100)
    assert "".join(line_texts(p)) == "<b>R&D</b> &amp; 研发<br/>投入"
    assert all(word.fontName == fonts.CJK.regular for line in p.blPara.lines for word in line.words)


def test_english_falls_back_to_the_cjk_font_only_where_latin_lacks_glyphs():
    p = para("Wangfujing (王府井) visitors ≥ 2 million", styles().body_en, lang="en")
    runs = {frag.text: frag.fontName for frag in p.frags}
    assert runs["王府井"] == fonts.CJK.regular
    assert runs["Wangfujing ("] == fonts.LATIN.regular
    assert all(fonts.covers(font, c) for text, font in runs.items() for c in text)


def test_bold_english_falls_back_to_bold_chinese():
    p = para("Dongcheng 东城", styles().cell_num, lang="en")
    assert {frag.fontName for frag in p.frags} == {fonts.LATIN.bold, fonts.CJK.bold}


def test_fallback_fonts_draw_emoji_and_rare_ideographs_and_the_rest_prints_as_a_mark(caplog):
    with caplog.at_level("WARNING", logger="briefing"):
        p = para("增长\U0001f4c8明显，𪚥字\x07少见，𠀁面", styles().body_zh)
    runs = {frag.text: frag.fontName for frag in p.frags}
    assert runs["\U0001f4c8"] == fonts.EMOJI
    assert runs["𪚥"] == fonts.RARE_HAN
    # a control character shows nothing: dropped; an Extension B ideograph no font has: the mark
    assert "".join(runs) == "增长\U0001f4c8明显，𪚥字少见，〓面"
    assert "U+20001" in caplog.text and "U+2A6A5" not in caplog.text and "U+1F4C8" not in caplog.text


def test_printable_keeps_what_a_font_has():
    assert printable("东城区 Dongcheng ≥ 5.2%") == "东城区 Dongcheng ≥ 5.2%"
    assert printable("心\u2764\ufe0f") == "心\u2764"  # the emoji variation selector draws nothing
    assert printable("\U0001f600𠀀", fallbacks=False) == fonts.MISSING_MARK * 2  # as in charts


def test_citation_marks_stay_with_their_sentence():
    style = styles().body_zh
    text = "全区登记失业率控制在4%以内。"
    for width in range(60, 200, 3):
        p = para(text, style, cites=[12])
        p.wrap(width, 1000)
        lines = line_texts(p)
        assert not lines[-1].startswith("[12]"), (width, lines)


def test_last_line_never_holds_a_lone_character(wrapped):
    lone = [
        (w, lines[-1])
        for w, _, lines in wrapped
        if len(lines) > 1 and len(re.sub(r"[\s，。、；：？！,.;:?!）)”’》」]", "", lines[-1])) == 1
    ]
    assert not lone, lone[:5]


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="东城区新建泵站，。、0123456789.%ABCxyz (𠀀\U0001f680", min_size=1, max_size=60))
def test_least_width_never_exceeds_the_width_set(text):
    """Quote fitting rules a text out by `least_width` without laying it out: that must never rule out
    a text that fits, so the bound stays at or under what a line of it really measures."""
    style = styles().body_zh
    p = para(text, style)
    p.wrap(100_000, 1000)
    set_width = sum(line.currentWidth for line in p.blPara.lines)  # one line, or none for a blank text
    assert least_width(text, style.fontName, style.fontSize) <= set_width + 1e-6


def test_text_is_never_cut_inside_a_number_with_its_unit():
    text = "河湾新区受理诉求1700余条，绿地增加97.37万公顷，增速5.2%。"
    points = set(cut_points(text, "zh"))
    for token in ("1700余条", "97.37万公顷", "5.2%"):
        at = text.index(token)
        assert not points & set(range(at + 1, at + len(token))), token
    assert text.index("，") in points  # elsewhere any character boundary will do
