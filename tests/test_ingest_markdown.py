"""Markdown sources: structure from the parser, no mark in any sentence, offsets back to the source.

Every text here is written for the tests (invented outlet names, places and figures)."""

from __future__ import annotations

import re
import subprocess
import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.ingest import document_from_text, load_document, markdown
from briefing.ingest.markdown import looks_like_markdown

ARTICLE = "\n".join(
    [
        "### 上半年青石市新增绿地120公顷",
        "",
        "# 城市处处见新绿（走基层）",
        "",
        "> 本报记者  王  明《晨光日报》（2029年07月16日第 05 版）",
        "",
        "河畔新公园里，孩子们在草地上奔跑。",
        "",
        "本报记者  李  华摄",
        "",
        "上半年，青石市新建口袋公园36个，同比增长20%。",
        "",
        "**绿地连成片**",
        "",
        "**全市公园总数达到**480个",
        "",
        "全市公园总数达到480个，**比去年底增加**15个。",
        "",
        "- 新建绿道*50公里*；",
        "- 改造老旧公园12个。",
        "",
        "![公园航拍](images/park.jpg)",
        "",
        "版式设计：赵  强",
    ]
)


def _doc(text: str = ARTICLE):
    return document_from_text(text + "\n", markdown=True)


def _assert_maps_back(document) -> None:
    """Every character is the source character at its offset; the one exception is the space that keeps
    two Latin words (or numbers) apart across a soft line break, mapped to the break itself."""
    for sentence in document.sentences:
        for char, offset in zip(sentence.text, sentence.offsets, strict=True):
            assert document.text[offset] == char or (char == " " and document.text[offset] in "\r\n")
        assert sentence.start == sentence.offsets[0] and sentence.end == sentence.offsets[-1] + 1


def test_kicker_headline_and_byline_make_one_article():
    document = _doc()
    assert document.genre == "news_article"
    assert document.title == "城市处处见新绿（走基层）"
    [article] = document.articles
    assert article.headline == "城市处处见新绿（走基层）"
    assert article.title_lines == ["上半年青石市新增绿地120公顷", "城市处处见新绿（走基层）"]
    assert "《晨光日报》" in article.byline
    assert document.date == "2029-07-16"
    assert document.issuer == "晨光日报"


def test_marks_captions_and_page_credits_never_reach_a_sentence():
    document = _doc()
    texts = [s.text for s in document.sentences]
    assert not [t for t in texts if re.search(r"[#*>]|!\[|\]\(", t)]
    assert "河畔新公园里，孩子们在草地上奔跑。" not in texts  # a photo caption
    assert not [t for t in texts if "摄" in t or "版式设计" in t or "晨光日报" in t or "公园航拍" in t]
    assert "全市公园总数达到480个，比去年底增加15个。" in texts
    assert "新建绿道50公里；" in texts
    _assert_maps_back(document)


def test_headings_kicker_and_bold_sub_heads_are_heading_sentences():
    by_text = {s.text: s for s in _doc().sentences}
    for heading in ["上半年青石市新增绿地120公顷", "城市处处见新绿（走基层）", "绿地连成片"]:
        assert by_text[heading].is_heading
        assert by_text[heading].article == 0
    assert not by_text["上半年，青石市新建口袋公园36个，同比增长20%。"].is_heading


def test_heading_sentence_maps_to_the_heading_line_without_its_marks():
    document = _doc()
    kicker = next(s for s in document.sentences if s.text == "上半年青石市新增绿地120公顷")
    assert document.text[kicker.start - 4 : kicker.start] == "### "
    assert document.text[kicker.start : kicker.end] == kicker.text


def test_several_headlines_make_a_digest_without_a_title_of_its_own():
    text = "\n\n".join(
        [
            "# 青石市新增绿地120公顷",
            "本报讯（记者 王明）7月15日，青石市发布绿化数据。",
            "# 白河县旅游收入增长8%",
            "本报讯（记者 李华）上半年，白河县接待游客100万人次。",
        ]
    )
    document = _doc(text)
    assert document.genre == "news_digest"
    assert [a.headline for a in document.articles] == ["青石市新增绿地120公顷", "白河县旅游收入增长8%"]
    assert document.title == ""


def test_heading_without_the_space_commonmark_wants_is_still_a_heading():
    document = _doc(
        "#青石市新增绿地120公顷\n\n> 本报记者 王明《晨光日报》（2029年7月1日第 2 版）\n\n正文说明情况。"
    )
    assert document.title == "青石市新增绿地120公顷"
    assert [s.text for s in document.sentences] == ["青石市新增绿地120公顷", "正文说明情况。"]


def test_txt_source_in_markdown_is_read_as_markdown(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE + "\n", encoding="utf-8")
    document = load_document(str(path))
    assert document.title == "城市处处见新绿（走基层）"
    assert not [s for s in document.sentences if "#" in s.text]
    plain = "青石市政府工作报告\n一、工作回顾\n全市生产总值增长5%。\n"
    assert not looks_like_markdown(plain)


def test_a_table_row_is_one_line_its_cells_apart():
    text = "# 青石市经济运行情况\n\n| 指标 | 增速 |\n|---|---|\n| 地区生产总值 | 增长5% |\n"
    texts = [s.text for s in _doc(text).sentences]
    assert texts == ["青石市经济运行情况", "指标 增速", "地区生产总值 增长5%"]


def test_md_suffix_is_a_supported_source(tmp_path):
    path = tmp_path / "article.md"
    path.write_text(ARTICLE + "\n", encoding="utf-8")
    assert load_document(str(path)).genre == "news_article"


# ---------------------------------------------------------------- property: any Markdown page

_WORDS = st.text(
    alphabet="青石白河市县区新增绿地公园旅游收入增长同比人次万亿个年月日上半全0123456789.%，、", min_size=1
)
_SENTENCE = st.builds(lambda w, end: w + end, _WORDS, st.sampled_from(["。", "；", "！", ""]))


def _inline(words: list[str], marks: list[str]) -> str:
    return "".join(f"{m}{w}{m}" if m else w for w, m in zip(words, marks, strict=True))


_INLINE = st.lists(st.tuples(_SENTENCE, st.sampled_from(["", "**", "*", "__"])), min_size=1, max_size=4).map(
    lambda pairs: _inline([p[0] for p in pairs], [p[1] for p in pairs])
)
_BLOCK = st.one_of(
    st.builds(lambda n, t: "#" * n + " " + t, st.integers(1, 6), _INLINE),
    st.builds(lambda n, t: "#" * n + t, st.integers(1, 3), _INLINE),
    st.builds(lambda t: "> " + t, _INLINE),
    st.builds(lambda t: "**" + t + "**", _SENTENCE),
    st.builds(lambda t: "- " + t, _INLINE),
    st.builds(lambda t: "1. " + t, _INLINE),
    st.builds(lambda t: f"![{t}](pic.png)", _WORDS),
    st.builds(lambda a, b, c, d: f"| {a} | {b} |\n|---|---|\n|{c}|**{d}**|", _WORDS, _WORDS, _WORDS, _WORDS),
    _INLINE,
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_BLOCK, min_size=1, max_size=8), st.sampled_from(["\n\n", "\n", "\r\n\r\n"]))
def test_no_markdown_mark_survives_and_every_sentence_maps_back(blocks, separator):
    document = document_from_text(separator.join(blocks) + "\n", markdown=True)
    for sentence in document.sentences:
        assert not re.search(r"[#*>]|__", sentence.text), sentence.text
    _assert_maps_back(document)


def test_one_heading_line_is_enough_to_read_a_txt_source_as_markdown():
    assert looks_like_markdown("# 青石市新增绿地\n\n上半年，青石市新建公园36个。\n")
    assert not looks_like_markdown("#1号线今日开通\n\n上半年，青石市新建公园36个。\n")


def test_byline_of_an_edition_names_the_outlet_whatever_its_name():
    byline = "> 本报记者 王明《晨光日报海外版》（2029年7月6日第 3 版）"
    document = _doc(f"# 青石新绿\n\n{byline}\n\n正文说明情况。")
    assert (document.issuer, document.date) == ("晨光日报海外版", "2029-07-06")


def test_with_an_edition_byline_the_largest_heading_above_it_is_the_headline():
    text = "\n\n".join(
        [
            "#### 上半年青石市新增绿地",
            "## 城市处处见新绿",
            "> 《晨光日报》（2029年07月16日第 05 版）",
            "## 绿地连成片",
            "上半年，青石市新建口袋公园36个。",
            "## 步道串起城",
            "新建绿道50公里。",
        ]
    )
    document = _doc(text)
    assert (document.genre, document.title) == ("news_article", "城市处处见新绿")
    [article] = document.articles
    assert article.title_lines == ["上半年青石市新增绿地", "城市处处见新绿"]


# ------------------------------------------- property: one-line blocks read as the parser reads them

_ONE_LINE = ["", "", "", "# ", "### ", "> ", ">", "**", "*", "2029年", "![图](p.png)", "!", "\\", "&", "a b"]
"""Openings of blocks the short cut takes (most lines of a generated page) ..."""
_OTHER = ["####### ", "#", "#  ", ">  ", "> > ", "* ", "***", "- ", "+ ", "_", "__", "=", "---", "1. ", "2) "]
_OTHER += ["12.5%", " ", "    ", "\u3000", "`", "```", "~~~", "<", "<div>", "[", "[a]: /b", "|"]
_OTHER += ["# a #", "#\u3000"]
"""... and openings of blocks it must leave to the parser, or read as the parser does."""
_TEXT = st.text(alphabet="青石河市新增绿地12.%，。a*_`\\[]()!<>&;", max_size=12)
_LINE = st.builds(lambda opening, rest: opening + rest, st.sampled_from(_ONE_LINE * 6 + _OTHER), _TEXT)
_ENDS = ["\n\n"] * 12 + ["\n", "\n \n", "\n\n\n", "\r\n\r\n", "\t\n\n", " \n\n"]
_ONE_LINE_PAGE = st.lists(
    st.tuples(st.builds(str.__add__, st.sampled_from(_ONE_LINE), _TEXT), st.just("\n\n"))
)
_BOLD_PAGE = st.lists(st.tuples(st.builds("**{}**".format, _TEXT), st.sampled_from(["\n\n", "\n"])))
_PAGES = st.one_of(_BOLD_PAGE, st.lists(st.tuples(_LINE, st.sampled_from(_ENDS)), max_size=8), _ONE_LINE_PAGE)


@settings(max_examples=400, deadline=None)
@given(_PAGES)
def test_pages_of_one_line_blocks_give_the_lines_the_parser_gives(pieces):
    """The short cut past the block parser (pages of one-line paragraphs, headings and quotes) gives
    exactly the Lines the parser's tokens give, or declines the page."""
    text = "".join(line + end for line, end in pieces)
    assert markdown.markdown_lines(text) == _lines_through_the_parser(text)


def test_a_newspaper_page_takes_the_short_cut_and_reads_as_through_the_parser():
    text = ARTICLE.replace("- 新建绿道*50公里*；\n- 改造老旧公园12个。\n\n", "")
    assert markdown._one_line_page(text) is not None
    assert markdown.markdown_lines(text) == _lines_through_the_parser(text)
    assert markdown._one_line_page(ARTICLE) is None  # the list's two lines make one block


def _lines_through_the_parser(text: str) -> list:
    original = markdown._one_line_page
    markdown._one_line_page = lambda text: None
    try:
        return markdown.markdown_lines(text)
    finally:
        markdown._one_line_page = original


_CUES_ANYWHERE = re.compile(r"^(#{1,6}\s*\S|>\s?\S|\*\*\S.*\*\*\s*$|!\[[^\]]*\]\()", re.MULTILINE)
_ATX_ANYWHERE = re.compile(r"^#{1,6}[ \t]+\S", re.MULTILINE)


@settings(max_examples=600, deadline=None)
@given(
    st.lists(
        st.sampled_from(["#", "##", " ", "\t", "\n", "\n\n", ">", "**", "*", "a", "青", "![", "]", "("])
    ),
    st.integers(1, 3),
)
def test_markdown_cues_are_counted_as_the_anchored_patterns_count_them(pieces, min_cues):
    """Cues read at line starts only count what the line-anchored patterns find (a cue whose blanks
    run on past a line break takes that line with it)."""
    text = "".join(pieces)
    anchored = bool(_ATX_ANYWHERE.search(text)) or len(_CUES_ANYWHERE.findall(text)) >= min_cues
    assert looks_like_markdown(text, min_cues) == anchored


def test_a_page_of_one_line_blocks_is_read_without_importing_the_parser():
    """markdown-it costs ~15 ms of CPU to import; a newspaper page with bold sub-heads needs none of it."""
    page = "\n\n".join(
        ["### 青石市新增绿地", "# 城市处处见新绿", "> 本报记者  王  明", "**绿地连成片**", "新建公园36个。"]
    )
    code = (
        "import sys\n"
        "from briefing.ingest import document_from_text\n"
        f"document = document_from_text({page!r}, markdown=True)\n"
        "assert [s.text for s in document.sentences][-1] == '新建公园36个。'\n"
        "print('markdown_it' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="青石a1 *_#>\n", max_size=16))
def test_leftover_marks_are_dropped_as_the_mark_pattern_finds_them(text):
    """Text without a mark character skips the scan for marks and comes back whole; any other text
    loses exactly the characters the mark pattern matches."""
    offsets = list(range(100, 100 + len(text)))
    dropped = {i for m in re.finditer(r"\*+|_{2,}|#+|^\s*>+", text) for i in range(m.start(), m.end())}
    kept = [i for i in range(len(text)) if i not in dropped]
    expected = ("".join(text[i] for i in kept), [offsets[i] for i in kept])
    assert markdown._drop_marks(text, offsets) == expected


def test_the_short_cut_assumes_the_rules_of_the_parser_it_stands_for():
    """The short cut knows which block and inline rules the CommonMark preset runs; a markdown-it
    that runs others must be looked at again before the short cut is trusted."""
    parser = markdown._parser()
    assert parser.block.ruler.get_active_rules() == [
        *("table", "code", "fence", "blockquote", "hr", "list", "reference", "html_block", "heading"),
        *("lheading", "paragraph"),
    ]
    inline = ["text", "newline", "escape", "backticks", "emphasis", "link", "image", "autolink"]
    assert parser.inline.ruler.get_active_rules() == [*inline, "html_inline", "entity"]
    assert parser.core.ruler.get_active_rules() == ["normalize", "block", "inline", "text_join"]
