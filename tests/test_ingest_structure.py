"""Clean-up, structure and sentence rules on small texts built for each rule (not the samples)."""

from __future__ import annotations

import random
import re

import pytest

from briefing.ingest import document_from_text
from briefing.ingest.rules import WHITESPACE, fold_spaces

LONG = "本季度全区重点项目建设稳步推进，完成固定资产投资比上年同期明显增长，"  # a body line, 35 chars


def _texts(document) -> list[str]:
    return [s.text for s in document.sentences]


def _assert_maps_back(document) -> None:
    for sentence in document.sentences:
        assert [document.text[o] for o in sentence.offsets] == list(sentence.text)


def test_body_line_broken_mid_number_is_rejoined_across_blank_lines():
    text = f"{LONG}带动新增就业岗位12\n\n00个，服务企业300家。\n"
    document = document_from_text(text)
    assert _texts(document) == [f"{LONG}带动新增就业岗位1200个，服务企业300家。"]
    _assert_maps_back(document)
    start, end = document.sentences[0].source_span(0, len(document.sentences[0].text))
    assert (start, end) == (0, len(text) - 1)


@pytest.mark.parametrize(
    "text",
    [
        f"{LONG}全年目标基本完成。\n\n下一段落从这里开始，继续说明情况。\n",  # ends with an end mark
        "短标题不接正文\n\n正文从这里开始，说明情况，内容较多较长较为完整。\n",  # headline before body
        "北京市人民政府关于印发北京市进一步优化营商环境更好服务市场主体实施方案的通知\n\n各区人民政府，市政府各委、办、局：\n",
        f"{LONG}还有未完\n\n二、下一部分\n",  # the next line is a heading
        f"{LONG}还有未完\n\n本报讯（记者 张三）今天，发布会举行。\n",  # the next line is a news lead
        f"{LONG}还有未完\n\n短的标题行\n",  # the next line is a title-like line
    ],
)
def test_lines_that_are_not_broken_stay_apart(text):
    document = document_from_text(text)
    assert len({s.offsets[0] for s in document.sentences}) == len(document.sentences)
    assert all("\n" not in document.text[s.start : s.end] for s in document.sentences)


def test_boilerplate_lines_produce_no_sentences():
    chrome = [
        "【字号：大 中 小】",
        "字号:\u00a0\u00a0 \u00a0\u00a0",
        "打印本页 | 关闭窗口",
        "分享到：微信 微博 QQ空间",
        "扫一扫在手机上打开页面",
        "本报记者 曹立栋 摄",
        "新华社记者 张三、李四 摄",
        "王五/摄",
        "第 3 页 共 12 页",
        "- 3 -",
        "当前位置：首页 > 政务公开 > 计划总结",
        "上一篇：关于做好2025年工作的通知",
    ]
    body = "前门商圈打造以“老字号+国潮”为特色的传统商业街区。"
    caption = "图为游客在钟鼓楼广场参观。"
    text = "\n\n".join([body, *chrome, f"{caption}本报记者 邓伟 摄", body]) + "\n"
    # a photo caption is not document text: with its credit on the same line it goes too
    assert _texts(document_from_text(text)) == [body, body]


def test_cut_at_full_and_half_width_marks_keeping_closing_quotes():
    text = "他说：“今年目标一定完成！”随后离开。增长多少?答案是5%;其余待定\n"
    document = document_from_text(text)
    assert _texts(document) == [
        "他说：“今年目标一定完成！”",
        "随后离开。",
        "增长多少?",
        "答案是5%;",
        "其余待定",
    ]


def test_heading_levels_and_inline_list_items():
    text = "\n".join(
        [
            "一、总体情况",
            "（一）经济运行",
            "1.工业生产",
            "（1）规模以上工业",
            "规模以上工业增加值增长5%。",
            "2、服务业",
            "服务业稳步恢复。(1)加快发展现代服务业。(2)推动消费升级。",
            "二、下一步安排",
            "继续努力。",
        ]
    )
    document = document_from_text(text + "\n")
    assert [(s.heading, s.level) for s in document.sections] == [
        ("一、总体情况", 1),
        ("（一）经济运行", 2),
        ("1.工业生产", 3),
        ("（1）规模以上工业", 4),
        ("2、服务业", 3),
        ("二、下一步安排", 1),
    ]
    assert [s.parent for s in document.sections] == [None, 0, 1, 2, 1, None]
    by_text = {s.text: s for s in document.sentences}
    assert document.heading_of(by_text["规模以上工业增加值增长5%。"]) == "（1）规模以上工业"
    assert document.heading_of(by_text["(1)加快发展现代服务业。"]) == "2、服务业"
    assert document.heading_of(by_text["继续努力。"]) == "二、下一步安排"
    assert by_text["1.工业生产"].is_heading and not by_text["继续努力。"].is_heading


def test_inline_headings_open_long_lines_but_list_items_never_do():
    text = "\n".join(
        [
            "一、2025年主要任务",
            "（一）着力扩大内需，经济回升向好。社会消费品零售总额增长3%。",
            "1.加快建设现代化产业体系。新培育专精特新企业1000家。",
            "（1）发展人工智能。支持企业研发大模型。",
        ]
    )
    document = document_from_text(text + "\n")
    assert [(s.heading, s.level) for s in document.sections] == [
        ("一、2025年主要任务", 1),
        ("（一）着力扩大内需，经济回升向好。", 2),
        ("1.加快建设现代化产业体系。", 3),
    ]
    headings = [s.text for s in document.sentences if s.is_heading]
    assert headings == [
        "一、2025年主要任务",
        "（一）着力扩大内需，经济回升向好。",
        "1.加快建设现代化产业体系。",
    ]
    by_text = {s.text: s for s in document.sentences}
    assert document.heading_of(by_text["社会消费品零售总额增长3%。"]) == "（一）着力扩大内需，经济回升向好。"
    assert document.heading_of(by_text["（1）发展人工智能。"]) == "1.加快建设现代化产业体系。"


def test_news_digest_articles_bylines_subheadings_and_lead_date():
    text = "\n\n".join(
        [
            "稳中求进",  # kicker
            "全市新增就业岗位20万个",  # main title
            "新华社北京3月5日电（记者 张三）记者从市人社局获悉，2024年全市新增就业岗位20万个。",
            "其中，服务业吸纳就业占比超过七成。",
            "重点群体就业稳定",  # a sub-heading inside the article
            "高校毕业生就业率保持在95%以上。",
            "老城保护更新提速",
            "本报讯（记者 李四）2024年，全市完成老旧小区改造300个，惠及居民5万户。",
            "冰雪运动热度不减！",  # a headline may end with ！
            "本报记者 王五",  # a byline on its own line
            "今冬全市滑雪场接待游客超百万人次。",
        ]
    )
    document = document_from_text(text + "\n")
    assert document.genre in ("news_article", "news_digest")
    assert [a.headline for a in document.articles] == ["稳中求进", "老城保护更新提速", "冰雪运动热度不减！"]
    assert document.articles[0].title_lines == ["稳中求进", "全市新增就业岗位20万个"]
    bylines = ["新华社北京3月5日电（记者 张三）", "本报讯（记者 李四）", "本报记者 王五"]
    assert [a.byline for a in document.articles] == bylines
    assert document.date == "2024-03-05"  # the dateline gives no year: the year the text mentions
    by_text = {s.text: s for s in document.sentences}
    assert by_text["重点群体就业稳定"].is_heading and by_text["重点群体就业稳定"].article == 0
    assert document.heading_of(by_text["高校毕业生就业率保持在95%以上。"]) == "稳中求进"
    assert by_text["本报讯（记者 李四）2024年，全市完成老旧小区改造300个，惠及居民5万户。"].article == 1


def test_report_without_news_cues_takes_date_and_issuer_from_its_front_matter():
    text = "\n".join(
        [
            "政府工作报告",
            "——2025年1月14日在北京市第十六届人民代表大会第三次会议上",
            "北京市市长 殷勇",
            "各位代表：",
            "现在，我代表市人民政府，向大会报告工作，请予审议。",
            "一、2024年工作回顾",
            "全市地区生产总值增长5.2%左右。",
        ]
    )
    document = document_from_text(text + "\n")
    assert (document.genre, document.articles) == ("government_work_report", [])
    assert (document.date, document.issuer) == ("2025-01-14", "北京市")
    assert document.sections[0].heading == "一、2024年工作回顾"


def test_meta_line_gives_date_and_source_and_no_sentence():
    meta = "发布时间：2025年07月15日 10:00  来源：区政府办"
    text = f"某区2025年上半年工作总结\n{meta}\n上半年各项工作进展顺利。\n"
    document = document_from_text(text)
    assert (document.date, document.source, document.issuer) == ("2025-07-15", "区政府办", "某区")
    assert _texts(document) == ["某区2025年上半年工作总结", "上半年各项工作进展顺利。"]


def test_short_caption_above_a_photo_credit_is_dropped_but_a_body_paragraph_is_kept():
    caption = "河畔新公园里，孩子们在草地上奔跑。"
    body = f"{LONG}全年新建口袋公园36个，市民出行更加便利，城市面貌明显改善。"
    text = "\n\n".join([body, caption, "本报记者  李  华摄", body, "王  五摄"]) + "\n"
    assert _texts(document_from_text(text)) == [body, body]


def test_folding_blanks_agrees_with_the_folding_pattern_on_every_kind_of_blank():
    """Printable lines skip the regex; the result is the regex's on lines of every blank there is."""
    rng = random.Random(16)
    blanks = [*WHITESPACE, "\x1c", "\x85", "\u2028", "\u2000", "\u205f", "\u200c", "\u00ad"]
    alphabet = ["青", "a", "1", "，", *blanks]
    for _ in range(5000):
        line = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 10)))
        assert fold_spaces(line) == re.sub(f"[{WHITESPACE}]+", " ", line).strip(), repr(line)


def test_sections_nest_and_end_as_reading_all_the_others_says():
    """One pass with the open sections gives each heading the parent and end that looking through every
    other heading gives: the last of a higher level before it, the next of its level or higher after."""
    import random

    from briefing.ingest.cleanup import Paragraph
    from briefing.ingest.rules import rules
    from briefing.ingest.structure import _sections

    markers = {1: "一、", 2: "（一）", 3: "1.", 4: "（1）"}
    rng = random.Random(3)
    for _ in range(300):
        levels = [rng.randint(1, 4) for _ in range(rng.randint(0, 12))]
        paragraphs, headings = [], []
        for i, level in enumerate(levels):
            text = f"{markers[level]}示例标题"
            paragraphs.append(Paragraph(text, list(range(100 * i, 100 * i + len(text)))))
            headings.append(text if rng.random() < 0.8 else "")  # some lines are no headings
            paragraphs.append(Paragraph("正文。", list(range(100 * i + 50, 100 * i + 53))))
            headings.append("")
        found = _sections("x" * 2000, paragraphs, headings, rules())
        assert [s.level for s in found] == [lv for lv, h in zip(levels, headings[::2], strict=True) if h]
        for i, section in enumerate(found):
            parent = next((j for j in range(i - 1, -1, -1) if found[j].level < section.level), None)
            end = next((s.start for s in found[i + 1 :] if s.level <= section.level), 2000)
            assert (section.parent, section.end) == (parent, end)


def test_years_are_found_as_the_look_behind_first_pattern_finds_them():
    """The calendar-year pattern checks the character before a year after reading its first two digits
    (so that a fast scan finds its candidates): it finds the years, at the same places, that the plain
    form (the look-behind first) finds, on texts of digits, points, percents and words."""
    from briefing.ingest.rules import rules

    plain = re.compile(r"(?<![\d.])(?P<year>(19|20)\d{2})(?![\d.%])")
    rng = random.Random(59)
    pieces = ["19", "20", "2", "1", "0", "9", "5", ".", "%", "年", "青", " ", "2031", "1999", "12.2030"]
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 10)))
        expected = [m.span("year") for m in plain.finditer(text)]
        assert [m.span("year") for m in rules().year.finditer(text)] == expected, text
