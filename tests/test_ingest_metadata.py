"""The document's own genre, title, date and place, on short texts written for these tests."""

from __future__ import annotations

import pytest

from briefing.ingest import document_from_text


def _doc(*lines: str, markdown: bool | None = None):
    return document_from_text("\n".join(lines) + "\n", markdown=markdown)


def test_delivery_line_beats_a_web_time_field():
    document = _doc(
        "2031年云岭省政府工作报告",
        "——2031年1月22日在云岭省第十五届人民代表大会第六次会议上",
        "来源：云岭日报",
        "时间：2031-02-03",
        "各位代表：",
        "一、工作回顾",
        "全省生产总值增长5%。",
    )
    assert document.date == "2031-01-22"
    assert document.genre == "government_work_report"
    assert document.title == "2031年云岭省政府工作报告"


def test_delivery_line_in_brackets():
    document = _doc(
        "政府工作报告", "（2031年1月21日在云岭省第十五届人民代表大会第六次会议上）", "发布时间：2031-02-02"
    )
    assert document.date == "2031-01-21"


def test_date_header_of_a_web_page_dates_a_report_without_delivery_line():
    document = _doc(
        "关于某区2029年预算执行情况的报告", "日期:2029-08-30 10:00    来源:区财政局", "一、收入情况"
    )
    assert (document.genre, document.date) == ("plan_execution_report", "2029-08-30")


def test_newspaper_byline_dates_the_article_before_its_dateline():
    document = _doc(
        "# 青石市新增绿地120公顷",
        "",
        "> 《晨光日报》（2029年03月02日第 14 版）",
        "",
        "本报青石3月1日电  （记者王明）上半年，青石市新建公园36个。",
        markdown=True,
    )
    assert document.date == "2029-03-02"


def test_dateline_without_year_or_byline_takes_the_year_the_text_names():
    document = _doc(
        "本报讯（记者 王明）5月8日，青石市发布数据：2029年一季度新建公园6个，2029年计划新建20个。"
    )
    assert document.date == "2029-05-08"


def test_dateline_with_its_year():
    document = _doc("新华社青石2027年6月9日电（记者 王明）青石市新建公园36个。")
    assert document.date == "2027-06-09"


@pytest.mark.parametrize(
    ("title", "place"),
    [
        ("2031年宁夏回族自治区政府工作报告", "宁夏回族自治区"),
        ("关于海淀区2029年国民经济和社会发展计划执行情况的报告", "海淀区"),
        ("关于北京市朝阳区2029年国民经济和社会发展计划执行情况的报告", "朝阳区"),
    ],
)
def test_report_place_is_its_issuer_as_a_full_official_name(title, place):
    assert _doc(title, "一、工作回顾", "地区生产总值增长5%。").place == place


def test_national_congress_report_is_about_the_whole_country():
    document = _doc("政府工作报告", "——2031年3月5日在第十五届全国人民代表大会第二次会议上", "一、工作回顾")
    assert document.place == "全国"


def _article(headline: str, *body: str):
    return _doc(
        f"# {headline}", "", "> 本报记者 王明《晨光日报》（2029年07月16日第 04 版）", "", *body, markdown=True
    )


def test_news_place_named_in_the_headline_is_given_as_its_province():
    document = _article("宁夏连续三年造林超百万亩", "记者从自治区林草局获悉，造林面积稳步增长。")
    assert document.place == "宁夏回族自治区"
    document = _article("青石新绿", "银川市新建公园36个，银川市民出行更便利，宁夏全区绿地增加。")
    assert document.place == "宁夏回族自治区"  # a city counts for its province


def test_news_about_the_country_and_news_touring_several_provinces():
    national = _article(
        "经济运行稳中有进", "上半年，全国规模以上工业增加值增长6%，我国货物贸易进出口创新高。"
    )
    assert national.place == "全国"
    tour = _article("桥下空间变公园", "成都市桥下建起球场。杭州市桥下建起驿站。福州市桥下建起花园。")
    assert tour.place == ""


def test_statistical_title_is_a_release_unless_it_is_laid_out_as_news():
    release = _doc("2029年上半年青石市经济运行情况", "来源：青石市统计局", "上半年，全市生产总值增长5%。")
    assert release.genre == "statistical_release"
    article = _article("2029年上半年经济运行情况", "上半年，全国生产总值增长5%。")
    assert article.genre == "news_article"


def test_release_without_issuer_takes_the_place_its_source_names_or_the_country():
    local = _doc("上半年经济运行情况", "来源：云南省统计局", "上半年，全省生产总值增长5%。")
    assert (local.genre, local.place) == ("statistical_release", "云南省")
    national = _doc("上半年国民经济运行情况", "来源：国家统计局", "上半年，国内生产总值增长5%。")
    assert national.place == "全国"


def test_plain_text_article_with_an_edition_byline_is_one_article_whatever_its_sub_heads():
    document = _doc(
        "上半年青石市新增绿地120公顷",
        "城市处处见新绿（走基层）",
        "本报记者 王明《晨光日报》（2029年07月16日第 05 版）",
        "上半年，青石市新建口袋公园36个，同比增长20%。",
        "绿地连成片",
        "全市公园总数达到480个",
        "全市公园总数达到480个，比去年底增加15个。",
        "步道串起城",
        "新建绿道50公里，串起全市主要公园。",
    )
    assert (document.genre, document.title, document.date) == (
        "news_article",
        "城市处处见新绿（走基层）",
        "2029-07-16",
    )
    [article] = document.articles
    assert article.title_lines == ["上半年青石市新增绿地120公顷", "城市处处见新绿（走基层）"]
    assert not [s for s in document.sentences if "晨光日报" in s.text]


def test_digest_place_is_the_province_its_stories_name_most():
    text = "\n\n".join(
        [
            "# 宁夏新增绿地120公顷",
            "本报讯（记者 王明）7月15日，银川市发布绿化数据，银川新建公园36个。",
            "# 石嘴山旅游收入增长8%",
            "本报讯（记者 李华）上半年，石嘴山市接待游客100万人次，吴忠市接待游客80万人次。",
            "# 青海游客增长",
            "本报讯（记者 赵强）上半年，青海接待游客增长。",
        ]
    )
    document = _doc(text, markdown=True)
    assert (document.genre, document.place) == ("news_digest", "宁夏回族自治区")


def test_a_headline_that_only_mentions_a_report_is_news():
    document = _article("政府工作报告里的民生账单", "今年政府工作报告提出，城镇新增就业1200万人左右。")
    assert document.genre == "news_article"
    reprint = _article("政府工作报告（摘要）", "一、工作回顾", "全省生产总值增长5%。")
    assert reprint.genre == "government_work_report"


def test_a_report_title_below_the_papers_name_and_a_bare_delivery_line():
    document = _doc(
        "云岭日报",
        "2031年云岭省政府工作报告",
        "2031年1月22日在云岭省第十五届人民代表大会第六次会议上",
        "各位代表：",
        "一、工作回顾",
    )
    assert (document.genre, document.title, document.date, document.place) == (
        "government_work_report",
        "2031年云岭省政府工作报告",
        "2031-01-22",
        "云岭省",
    )


def test_a_local_story_saying_national_first_stays_local():
    story = _article(
        "古镇焕新颜", "浙江某县建成全国首个古镇数字馆，浙江游客增长。全国游客慕名而来，浙江文旅火热。"
    )
    assert story.place == "浙江省"
