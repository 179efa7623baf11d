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


def test_autonomous_prefectures_go_by_their_short_name():
    assert gazetteer().resolve("延边州", "吉林省") == "延边朝鲜族自治州"
    # the short name keeps every character of the place name, however many ethnic groups follow it
    assert gazetteer().resolve("黔东南州", "") == "黔东南苗族侗族自治州"
    assert gazetteer().resolve("西双版纳州", "") == "西双版纳傣族自治州"


def test_a_prefecture_short_form_places_a_figure_in_the_prefecture_not_the_province():
    text = "牧区新貌\n\n  海南州今年新建生态牧场12个，带动牧民增收。\n"
    facts = extract_facts(document_from_text(text, "news"))
    assert [f.geo for f in facts if f.raw == "12个"] == ["海南藏族自治州"]


def test_a_sub_heading_opening_with_a_place_places_the_text_below():
    text = (
        "城市角落焕新\n\n**浙江杭州市拱墅区运河边**\n\n"
        "**老厂房变身书屋**\n\n这里改造面积约2000平方米。\n\n"
        "**江苏苏州市姑苏区古城里**\n\n这里新建口袋公园6个。\n"
    )
    facts = {f.raw: f for f in extract_facts(document_from_text(text, "bridges.md"))}
    assert facts["约2000平方米"].geo == "杭州市拱墅区"
    assert facts["6个"].geo == "苏州市姑苏区"


def test_a_district_named_below_a_city_heading_narrows_the_passage():
    text = (
        "# 桥下新空间\n\n各地因地制宜，把桥下空间改造成居民身边的好去处。\n\n"
        "**浙江宁波市三江口立交桥下**\n\n**篮球场成新地标**\n\n"
        "这片空间位于海曙区，占地约1.2公顷。\n\n改造后，这里每天接待市民约800人次。\n\n"
        "**江苏南通市濠河立交桥下**\n\n**驿站方便接送**\n\n驿站新增停车位60个。\n"
    )
    facts = {f.raw: f for f in extract_facts(document_from_text(text, "bridges.md"))}
    assert facts["约1.2公顷"].geo == "宁波市海曙区"
    assert facts["约800人次"].geo == "宁波市海曙区"
    assert facts["60个"].geo == "南通市"


def test_the_home_named_as_a_clause_subject_places_the_figure_there():
    text = "# 高原增绿\n\n**海西州的沙地变了模样**\n\n数据显示，青海省2024年完成造林120万亩。\n"
    document = document_from_text(text, "green.md")
    document.place = "青海省"
    facts = {f.raw: f for f in extract_facts(document)}
    assert facts["120万亩"].geo == "青海省"  # not the prefecture the passage is about


def test_a_name_cut_short_by_the_end_of_a_text_is_read_as_written():
    assert gazetteer().find("推进长春、白山") == [(2, 4, "长春"), (5, 7, "白山")]


def test_a_ranked_place_opens_the_rank_clause_its_scope_does_not():
    text = "2026年湖南省政府工作报告\n\n株洲轨道交通装备产值跃居全国首位，岳阳港吞吐量居全省第一。\n"
    facts = {f.raw: f for f in extract_facts(document_from_text(text, "hunan"))}
    assert facts["首位"].geo == "株洲市"
    assert facts["第一"].geo == "岳阳港"


def test_places_read_within_a_part_of_a_sentence_are_those_of_a_copy_of_it():
    """The places of a figure's clause are read in place (within its bounds, with the sentence's place
    starts listed once): the same places as in a copy of the clause, where the clause's end also ends a
    name's street (…株洲|路) or port (…岳阳|港) and a city written just before the clause is not joined."""
    from briefing.facts.context import _places_in

    texts = [
        "湖南省株洲市新建学校3所，岳阳港吞吐量增长5%，株洲路改造2公里。",
        "长沙市芙蓉区和株洲新增企业20家，全省粮食产量占全国的4.8%。",
        "岳阳港集装箱达到80万标箱，湖南省株洲市天元区新增就业1200人。",
    ]
    index = gazetteer().index
    for home in ("湖南省", "长沙市", ""):
        for text in texts:
            starts = index.starts_of(text)
            for low in range(len(text)):
                for high in range(low + 1, len(text) + 1):
                    copied = [(s + low, e + low, n) for s, e, n in _places_in(text[low:high], home)]
                    assert _places_in(text, home, (low, high), starts) == copied, (home, text, low, high)
