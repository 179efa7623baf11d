"""Where a figure is: the national gazetteer, the document's home, and the places a clause names."""

from briefing.facts import extract_facts
from briefing.facts.places import gazetteer
from briefing.ingest import document_from_text

PROVINCE_REPORT = """2026年湖南省政府工作报告

  一、2025年工作回顾

  全省地区生产总值增长5.2%。株洲市新增高新技术企业120家。全国居民人均可支配收入增长5.1%。全省粮食产量占全国的4.8%。岳阳港集装箱吞吐量达到80万标箱。经开区实际使用外资12亿元。
"""


def _geo(facts, raw: str) -> str:
    return next(f for f in facts if f.raw == raw).geo


def test_gazetteer_names_divisions_and_what_contains_them():
    places = gazetteer()
    assert places.resolve("株洲", "湖南省") == "株洲市"
    assert places.resolve("广西", "") == "广西壮族自治区"
    assert places.contains("湖南省", "株洲市") and not places.contains("湖北省", "株洲市")
    assert places.resolve("全国", "湖南省") == "全国"


def test_short_county_names_are_read_only_inside_a_city():
    places = gazetteer()
    assert places.resolve("芙蓉", "长沙市") == "芙蓉区"  # a Changsha text names its districts short
    assert places.resolve("芙蓉", "湖南省") is None  # a province's text means the flower


def test_a_province_report_places_its_figures():
    facts = extract_facts(document_from_text(PROVINCE_REPORT, "hunan"))
    assert _geo(facts, "5.2%") == "湖南省"
    assert _geo(facts, "120家") == "株洲市"
    assert _geo(facts, "5.1%") == "全国"  # national figure quoted in a provincial text
    assert _geo(facts, "4.8%") == "湖南省"  # 占全国: the country is the yardstick, not the subject
    assert _geo(facts, "80万标箱") == "岳阳港"  # a figure about a port is about the port
    assert _geo(facts, "12亿元") == "湖南省"  # a generic zone is never resolved to one city


def test_a_news_article_without_a_place_is_national_when_it_speaks_of_the_country():
    text = "外贸稳中提质\n\n国家统计局发布数据，我国货物贸易进出口总值增长2.9%，全国网上零售额增长8.5%。\n"
    facts = extract_facts(document_from_text(text, "news"))
    assert {f.geo for f in facts} == {"全国"}
