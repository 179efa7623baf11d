"""Genre checks on texts written for the purpose (not the tuning samples): a city government work report,
a national data-news article and a district three-quarter plan-execution report, each figure annotated by
hand under the gold rules (/work/shared/gold/README.md): value, unit, qualifier, period, kind, direction,
theme, place and a clean label."""

from decimal import Decimal

import pytest

from briefing.facts import extract_facts
from briefing.ingest import document_from_text

WORK_REPORT = """政府工作报告
——2025年1月14日在北京市第十六届人民代表大会第三次会议上
北京市市长 殷勇

各位代表：

现在，我代表市人民政府，向大会报告工作，请予审议，并请市政协委员和其他列席人员提出意见。

一、2024年工作回顾

过去一年，我们坚持稳中求进工作总基调，全市经济运行稳中有进。预计全市地区生产总值增长5.2%左右；一般公共预算收入完成6181亿元、增长2.4%；规模以上工业增加值增长7.8%，社会消费品零售总额下降2.7%；居民人均可支配收入增长4.5%；城镇调查失业率4.2%，居民消费价格上涨0.1%。

（一）扎实推进国际科技创新中心建设。全社会研发经费投入强度保持6%左右，每万人口高价值发明专利拥有量增长13.4%。规模以上文化产业法人单位收入增长7.6%。新设外商投资企业1900余家，实际利用外资171亿美元。

（二）持续保障和改善民生。城镇新增就业28.4万人，新增就业岗位30万个。新建改建养老助餐点200个，新增养老家庭照护床位1.2万张。

（三）推动生态环境持续改善。PM2.5年均浓度30.5微克/立方米，下降4.7%。完成老旧小区综合整治改造386个，新增停车位1.2万个。轨道交通运营里程达到879公里，新能源汽车保有量突破100万辆。全社会用电量1380亿千瓦时。

二、2025年工作安排

今年经济社会发展的主要预期目标是：地区生产总值增长5%左右；一般公共预算收入增长3%；城镇调查失业率控制在5%以内；居民消费价格涨幅2%左右；居民收入增长与经济增长同步；细颗粒物浓度保持稳定，单位地区生产总值能耗下降3%以上。

全年新开工保障性住房5万套，新增就业岗位26万个以上。
"""

DATA_NEWS = """前三季度国内生产总值同比增长4.8%
国民经济运行总体平稳
本报北京10月18日电  （记者 王珂）
国家统计局18日发布数据，前三季度，国内生产总值949746亿元，按不变价格计算，同比增长4.8%。
分季度看，一季度同比增长5.3%，二季度增长4.7%，三季度增长4.6%。
前三季度，全国居民人均可支配收入30941元，比上年同期名义增长5.2%。社会消费品零售总额353564亿元，同比增长3.3%。其中，网上零售额占社会消费品零售总额的比重为26.5%。
前三季度，全国规模以上工业增加值同比增长5.8%。高技术制造业增加值增长9.1%，占规模以上工业增加值的比重为16.2%，比上年同期提高0.8个百分点。
前三季度，货物进出口总额32.33万亿元，同比增长5.3%。其中，出口18.62万亿元，增长6.2%。新能源汽车销量占汽车总销量的比例达46.1%。
9月份，全国城镇调查失业率为5.1%，比上月下降0.2个百分点。国庆假期，国内出游7.65亿人次，同比增长5.9%。

《 人民日报 》（ 2025年10月19日   第 01 版）
"""

DISTRICT_Q3 = """关于海淀区2025年前三季度国民经济和社会发展计划执行情况的报告

一、前三季度计划执行情况

（一）经济运行稳中向好

1-9月，全区实现地区生产总值8123.5亿元，同比增长6.3%，其中三季度增长6.0%。规模以上工业总产值完成2156亿元，同比下降1.2%。一般公共预算收入完成456.7亿元，同比增长3.1%，完成年度预算的78.5%。

（二）创新动能持续增强

新设科技型企业1.2万家，新增国家高新技术企业1100余家，总数超过1.3万家。研究与试验发展经费支出占地区生产总值比重达12.1%。规模以上软件和信息服务业企业累计实现营业收入9876.5亿元，同比增长11.2%。

（三）对外开放稳步扩大

实际使用外资12.3亿美元，货物进出口总额实现856亿元，分别同比增长8.1%、下降3.4%。在2024年度垃圾分类考核中，海淀区排名全市第二。

（四）民生保障更加有力

城镇新增就业3.5万人。新增养老床位600张，建设筹集保障性租赁住房5000套。新增公共停车位2300个。

二、需要关注的问题

部分行业增长乏力，房地产开发投资同比下降8.5%。

三、下一步工作安排

下半年，全区将确保全年地区生产总值增长5.5%以上，力争新增上市公司10家，完成老旧小区改造30个，新增停车位3000个。
"""

DOCS = {"work_report": WORK_REPORT, "data_news": DATA_NEWS, "district_q3": DISTRICT_Q3}


# Hand annotation, one figure a line: raw | a snippet of its clause where raw starts | fields.
# 过去一年 of a report given in January 2025 is 2024; growth figures are changes, not shares;
# 今年…主要预期目标 in the 2025 part are targets: growth targets point up, a cut target down.
WORK_REPORT_FACTS = """
5.2%左右 | 总值增长5.2 | 5.2 percent about 2024 change_pct up economy
6181亿元 | 完成6181 | 618100000000 CNY exact 2024 level - economy
2.4% | 增长2.4 | 2.4 percent exact 2024 change_pct up economy
7.8% | 工业增加值增长7.8 | 7.8 percent exact 2024 change_pct up economy
2.7% | 下降2.7 | 2.7 percent exact 2024 change_pct down consumption_trade
4.5% | 收入增长4.5 | 4.5 percent exact 2024 change_pct up livelihood
4.2% | 失业率4.2 | 4.2 percent exact 2024 share - livelihood
0.1% | 上涨0.1 | 0.1 percent exact 2024 change_pct up economy
6%左右 | 强度保持6% | 6 percent about 2024 share - economy
7.6% | 收入增长7.6 | 7.6 percent exact 2024 change_pct up culture_tourism
1900余家 | 外商投资企业1900 | 1900 enterprise over 2024 level - consumption_trade
171亿美元 | 利用外资171 | 17100000000 USD exact 2024 level - consumption_trade
28.4万人 | 新增就业28.4 | 284000 person exact 2024 level - livelihood
30万个 | 岗位30万 | 300000 job exact 2024 level - livelihood
1.2万张 | 床位1.2万张 | 12000 bed exact 2024 change_abs up livelihood
30.5微克/立方米 | 浓度30.5 | 30.5 ug_per_m3 exact 2024 level - environment
4.7% | 下降4.7 | 4.7 percent exact 2024 change_pct down environment
1.2万个 | 停车位1.2万个 | 12000 unit exact 2024 change_abs up urban_renewal
879公里 | 里程达到879 | 879 km exact 2024 level - urban_renewal
突破100万辆 | 保有量突破100万辆 | 1000000 vehicle over 2024 level - environment
1380亿千瓦时 | 用电量1380 | 138000000000 kwh exact 2024 level - economy
5%左右 | 总值增长5%左右 | 5 percent about target-2025 target up economy
3% | 收入增长3% | 3 percent exact target-2025 target up economy
控制在5%以内 | 失业率控制在5% | 5 percent at_most target-2025 target - livelihood
2%左右 | 涨幅2%左右 | 2 percent about target-2025 target up economy
3%以上 | 能耗下降3%以上 | 3 percent over target-2025 target down environment
5万套 | 保障性住房5万套 | 50000 unit exact target-2025 target - livelihood
26万个以上 | 岗位26万个以上 | 260000 job over target-2025 target - livelihood
13.4% | 增长13.4 | 13.4 percent exact 2024 change_pct up economy
200个 | 助餐点200 | 200 unit exact 2024 level - livelihood
386个 | 改造386 | 386 unit exact 2024 level - urban_renewal
"""

# National data news: 前三季度 → Jan-Sep, quarters, 9月份, 占…比重 shares, 个百分点 changes, 万亿元, 亿人次.
# 国庆假期 has no period in the gold tokens: '-' skips the field.
DATA_NEWS_FACTS = """
4.8% | 总值同比增长4.8% | 4.8 percent exact 2025-01/2025-09 change_pct up economy
4.8% | 计算，同比增长4.8% | 4.8 percent exact 2025-01/2025-09 change_pct up economy
949746亿元 | 总值949746 | 94974600000000 CNY exact 2025-01/2025-09 level - economy
5.3% | 一季度同比增长5.3 | 5.3 percent exact 2025-Q1 change_pct up economy
4.7% | 二季度增长4.7 | 4.7 percent exact 2025-Q2 change_pct up economy
4.6% | 三季度增长4.6 | 4.6 percent exact 2025-Q3 change_pct up economy
30941元 | 收入30941 | 30941 CNY exact 2025-01/2025-09 level - livelihood
5.2% | 名义增长5.2 | 5.2 percent exact 2025-01/2025-09 change_pct up livelihood
353564亿元 | 总额353564 | 35356400000000 CNY exact 2025-01/2025-09 level - consumption_trade
26.5% | 比重为26.5 | 26.5 percent exact 2025-01/2025-09 share - consumption_trade
16.2% | 比重为16.2 | 16.2 percent exact 2025-01/2025-09 share - economy
0.8个百分点 | 提高0.8 | 0.8 percentage_point exact 2025-01/2025-09 change_abs up economy
32.33万亿元 | 总额32.33 | 32330000000000 CNY exact 2025-01/2025-09 level - consumption_trade
18.62万亿元 | 出口18.62 | 18620000000000 CNY exact 2025-01/2025-09 level - consumption_trade
46.1% | 比例达46.1 | 46.1 percent exact 2025-01/2025-09 share - consumption_trade
5.1% | 失业率为5.1 | 5.1 percent exact 2025-09 share - livelihood
0.2个百分点 | 下降0.2 | 0.2 percentage_point exact 2025-09 change_abs down livelihood
7.65亿人次 | 出游7.65 | 765000000 person_time exact - level - culture_tourism
5.9% | 增长5.9 | 5.9 percent exact - change_pct up culture_tourism
3.3% | 增长3.3 | 3.3 percent exact 2025-01/2025-09 change_pct up consumption_trade
5.8% | 增长5.8 | 5.8 percent exact 2025-01/2025-09 change_pct up economy
9.1% | 增长9.1 | 9.1 percent exact 2025-01/2025-09 change_pct up economy
5.3% | 总额32.33万亿元，同比增长5.3 | 5.3 percent exact 2025-01/2025-09 change_pct up consumption_trade
6.2% | 增长6.2 | 6.2 percent exact 2025-01/2025-09 change_pct up consumption_trade
"""

# District three-quarter report: 1-9月, 三季度, part 二 without a time word, part 三 targets.
DISTRICT_Q3_FACTS = """
8123.5亿元 | 总值8123.5 | 812350000000 CNY exact 2025-01/2025-09 level - economy
6.3% | 增长6.3 | 6.3 percent exact 2025-01/2025-09 change_pct up economy
6.0% | 三季度增长6.0 | 6.0 percent exact 2025-Q3 change_pct up economy
2156亿元 | 总产值完成2156 | 215600000000 CNY exact 2025-01/2025-09 level - economy
1.2% | 下降1.2 | 1.2 percent exact 2025-01/2025-09 change_pct down economy
456.7亿元 | 收入完成456.7 | 45670000000 CNY exact 2025-01/2025-09 level - economy
3.1% | 增长3.1 | 3.1 percent exact 2025-01/2025-09 change_pct up economy
78.5% | 预算的78.5 | 78.5 percent exact 2025-01/2025-09 share - economy
1.2万家 | 科技型企业1.2万家 | 12000 enterprise exact 2025-01/2025-09 level - economy
1100余家 | 技术企业1100 | 1100 enterprise over 2025-01/2025-09 level - economy
超过1.3万家 | 总数超过 | 13000 enterprise over 2025-01/2025-09 level - economy
12.1% | 比重达12.1 | 12.1 percent exact 2025-01/2025-09 share - economy
9876.5亿元 | 收入9876.5 | 987650000000 CNY exact 2025-01/2025-09 level - economy
11.2% | 增长11.2 | 11.2 percent exact 2025-01/2025-09 change_pct up economy
12.3亿美元 | 外资12.3 | 1230000000 USD exact 2025-01/2025-09 level - consumption_trade
856亿元 | 实现856 | 85600000000 CNY exact 2025-01/2025-09 level - consumption_trade
8.1% | 增长8.1 | 8.1 percent exact 2025-01/2025-09 change_pct up consumption_trade
3.4% | 下降3.4 | 3.4 percent exact 2025-01/2025-09 change_pct down consumption_trade
第二 | 全市第二 | 2 rank exact 2024 rank - environment
3.5万人 | 就业3.5万人 | 35000 person exact 2025-01/2025-09 level - livelihood
600张 | 床位600张 | 600 bed exact 2025-01/2025-09 change_abs up livelihood
5000套 | 住房5000套 | 5000 unit exact 2025-01/2025-09 level - livelihood
2300个 | 停车位2300 | 2300 unit exact 2025-01/2025-09 change_abs up urban_renewal
8.5% | 下降8.5 | 8.5 percent exact unspecified change_pct down economy
5.5%以上 | 增长5.5%以上 | 5.5 percent over target-2025 target up economy
10家 | 上市公司10家 | 10 enterprise exact target-2025 target - economy
3000个 | 停车位3000 | 3000 unit exact target-2025 target - urban_renewal
30个 | 改造30个 | 30 unit exact target-2025 target - urban_renewal
"""
# The label is the whole subject, without verbs, time words or filler; a change names what changed.
LABELS = """
work_report | 6181亿元 | 完成6181 | 一般公共预算收入
work_report | 2.4% | 增长2.4 | 一般公共预算收入增速
work_report | 5.2%左右 | 总值增长5.2 | 地区生产总值增速
work_report | 1900余家 | 外商投资企业1900 | 新设外商投资企业
work_report | 7.6% | 收入增长7.6 | 规模以上文化产业法人单位收入增速
work_report | 4.7% | 下降4.7 | PM2.5年均浓度降幅
work_report | 1.2万个 | 停车位1.2万个 | 新增停车位
work_report | 6%左右 | 强度保持6% | 全社会研发经费投入强度
work_report | 5%左右 | 总值增长5%左右 | 地区生产总值增速
data_news | 949746亿元 | 总值949746 | 国内生产总值
data_news | 4.8% | 计算，同比增长4.8% | 国内生产总值同比增速
data_news | 3.3% | 同比增长3.3 | 社会消费品零售总额同比增速
district_q3 | 8123.5亿元 | 总值8123.5 | 地区生产总值
district_q3 | 9876.5亿元 | 收入9876.5 | 规模以上软件和信息服务业企业营业收入
district_q3 | 11.2% | 增长11.2 | 规模以上软件和信息服务业企业营业收入同比增速
district_q3 | 8.1% | 增长8.1 | 实际使用外资同比增速
district_q3 | 3.4% | 下降3.4 | 货物进出口总额同比降幅
district_q3 | 第二 | 全市第二 | 垃圾分类考核排名
district_q3 | 10家 | 上市公司10家 | 新增上市公司
district_q3 | 5.5%以上 | 增长5.5%以上 | 地区生产总值增速
"""


def table(doc: str, text: str) -> list[tuple]:
    """Rows `raw | clause snippet | value unit qualifier period kind direction theme` ('-' for None)."""
    rows = []
    for line in text.strip().splitlines():
        raw, snippet, fields = (part.strip() for part in line.split("|"))
        value, *rest = (None if f == "-" else f for f in fields.split())
        rows.append((doc, raw, snippet, value, *rest))
    return rows


EXPECTED = [
    *table("work_report", WORK_REPORT_FACTS),
    *table("data_news", DATA_NEWS_FACTS),
    *table("district_q3", DISTRICT_Q3_FACTS),
]

# (document, expected geo of every fact): the issuer, or the whole country for national data news
GEO = [("work_report", "北京市"), ("data_news", "全国"), ("district_q3", "海淀区")]


@pytest.fixture(scope="module")
def facts():
    return {name: extract_facts(document_from_text(text, name)) for name, text in DOCS.items()}


def find(facts, doc, raw, snippet):
    """The fact `raw` whose sentence holds `snippet` with the raw starting inside the snippet."""
    for fact in facts[doc]:
        at = fact.sentence.find(snippet)
        if fact.raw == raw and at >= 0 and at <= fact.sentence.find(raw, at) < at + len(snippet):
            return fact
    raise AssertionError(f"{raw} ({snippet}) not found in {doc}")


@pytest.mark.parametrize("row", EXPECTED, ids=lambda r: f"{r[0]}:{r[1]}:{r[2]}")
def test_genre_fact_fields(facts, row):
    doc, raw, snippet, value, *fields = row
    fact = find(facts, doc, raw, snippet)
    got = (fact.value, fact.unit, fact.qualifier, fact.period, fact.kind, fact.direction, fact.theme)
    want = (Decimal(value), *fields)
    if want[3] is None:  # period not settled by the gold rules
        got, want = got[:3] + got[4:], want[:3] + want[4:]
    assert got == want


@pytest.mark.parametrize("row", LABELS.strip().splitlines())
def test_genre_labels_are_whole_subjects(facts, row):
    doc, raw, snippet, label = (part.strip() for part in row.split("|"))
    assert find(facts, doc, raw, snippet).indicator_zh == label


@pytest.mark.parametrize(("doc", "geo"), GEO)
def test_genre_geo_defaults_to_the_issuer(facts, doc, geo):
    assert {f.geo for f in facts[doc]} == {geo}


@pytest.mark.parametrize("doc", DOCS)
def test_genre_every_annotated_figure_and_nothing_else(facts, doc):
    """No date, list marker, session number (第十六届) or ratio word (每万人口) becomes a fact."""
    assert sorted(f.raw for f in facts[doc]) == sorted(r[1] for r in EXPECTED if r[0] == doc)
