"""Chinese sentence splitting for MT: sentence ends, quotes kept together, long text cut safely."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from briefing.boundaries import split_sentences
from briefing.translate.protect import PLACEHOLDER, PLACEHOLDER_RE
from briefing.translate.splitter import MAX_CHARS, split_for_mt


def test_full_and_half_width_sentence_ends() -> None:
    text = "规划编制扎实开展。促发展力度不断增强！是否达标？继续推进;完成任务; 形成合力"
    assert split_sentences(text) == [
        "规划编制扎实开展。",
        "促发展力度不断增强！",
        "是否达标？",
        "继续推进;",
        "完成任务;",
        "形成合力",
    ]


def test_quotes_stay_with_their_sentence() -> None:
    text = "他表示：“要加快建设。要久久为功。”随后开展调研。下一步工作。"
    pieces = split_sentences(text)
    assert pieces == ["他表示：“要加快建设。要久久为功。”", "随后开展调研。", "下一步工作。"]
    assert not any(p[0] in "”’）」" for p in pieces)


def test_closing_quote_after_end_mark_is_kept() -> None:
    assert split_sentences("（数据来源：区统计局。）下一句。") == ["（数据来源：区统计局。）", "下一句。"]
    inner_stop = "开展“媒体东城行。东城民营企业探访”等活动。"
    assert split_sentences(inner_stop) == [inner_stop]


def test_unclosed_quote_does_not_swallow_a_long_text() -> None:
    text = "“" + "经济运行总体平稳。" * 60
    assert max(len(p) for p in split_sentences(text, long=MAX_CHARS)) < MAX_CHARS


def test_long_text_without_punctuation_is_cut_outside_placeholders() -> None:
    unit = "东城区推进城市更新" + PLACEHOLDER.format(7)
    text = unit * 800  # about 10,000 characters, no punctuation at all
    pieces = split_for_mt(text, keep=PLACEHOLDER_RE)
    assert "".join(pieces) == text
    assert all(len(p) <= MAX_CHARS + len(PLACEHOLDER.format(7)) for p in pieces)
    assert sum(len(PLACEHOLDER_RE.findall(p)) for p in pieces) == 800


@given(st.text(alphabet="经济发展。，；！？“”（）ab1 ", max_size=400))
def test_splitting_loses_no_characters(text: str) -> None:
    joined = "".join(split_for_mt(text))
    assert joined.replace(" ", "") == text.replace(" ", "")
