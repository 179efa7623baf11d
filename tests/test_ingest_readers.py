"""Every source format and every way a source can fail, with files the tests write themselves."""

from __future__ import annotations

import io
import sys
from pathlib import Path

import docx
import pytest
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate

from briefing.ingest import SUPPORTED_SUFFIXES, SourceError, load_document
from briefing.pipeline import gather_sources

FONT = Path(__file__).resolve().parents[1] / "fonts" / "NotoSansSC-Regular.ttf"

SIMPLIFIED = (
    "关于东城区2025年上半年经济运行情况的报告\n\n"
    "一、主要指标\n\n"
    "上半年，东城区地区生产总值完成1500亿元，同比增长5.2%。社会消费品零售总额完成600亿元，同比增长3.1%。\n\n"
    "全区新设企业2100家，较去年同期增加300家。\n"
)
TRADITIONAL = (
    "東城區上半年地區生產總值完成1500億元，同比增長5.2%。社會消費品零售總額完成600億元，同比增長3.1%。\n"
    "全區新設企業2100家，較去年同期增加300家。\n"
)
BODY = "上半年，东城区地区生产总值完成1500亿元，同比增长5.2%。社会消费品零售总额完成600亿元，同比增长3.1%。"


def _texts(document) -> list[str]:
    return [s.text for s in document.sentences]


@pytest.mark.parametrize(
    ("text", "encoding", "detected", "sentence"),
    [
        (SIMPLIFIED, "gbk", "gb18030", "全区新设企业2100家，较去年同期增加300家。"),
        (SIMPLIFIED, "gb18030", "gb18030", "全区新设企业2100家，较去年同期增加300家。"),
        (TRADITIONAL, "big5", "cp950", "全區新設企業2100家，較去年同期增加300家。"),
    ],
)
def test_legacy_chinese_encodings_are_detected(tmp_path, text, encoding, detected, sentence):
    path = tmp_path / f"source_{encoding}.txt"
    path.write_bytes(text.encode(encoding))
    document = load_document(str(path))
    assert document.encoding == detected
    assert document.text == text
    assert sentence in _texts(document)


def test_utf8_bom_stays_in_text_so_offsets_match_the_decoded_file(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes(SIMPLIFIED.encode("utf-8-sig"))
    document = load_document(str(path))
    assert document.text == path.read_text(encoding="utf-8")
    assert document.title == "关于东城区2025年上半年经济运行情况的报告"
    for sentence in document.sentences:
        assert document.text[sentence.start : sentence.end] == sentence.text


def test_html_main_text_without_chrome_and_with_page_metadata(tmp_path):
    page = f"""<!DOCTYPE html><html><head><meta charset="gbk">
    <title>东城区上半年经济运行情况_北京市东城区人民政府</title>
    <meta property="og:site_name" content="北京市东城区人民政府">
    <meta name="PubDate" content="2025-07-20 09:30"></head><body>
    <div class="nav"><a href="/">首页</a> | <a href="/zwgk">政务公开</a> | <a href="/hd">互动交流</a></div>
    <div class="tools">字号：<a>大</a> <a>中</a> <a>小</a> | <a>打印本页</a> | <a>关闭窗口</a></div>
    <div class="article"><h1>东城区上半年经济运行情况</h1>
    <p>{BODY}</p><p>全区新设企业2100家，较去年同期增加300家。下半年，东城区将继续推动重点项目建设。</p></div>
    <div class="share">分享到：<a>微信</a> <a>微博</a> <a>QQ空间</a></div>
    <div>扫一扫在手机上打开页面</div><div class="footer">版权所有：北京市东城区人民政府</div>
    </body></html>"""
    path = tmp_path / "page.html"
    path.write_bytes(page.encode("gbk"))
    document = load_document(str(path))
    assert document.title == "东城区上半年经济运行情况"
    assert document.date == "2025-07-20"
    assert document.issuer == "北京市东城区"
    assert "全区新设企业2100家，较去年同期增加300家。" in _texts(document)
    chrome = ("字号", "扫一扫", "分享", "打印", "关闭窗口", "首页", "版权所有")
    assert not [s.text for s in document.sentences if any(word in s.text for word in chrome)]


def test_pdf_text_layer_with_chinese_in_reading_order(tmp_path):
    pdfmetrics.registerFont(TTFont("IngestTestCJK", str(FONT)))
    body = ParagraphStyle("body", fontName="IngestTestCJK", fontSize=11, leading=16, wordWrap="CJK")
    head = ParagraphStyle("head", fontName="IngestTestCJK", fontSize=14, leading=20)
    long_paragraph = BODY + "规模以上工业增加值增长4.0%，固定资产投资增长8.5%，城镇调查失业率控制在4%以内。"
    path = tmp_path / "report.pdf"
    SimpleDocTemplate(str(path), pagesize=A4).build(
        [
            Paragraph("关于东城区2025年上半年经济运行情况的报告", head),
            Paragraph("一、主要指标", head),
            Paragraph(long_paragraph, body),
            Paragraph("二、下半年安排", head),
            Paragraph("力争全年经济增长5%左右。", body),
        ]
    )
    document = load_document(str(path))
    assert document.issuer == "东城区"
    assert [s.heading for s in document.sections] == ["一、主要指标", "二、下半年安排"]
    sentences = _texts(document)
    # the paragraph is wrapped over several lines of the page; its sentences come out whole
    wrapped = "规模以上工业增加值增长4.0%，固定资产投资增长8.5%，城镇调查失业率控制在4%以内。"
    assert wrapped in sentences
    assert "社会消费品零售总额完成600亿元，同比增长3.1%。" in sentences
    assert sentences.index("力争全年经济增长5%左右。") > sentences.index("二、下半年安排")


def test_pdf_paragraph_runs_over_page_breaks_past_running_headers_and_footers(tmp_path):
    pdfmetrics.registerFont(TTFont("IngestTestCJK", str(FONT)))
    body = ParagraphStyle("body", fontName="IngestTestCJK", fontSize=11, leading=16, wordWrap="CJK")

    def furniture(canvas, document):
        canvas.setFont("IngestTestCJK", 9)
        canvas.drawString(72, A4[1] - 40, "东城区发展和改革委员会工作报告")
        canvas.drawString(A4[0] / 2, 30, f"第 {document.page} 页")

    sentences = [f"编号{i}的项目完成投资{100 + i}亿元，带动就业{1000 + i}人。" for i in range(200)]
    path = tmp_path / "long.pdf"
    SimpleDocTemplate(str(path), pagesize=A4).build(
        [Paragraph("".join(sentences), body)], onFirstPage=furniture, onLaterPages=furniture
    )
    document = load_document(str(path))
    assert _texts(document) == sentences
    assert "工作报告" not in document.text


def test_docx_paragraphs_and_tables(tmp_path):
    word = docx.Document()
    word.add_paragraph("关于东城区2025年上半年经济运行情况的报告")
    word.add_paragraph("一、主要指标")
    word.add_paragraph(BODY)
    table = word.add_table(rows=2, cols=2)
    for (row, col), text in {(0, 0): "指标", (0, 1): "数值", (1, 0): "新设企业", (1, 1): "2100家"}.items():
        table.cell(row, col).text = text
    path = tmp_path / "report.docx"
    word.save(str(path))
    document = load_document(str(path))
    assert document.issuer == "东城区"
    assert document.sections[0].heading == "一、主要指标"
    assert "社会消费品零售总额完成600亿元，同比增长3.1%。" in _texts(document)
    assert "新设企业\t2100家" in document.text


def test_stdin_is_read_as_bytes_and_decoded(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(SIMPLIFIED.encode("gb18030"))))
    document = load_document("-")
    assert (document.doc, document.path, document.encoding) == ("stdin", "-", "gb18030")
    assert document.text == SIMPLIFIED


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b" \n\n \n", "empty"),
        ("notes.odt", b"PK\x03\x04", "unsupported file type .odt"),
        ("broken.pdf", b"%PDF-1.4\nnot really a PDF\n%%EOF\n", "corrupt"),
        ("broken.docx", b"PK\x03\x04 not a zip archive", "corrupt"),
        ("binary.txt", bytes(range(256)) * 8, "not a text file"),
    ],
)
def test_unreadable_sources_raise_one_line_errors_naming_the_file(tmp_path, name, content, problem):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(SourceError) as caught:
        load_document(str(path))
    message = str(caught.value)
    assert message.startswith(str(path)) and problem in message and "\n" not in message


def test_missing_file(tmp_path):
    with pytest.raises(SourceError, match="no such file"):
        load_document(str(tmp_path / "absent.txt"))


def test_folders_expand_to_supported_files_sorted_and_files_are_kept(tmp_path):
    for name in ("b.pdf", "a.txt", "c.HTML", "notes.odt", "d.docx"):
        (tmp_path / name).write_bytes(b"x")
    (tmp_path / "sub.txt").mkdir()
    listed = [s.path for s in gather_sources([str(tmp_path), "elsewhere.txt"]).items]
    expected = [str(tmp_path / n) for n in ("a.txt", "b.pdf", "c.HTML", "d.docx")]
    assert listed == [*expected, "elsewhere.txt"]
    assert {".txt", ".html", ".htm", ".pdf", ".docx"} <= set(SUPPORTED_SUFFIXES)


@pytest.mark.parametrize("folder", [True, False])
@pytest.mark.parametrize("name", ["report.txt", "report.odt", "report"])
def test_a_path_that_is_no_readable_file_is_named_for_what_it_is(tmp_path, folder, name):
    """Read first, asked why after: a folder or a missing path is said to be so whatever its suffix."""
    path = tmp_path / name
    if folder:
        path.mkdir()
    with pytest.raises(SourceError, match="is a folder, not a file" if folder else "no such file"):
        load_document(str(path))


def test_a_file_that_cannot_be_opened_says_why(tmp_path):
    import os

    path = tmp_path / "locked.txt"
    path.write_text("示例镇产值增长5%。", encoding="utf-8")
    path.chmod(0)
    try:
        if os.access(path, os.R_OK):  # root reads anything
            pytest.skip("the file stays readable to this user")
        with pytest.raises(SourceError, match="cannot read: Permission denied"):
            load_document(str(path))
    finally:
        path.chmod(0o644)
