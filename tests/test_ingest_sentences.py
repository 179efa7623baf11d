"""A paragraph's first sentence, read without cutting the rest, is the first piece `cut` gives."""

from __future__ import annotations

import pytest

from briefing.ingest.cleanup import Paragraph
from briefing.ingest.sentences import cut, first_sentence


@pytest.mark.parametrize(
    "text",
    [
        "一、稳住农业基本盘。全年粮食产量增长2%。",
        "　。　“新建桥梁12座。”其余照旧",
        "没有句号的一行",
        "。；  最后一句没有句号",
    ],
)
def test_first_sentence_is_the_first_cut_piece(text):
    paragraph = Paragraph(text, list(range(len(text))))
    assert first_sentence(paragraph) == cut(paragraph)[0][0]
