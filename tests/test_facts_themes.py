"""The theme of a fact on documents of every genre: the keyword vocabulary of each theme, the clause
outweighing a list sentence or a wordy paragraph, the keyword next to the number breaking a tie, and the
`regional` pull of partner places only in a document about one place. Every sentence is invented."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefing.facts import extract_facts
from briefing.ingest import document_from_text


def themes(text: str, doc: str = "t") -> dict[str, str]:
    """raw → theme of every fact of a text."""
    return {fact.raw: fact.theme for fact in extract_facts(document_from_text(text, doc))}


@pytest.mark.parametrize(
    ("sentence", "raw", "theme"),
    [
        # forestry and ecology are environment, not the economy default
        ("全年培育苗木3.5亿株，造林面积扩大到46万亩。", "3.5亿株", "environment"),
        ("防沙治沙面积累计达到820万亩。", "820万亩", "environment"),
        ("完成860个行政村生活污水治理。", "860个", "environment"),
        # logistics and ports are trade
        ("港口集装箱吞吐量达到910万标箱。", "910万标箱", "consumption_trade"),
        ("全年铁路货物运输量增长3.1%。", "3.1%", "consumption_trade"),
        ("社会物流总额增长4.4%。", "4.4%", "consumption_trade"),
        # sport is culture and tourism
        ("运动员在全国比赛中获得17枚金牌。", "17枚", "culture_tourism"),
        # lawmaking, state-owned capital and spending discipline are governance
        ("制定地方性法规6部，清理规范性文件38件。", "6部", "governance"),
        ("国有资本收益上缴73亿元。", "73亿元", "governance"),
        ("一般性支出压减11%。", "11%", "governance"),
        # schooling, health, wages and drinking water are livelihoods
        ("高中阶段毛入学率达到93.5%。", "93.5%", "livelihood"),
        ("人均预期寿命提高到78.9岁。", "78.9岁", "livelihood"),
        ("最低工资标准提高6%。", "6%", "livelihood"),
        ("农村自来水普及率达到97%。", "97%", "livelihood"),
        # farming, industry and science are the economy
        ("建成高标准农田520万亩。", "520万亩", "economy"),
        ("碳纤维产量增长31%。", "31%", "economy"),
        ("新增重点实验室9家。", "9家", "economy"),
        ("经营主体净增48万户。", "48万户", "economy"),
        # pipe networks, roads and shanty towns are urban renewal
        ("改造燃气、供热管网780公里。", "780公里", "urban_renewal"),
        ("高速公路通车里程达到6300公里。", "6300公里", "urban_renewal"),
        ("完成棚户区改造1.6万套。", "1.6万套", "urban_renewal"),
        # forest fires are safety; urbanisation is regional development
        ("连续12年未发生重大森林火灾。", "连续12年", "safety"),
        ("常住人口城镇化率达到61%。", "61%", "regional"),
    ],
)
def test_genre_vocabulary(sentence, raw, theme):
    assert themes(sentence)[raw] == theme


def test_a_list_sentence_does_not_outvote_the_clause():
    """One sentence listing GDP, revenue, investment and prices: retail sales and unemployment keep
    their own themes, because the rest of the sentence counts once per theme."""
    found = themes(
        "全年地区生产总值增长4.8%，一般公共预算收入增长3%，固定资产投资增长4%，"
        "社会消费品零售总额增长6.2%，居民消费价格涨幅1.5%，城镇调查失业率控制在5%以内。"
    )
    assert found["4.8%"] == "economy"
    assert found["6.2%"] == "consumption_trade"
    assert found["控制在5%以内"] == "livelihood"


def test_a_wordy_paragraph_opening_counts_once():
    """An opening sentence full of economic words must not carry the health figure after it."""
    text = (
        "经济运行总体平稳，工业增加值、固定资产投资、财政收入和金融存贷款稳步增长。"
        "新增家庭医生签约居民4.2万人。"
    )
    assert themes(text)["4.2万人"] == "livelihood"


@pytest.mark.parametrize(
    ("sentence", "raw", "theme"),
    [
        ("单位GDP二氧化碳排放下降2.5%。", "2.5%", "environment"),  # the keyword before the number
        ("财政支出中民生支出占比达到76%。", "76%", "livelihood"),
        ("新建320所中小学体育场地。", "320所", "livelihood"),  # none before: the keyword after
        ("修缮了15处文物遗产点位。", "15处", "culture_tourism"),
    ],
)
def test_the_keyword_next_to_the_number_breaks_a_tie(sentence, raw, theme):
    assert themes(sentence)[raw] == theme


def test_places_of_a_national_report_are_its_subjects_not_partners():
    """A report touring three cities (no home place): their figures keep the clause's theme."""
    text = (
        "城市更新见闻\n\n在成都市，改造老旧小区46个。在杭州市，新增停车位1800个。在西安市，整治背街小巷27条。"
    )
    found = themes(text)
    assert found["46个"] == "urban_renewal"
    assert found["1800个"] == "urban_renewal"


def test_a_cooperation_zone_still_pulls_towards_regional():
    """A named regional-cooperation area pulls a figure there towards `regional` in any document."""
    text = "全市工作报告\n\n雄安新区新增注册企业320家。"
    assert themes(text)["320家"] == "regional"


def test_keyword_finder_finds_what_a_regex_scan_finds(tmp_path):
    """The keyword automaton reads a sentence the way a leftmost-longest regex alternation of the same
    keywords does: the longest keyword where several start at one place, none overlapping, none missed."""
    import re

    from briefing.facts.context import _theme_matcher

    extra = tmp_path / "themes.toml"
    extra.write_text(
        '[space]\nzh = "航天"\nen = "Space"\nkeywords = ["卫星", "卫星发射", "发射场", "星座"]\n',
        encoding="utf-8",
    )
    finder = _theme_matcher(str(extra))
    words = sorted(finder.keywords, key=len, reverse=True)
    scan = re.compile("|".join(map(re.escape, words)))
    sentences = [
        "某县卫星发射场建成，卫星星座新增12颗。",  # 卫星发射 over 卫星, then 场 alone; 卫星 then 星座
        "全年城镇新增就业5.2万人，居民人均可支配收入增长4.9%。",
        "地区生产总值增长5%，新能源汽车产量增长三成，森林覆盖率达到40%。",
        "没有任何关键词的句子。",
    ]
    for sentence in sentences:
        expected = [(m.start(), m.end()) for m in scan.finditer(sentence)]
        assert [(s, e) for s, e, _ in finder.hits(sentence)] == expected
    space = [themes for s, e, themes in finder.hits(sentences[0]) if sentences[0][s:e] == "卫星发射"]
    assert space == [["space"]]


@given(
    st.dictionaries(
        st.sampled_from(["economy", "jobs", "energy", "safety"]),
        st.sampled_from([0.5, 1.0, 1.5, 4.0, 5.5]),
        min_size=1,
    )
)
def test_the_heaviest_theme_is_what_max_picks_the_first_of_equal_scores(scores: dict[str, float]) -> None:
    from briefing.facts.context import _heaviest

    assert _heaviest(scores) == max(scores, key=scores.__getitem__)
