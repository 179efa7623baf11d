"""The two bundled samples: a Beijing Daily news digest and a district plan-execution report."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import GOLD, SEEDS

from briefing.ingest import load_document

DIGEST = SEEDS / "000_9b67a797093b1d68.txt"
REPORT = SEEDS / "004_976266724e1df7b4.txt"


@pytest.fixture(scope="module")
def digest():
    return load_document(str(DIGEST))


@pytest.fixture(scope="module")
def report():
    return load_document(str(REPORT))


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize("name", ["digest", "report"])
def test_every_sentence_maps_back_to_its_source_text(request, name):
    document = request.getfixturevalue(name)
    assert document.text == Path(document.path).read_text(encoding="utf-8")
    for sentence in document.sentences:
        start, end = sentence.source_span(0, len(sentence.text))
        assert _squeeze(document.text[start:end]) == _squeeze(sentence.text)
        assert all(document.text[o] == c for o, c in zip(sentence.offsets, sentence.text, strict=True))
        assert "\n" not in sentence.text


def test_digest_splits_into_its_articles_by_layout(digest):
    assert digest.genre == "news_digest"
    assert [a.headline for a in digest.articles] == [
        "今年前11月北京疏解提质一般制造业企业104家",
        "街巷胡同“颜值”不断提升",
        "“延庆城市策展计划”发布",
        "北京林地面积已达97.37万公顷",
        "今年全市66家单位通过清洁生产审核评估",
    ]
    assert digest.articles[0].title_lines[1] == "北京轨道交通22号线全线19座车站主体结构封顶"
    assert digest.articles[0].byline == "本报讯（记者 盛丽）"
    assert digest.date == "2025-12-17"


def test_digest_rejoins_lines_broken_mid_word_and_mid_number(digest):
    texts = [s.text for s in digest.sentences]
    for joined in ("成为热门“打卡地”", "进入北京奔驰", "累计20家次企业", "减排二氧化碳5.7万吨"):
        assert any(joined in text for text in texts), joined
    # headlines stay lines of their own
    assert "街巷胡同“颜值”不断提升" in texts
    assert "地上建筑规模减量约230万平方米" in texts


def test_digest_drops_photo_credits_and_marks_headings(digest):
    assert not [s.text for s in digest.sentences if s.text.endswith("摄")]
    headings = {s.text for s in digest.sentences if s.is_heading}
    assert {"北京林地面积已达97.37万公顷", "12处遗产点位腾退修缮"} <= headings
    assert not [s for s in digest.sentences if s.is_heading and s.text.startswith("本报讯")]


def test_report_metadata_and_heading_tree(report):
    assert (report.genre, report.date, report.place) == ("plan_execution_report", "2025-09-28", "东城区")
    assert (report.issuer, report.source) == ("东城区", "区发改委")
    assert report.title == "关于东城区2025年国民经济和社会发展计划上半年执行情况的报告"
    top = [s.heading for s in report.sections if s.level == 1]
    assert top == ["一、上半年计划执行情况", "二、需要关注的主要问题", "三、下半年工作安排"]
    children = [s.heading for s in report.sections if s.parent == 0]
    assert children[0] == "(一)承压奋进促进增长,规划计划有序衔接" and len(children) == 6
    assert all(s.level == 2 for s in report.sections if s.parent is not None)
    # (1) items sit inside paragraphs: list items, not headings
    assert not [s for s in report.sections if s.level > 2]


def test_report_chrome_and_metadata_lines_give_no_sentences(report):
    chrome = ("字号", "扫一扫", "您访问的链接即将离开", "日期:", "来源:")
    assert not [s.text for s in report.sentences if s.text.startswith(chrome)]


def test_report_cuts_at_half_width_marks(report):
    texts = [s.text for s in report.sentences]
    cut_at_semicolon = [t for t in texts if t.endswith(";")]
    assert cut_at_semicolon and not [t for t in texts if ";" in t[:-1]]


@pytest.mark.parametrize("name", ["digest", "report"])
def test_gold_sentences_and_headings_are_found(request, name):
    """Every gold sentence lies within one of our sentences and sits under the gold's article line."""
    document = request.getfixturevalue(name)
    gold_file = GOLD / f"{document.doc}.jsonl"
    for line in gold_file.read_text(encoding="utf-8").splitlines():
        fact = json.loads(line)
        holder = next((s for s in document.sentences if fact["sentence"] in s.text), None)
        assert holder is not None, fact["sentence"]
        assert document.heading_of(holder) == fact["article"]
