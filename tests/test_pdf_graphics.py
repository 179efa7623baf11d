"""Charts in the PDF: a label with a character no text font has still draws, marked, never an error."""

from __future__ import annotations

from briefing import fonts
from briefing.charts import Chart, Row
from briefing.model import Bilingual
from briefing.pdf.graphics import chart_flowable


def drawn_texts(node) -> list[str]:
    if hasattr(node, "contents"):
        return [text for child in node.contents for text in drawn_texts(child)]
    return [node.text] if hasattr(node, "text") else []


def test_odd_characters_in_chart_labels_print_as_the_missing_mark():
    chart = Chart(
        "levels",
        Bilingual("柳溪镇\U0001f680 · 主要指标", "Liuxi: key indicators"),
        Bilingual("单位：个", "Unit: items"),
        [
            Row(Bilingual("𠀀田新建泵站", "New pump stations \U0001f6b0"), 12.0, "12"),
            Row(Bilingual("改造渠道", "Canals rebuilt"), 7.0, "7"),
        ],
    )
    texts = drawn_texts(chart_flowable(chart, 400))
    joined = "".join(texts)
    assert "〓田新建泵站" in joined and "New pump stations 〓" in joined
    assert "𠀀" not in joined and "\U0001f680" not in joined
    assert fonts.MISSING_MARK in joined
