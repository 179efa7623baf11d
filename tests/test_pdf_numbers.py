"""Numbers in justified Chinese text, as a reader extracts them from the PDF: never spread, never split.

Justification may stretch only the gaps between Chinese characters; a number with its unit (1700余条,
97.37万公顷, 5.2%) and a Latin word are one word on one line. The sentences are written for this test.
"""

from __future__ import annotations

import re

import pytest
from pdfminer.high_level import extract_text
from pdfminer.layout import LAParams
from reportlab.platypus import SimpleDocTemplate

from briefing.pdf.styles import styles
from briefing.pdf.text import para

SENTENCES = [
    "全县今年新购置农业机械8978辆，比上年多出一成有余，其中大型拖拉机占比达到12.5%左右。",
    "截至十月底，河湾新区累计受理群众诉求1700余条，办结率达到98.6%，群众满意度继续提升。",
    "湿地保护面积稳定在97.37万公顷，新增城市绿道312.4公里，PM2.5平均浓度降至28微克/立方米。",
    "全市规模以上制造业企业104家实现营收增长，工业用电量同比增长5.2%，外贸进出口总额达3.6万亿元。",
    "Riverside Logistics公司新开通国际货运航线14条，全年货物吞吐量达到2.5万吨。",
]
TOKENS = [
    "8978辆",
    "12.5%",
    "1700余条",
    "98.6%",
    "97.37万公顷",
    "312.4公里",
    "PM2.5",
    "28微克/立方米",
    "104家",
    "5.2%",
    "3.6万亿元",
    "Riverside",
    "Logistics",
    "14条",
    "2.5万吨",
]


@pytest.fixture(scope="module")
def extracted(tmp_path_factory) -> dict[float, list[str]]:
    """Extracted lines of the sentences set justified in columns of several widths (before the fix, each
    width spread or split some of them: 8 9 7 8辆, 1 7 0 0 余 / 条)."""
    out = {}
    for width in (118.0, 151.0, 187.0, 233.0, 301.0):
        path = tmp_path_factory.mktemp("numbers") / f"w{width:.0f}.pdf"
        page_width = width + 72
        doc = SimpleDocTemplate(
            str(path), pagesize=(page_width, 1400), leftMargin=36, rightMargin=36, invariant=1
        )
        doc.build([para(sentence, styles().body_zh) for sentence in SENTENCES])
        # a small word margin: pdfminer shows even a slight spacing between two glyphs as a space
        text = extract_text(path, laparams=LAParams(word_margin=0.02))
        out[width] = [line.strip() for line in text.splitlines() if line.strip()]
    return out


def test_body_text_is_justified(extracted):
    assert styles().body_zh.alignment == 4  # TA_JUSTIFY: the case where spacing could creep in


def test_numbers_with_units_and_latin_words_stay_whole_on_one_line(extracted):
    for width, lines in extracted.items():
        for token in TOKENS:
            assert any(token in line for line in lines), (width, token, lines)


def test_no_digit_is_spaced_from_the_next(extracted):
    for width, lines in extracted.items():
        spaced = [line for line in lines if re.search(r"\d\s+[\d.%]|[\d.]\s+\d", line)]
        assert not spaced, (width, spaced)
