"""Realistic briefs for the PDF and chart tests and the PDF bench (figures from a district report).

The facts below are test data in the genre of a Chinese district plan-execution report; the brief is put
together the way compose does it (one section per theme, sentences citing their source sentence), so the
layout is exercised with the text lengths, punctuation and numbers real briefs carry.
"""

from __future__ import annotations

from factories import make_fact

from briefing.model import Bilingual, Brief, BriefSection, BriefSentence, Citation, Fact, KeyFigure
from briefing.render import render_change_en, render_change_zh, render_en, render_period_en, render_zh

DOC = "004_sample"

# theme, kind, raw, value, unit, measure word, qualifier, direction, period, indicator zh/en, sentence
FACT_ROWS = [
    (
        "economy",
        "level",
        "36.3亿元",
        "3630000000",
        "CNY",
        "亿元",
        "exact",
        None,
        "2025-H1",
        "产业组团区级税收",
        "District-level tax revenue from the industrial clusters",
        "上半年,8个产业组团新落地细分领域企业100家,组团整体实现区级税收36.3亿元,同比增长9%,占全区区级税收38.9%。",
    ),
    (
        "economy",
        "change_pct",
        "9%",
        "9",
        "percent",
        "%",
        "exact",
        "up",
        "2025-H1",
        "产业组团区级税收同比增速",
        "District-level tax revenue from the industrial clusters, year-on-year growth",
        "上半年,8个产业组团新落地细分领域企业100家,组团整体实现区级税收36.3亿元,同比增长9%,占全区区级税收38.9%。",
    ),
    (
        "economy",
        "level",
        "超400亿元",
        "40000000000",
        "CNY",
        "亿元",
        "over",
        None,
        "2025-H1",
        "在区落地基金总规模",
        "Total size of funds established in the district",
        "实现首批险资养老产业基金“银发基金”、北京平准百亿级基础设施投资基金、国家电网抽水蓄能新源基金等基金在区落地,"
        "总规模超400亿元。",
    ),
    (
        "economy",
        "level",
        "近11亿元",
        "1100000000",
        "CNY",
        "亿元",
        "nearly",
        None,
        "2025-H1",
        "达成融资合作意向",
        "Financing agreed in principle",
        "组织“紫金融聚——金融赋能东城经济高质量发展”系列活动,达成融资合作意向近11亿元。",
    ),
    (
        "economy",
        "level",
        "10亿元",
        "1000000000",
        "CNY",
        "亿元",
        "exact",
        None,
        "2025-H1",
        "紫金国瑞工融AIC基金首期规模",
        "First-phase size of the Zijin Guorui ICBC AIC fund",
        "修订《东城区政府投资引导基金管理办法》,区级科创基金项目储备达118家,成立紫金国瑞工融AIC基金,首期规模10亿元。",
    ),
    (
        "economy",
        "level",
        "9919家",
        "9919",
        "enterprise",
        "家",
        "exact",
        None,
        "2025-H1",
        "走访企业",
        "Enterprises visited",
        "优化政企常态化交流机制,开展企业服务体系“十百千万”工程,上半年走访企业9919家,走访覆盖率100%,"
        "收集诉求1256件,解决诉求1222件,解决率97.3%。",
    ),
    (
        "consumption_trade",
        "level",
        "216.6亿元",
        "21660000000",
        "CNY",
        "亿元",
        "exact",
        None,
        "2025-H1",
        "已落地“两区”项目涉及金额",
        "Value of landed 'Two Zones' projects",
        "上半年,新增“两区”招商引资项目114个,已落地项目35个,涉及金额216.6亿元;",
    ),
    (
        "consumption_trade",
        "change_pct",
        "29.2%",
        "29.2",
        "percent",
        "%",
        "exact",
        "up",
        "2025-H1",
        "新设外商投资企业同比增速",
        "Newly established foreign-invested enterprises, year-on-year growth",
        "新设外商投资企业31家,同比增长29.2%。",
    ),
    (
        "consumption_trade",
        "change_pct",
        "66%",
        "66",
        "percent",
        "%",
        "exact",
        "down",
        "2025-H1",
        "实际使用外资同比降幅",
        "Foreign capital actually utilised, year-on-year change",
        "1-6月,我区实际使用外资9126万美元,外贸进出口总额实现575.9亿人民币,分别同比下降66%、44.9%。",
    ),
    (
        "consumption_trade",
        "change_pct",
        "44.9%",
        "44.9",
        "percent",
        "%",
        "exact",
        "down",
        "2025-H1",
        "外贸进出口总额同比降幅",
        "Total value of foreign trade, year-on-year change",
        "1-6月,我区实际使用外资9126万美元,外贸进出口总额实现575.9亿人民币,分别同比下降66%、44.9%。",
    ),
    (
        "environment",
        "level",
        "30.6微克/立方米",
        "30.6",
        "ug_per_m3",
        "微克/立方米",
        "exact",
        None,
        "2025-H1",
        "PM2.5浓度",
        "PM2.5 concentration",
        "上半年,细颗粒物(PM2.5)浓度为30.6微克/立方米,同比改善19.5%,为历史同期最优水平。",
    ),
    (
        "environment",
        "share",
        "60.1%",
        "60.1",
        "percent",
        "%",
        "exact",
        None,
        "2025-H1",
        "环卫车电动化比例",
        "Share of electric sanitation vehicles",
        "分类施策攻坚大气治理,持续加力结构减排和工程减排,环卫车和出租车电动化比例分别达60.1%和95%,"
        "绿色企业比例由5.3%提升至42.3%。",
    ),
    (
        "environment",
        "share",
        "95%",
        "95",
        "percent",
        "%",
        "exact",
        None,
        "2025-H1",
        "出租车电动化比例",
        "Share of electric taxis",
        "分类施策攻坚大气治理,持续加力结构减排和工程减排,环卫车和出租车电动化比例分别达60.1%和95%,"
        "绿色企业比例由5.3%提升至42.3%。",
    ),
    (
        "environment",
        "share",
        "42.3%",
        "42.3",
        "percent",
        "%",
        "exact",
        None,
        "2025-H1",
        "绿色企业比例",
        "Share of green enterprises",
        "分类施策攻坚大气治理,持续加力结构减排和工程减排,环卫车和出租车电动化比例分别达60.1%和95%,"
        "绿色企业比例由5.3%提升至42.3%。",
    ),
    (
        "environment",
        "target",
        "60%",
        "60",
        "percent",
        "%",
        "exact",
        None,
        "target-2025",
        "绿色企业比例",
        "Share of green enterprises",
        "完成100家餐饮企业治理提升工程,全区绿色企业比率力争达到60%。",
    ),
    (
        "livelihood",
        "level",
        "15.2万件",
        "152000",
        "item",
        "万件",
        "exact",
        None,
        "2025-H1",
        "受理热线诉求",
        "Hotline requests received",
        "上半年共受理热线诉求15.2万件,响应率100%,解决率97.13%,满意率97.79%,市级评价保持优秀档次。",
    ),
    (
        "livelihood",
        "share",
        "97.13%",
        "97.13",
        "percent",
        "%",
        "exact",
        None,
        "2025-H1",
        "热线诉求解决率",
        "Hotline resolution rate",
        "上半年共受理热线诉求15.2万件,响应率100%,解决率97.13%,满意率97.79%,市级评价保持优秀档次。",
    ),
    (
        "livelihood",
        "share",
        "97.79%",
        "97.79",
        "percent",
        "%",
        "exact",
        None,
        "2025-H1",
        "热线诉求满意率",
        "Hotline satisfaction rate",
        "上半年共受理热线诉求15.2万件,响应率100%,解决率97.13%,满意率97.79%,市级评价保持优秀档次。",
    ),
    (
        "livelihood",
        "level",
        "9660万元",
        "96600000",
        "CNY",
        "万元",
        "exact",
        None,
        "2025-H1",
        "发放保障性住房补贴",
        "Affordable-housing subsidies paid",
        "上半年累计发放保障性住房补贴9660万元,配租公租房240套,完成颐盛嘉园440套房源配售。",
    ),
    (
        "livelihood",
        "level",
        "1.7亿元",
        "170000000",
        "CNY",
        "亿元",
        "exact",
        None,
        "2025-H1",
        "拨付就业促进政策资金",
        "Employment-promotion subsidies disbursed",
        "加大就业促进力度,审核拨付各项促进就业优惠政策资金1.7亿元。",
    ),
    (
        "livelihood",
        "target",
        "1200套",
        "1200",
        "unit",
        "套",
        "exact",
        None,
        "target-2025",
        "安置房建设",
        "Resettlement housing units to be built",
        "(7)持续提升公租房备案家庭保障率,完成1200套安置房建设任务,发放公租房和市场租房补贴9961.42万元。",
    ),
]

THEME_TITLES = {
    "economy": Bilingual("经济发展", "Economy"),
    "consumption_trade": Bilingual("消费与开放", "Consumption and trade"),
    "environment": Bilingual("生态环境", "Environment"),
    "livelihood": Bilingual("民生保障", "Livelihood"),
}

RISK_SENTENCES = [
    (
        "部分重点企业营收下滑,<b>R&D</b>投入增速放缓,对全区经济增长形成一定压力。",
        "Revenue at some key firms fell and growth of <b>R&D</b> spending slowed, "
        "weighing on district growth.",
        "mt",
    ),
    (
        "整栋闲置产业空间呈现位置分布北多南少、产权结构国有居多、建成时间普遍较早、价格高于市场预期导致复谈率低等特点。",
        "",
        "untranslated",
    ),
]


def sample_facts() -> list[Fact]:
    facts = []
    for n, row in enumerate(FACT_ROWS, start=1):
        theme, kind, raw, value, unit, mw, qualifier, direction, period, ind_zh, ind_en, sentence = row
        facts.append(
            make_fact(
                sentence,
                raw,
                value,
                unit,
                n,
                doc=DOC,
                measure_word=mw,
                qualifier=qualifier,
                indicator_zh=ind_zh,
                indicator_en=ind_en,
                period=period,
                kind=kind,
                direction=direction,
                geo="东城区",
                theme=theme,
            )
        )
    return facts


def sample_brief(copies: int = 1) -> Brief:
    """A brief of four themes; `copies` > 1 repeats the theme sections to make a longer document."""
    facts = sample_facts()
    citations: dict[str, Citation] = {}

    def cite(fact: Fact) -> int:
        if fact.sentence not in citations:
            offset = 1000 * (len(citations) + 1)
            citations[fact.sentence] = Citation(
                len(citations) + 1,
                DOC,
                fact.sentence,
                (offset, offset + len(fact.sentence)),
                heading="(三)产业提质步伐稳健,多点发力做强底座",
            )
        return citations[fact.sentence].number

    def sentence_of(fact: Fact) -> BriefSentence:
        zh = f"{fact.indicator_zh}{render_change_zh(fact) if fact.direction else render_zh(fact)}。"
        en = f"{fact.indicator_en}: {render_change_en(fact) if fact.direction else render_en(fact)}."
        return BriefSentence(zh, en, [fact.id], "template", [cite(fact)])

    sections = [
        BriefSection(
            "summary",
            Bilingual("摘要", "Summary"),
            [
                BriefSentence(
                    "上半年,东城区经济运行总体平稳,产业组团区级税收同比增长9%,“两区”建设落地项目涉及金额216.6亿元。",
                    "In the first half, Dongcheng's economy was broadly stable: district-level tax "
                    "revenue from the industrial clusters rose 9% year on year, and landed 'Two Zones' "
                    "projects were worth "
                    "CNY 21.66 billion.",
                    [facts[1].id, facts[6].id],
                    "template",
                    [cite(facts[1]), cite(facts[6])],
                ),
                BriefSentence(
                    "细颗粒物(PM2.5)浓度为30.6微克/立方米,为历史同期最优水平;实际使用外资同比下降66%。",
                    "PM2.5 averaged 30.6 μg/m³, the best level for the period on record; "
                    "foreign capital actually utilised fell 66% year on year.",
                    [facts[10].id, facts[8].id],
                    "template",
                    [cite(facts[10]), cite(facts[8])],
                ),
            ],
            kind="summary",
        )
    ]
    for copy in range(copies):
        for theme, title in THEME_TITLES.items():
            chosen = [f for f in facts if f.theme == theme and f.kind != "target"]
            section_id = theme if copy == 0 else f"{theme}-{copy}"
            sections.append(BriefSection(section_id, title, [sentence_of(f) for f in chosen]))
    sections.append(
        BriefSection(
            "targets",
            Bilingual("下半年目标", "Targets for the second half"),
            [sentence_of(f) for f in facts if f.kind == "target"],
            kind="targets",
        )
    )
    sections.append(
        BriefSection(
            "risks",
            Bilingual("风险与挑战", "Risks and challenges"),
            [BriefSentence(zh, en, [], by) for zh, en, by in RISK_SENTENCES],
            kind="risks",
        )
    )
    key_figures = [
        KeyFigure(
            f.id,
            Bilingual(f.indicator_zh, f.indicator_en),
            Bilingual(render_zh(f), render_en(f)),
            Bilingual(render_change_zh(f), render_change_en(f)) if f.direction else None,
            Bilingual(f.period, render_period_en(f.period)),
            f.theme,
            cite(f),
        )
        for f in facts
        if f.kind in ("level", "change_pct")
    ][:8]
    return Brief(
        doc=DOC,
        title=Bilingual(
            "关于东城区2025年国民经济和社会发展计划上半年执行情况的报告",
            "Report on the implementation of Dongcheng District's 2025 economic and social "
            "development plan in the first half",
        ),
        issuer=Bilingual("东城区发展和改革委员会", "Dongcheng District Development and Reform Commission"),
        date="2025-09-28",
        source_path="examples/004_976266724e1df7b4.txt",
        sections=sections,
        key_figures=key_figures,
        citations=sorted(citations.values(), key=lambda c: c.number),
        facts=facts,
    )
