"""The brief's title from the document's own metadata (compose/titles.py), on texts written for the test."""

from __future__ import annotations

from briefing.compose.titles import brief_title
from briefing.ingest import document_from_text
from briefing.model import Translation

GLOSSARY = {"晨光日报": "Morning Light Daily", "青石区": "Qingshi District"}


def _label(zh: str) -> Translation:
    return Translation(GLOSSARY.get(zh, ""), "glossary" if zh in GLOSSARY else "untranslated")


def test_an_article_is_titled_by_its_headline_and_described_by_outlet_genre_and_date():
    text = "\n\n".join(
        [
            "### 上半年青石市新增绿地120公顷",
            "# 城市处处见**新绿**（走基层）",
            "> 本报记者 王明《晨光日报》（2029年07月16日第 05 版）",
            "上半年，青石市新建口袋公园36个。",
        ]
    )
    title = brief_title(document_from_text(text + "\n", markdown=True), _label)
    assert title.zh == "城市处处见新绿（走基层）"
    assert title.en == "Morning Light Daily: news article, 16 July 2029"


def test_a_report_without_a_known_kind_falls_back_to_its_genre_name():
    text = (
        "青石区2029年上半年经济运行情况\n来源：青石区统计局\n日期:2029-07-20\n上半年，全区生产总值增长5%。\n"
    )
    document = document_from_text(text)
    assert (document.genre, document.issuer, document.place) == ("statistical_release", "青石区", "青石区")
    assert brief_title(document, _label).en == "Qingshi District: statistical release, 20 July 2029"
