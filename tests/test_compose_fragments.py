"""Every brief sentence has a subject and says what its source says: fragments fall back to the clause."""

from __future__ import annotations

from test_compose_helpers import GLOSSARY, FakeLayer, make_document, make_fact

from briefing.compose.group import group_figures
from briefing.compose.labels import label_problem, plain
from briefing.compose.realise import Realiser
from briefing.compose.select import Figure

TEXT = (
    "关于青川县2025年工作情况的报告\n"
    "一、主要指标\n"
    "上半年,县域消费对经济增长的贡献率为61.5%。"
    "6月末县域存款余额同比增长7.4%。"
    "服务业增加值占县域生产总值比重为48.2%,对经济增长的贡献率超过55%。"
    "全县PM2.5平均浓度下降12.1%。"
    "### 上半年茶叶产值增长8.8%\n"
)


def _doc():
    return make_document(TEXT, doc="qc", issuer="青川县")


def _realise(document, facts):
    realiser = Realiser(FakeLayer(GLOSSARY), None, 2025, {document.doc: document})
    return [realiser.realise(g) for g in group_figures([Figure(f, 1.0) for f in facts])]


def test_a_template_may_not_say_增长_where_the_source_says_为():
    document = _doc()
    fact = make_fact(
        document, "61.5%", "61.5", "percent", "县域消费对经济增长的贡献率", kind="change_pct", geo="青川县"
    )
    assert label_problem(fact, fact.indicator_zh) == "the source states no change here"
    [made] = _realise(document, [fact])
    assert "贡献率为61.5%" in made.zh and "贡献率增长" not in made.zh


def test_a_level_template_may_not_say_为_where_the_source_states_a_change():
    document = _doc()
    fact = make_fact(document, "12.1%", "12.1", "percent", "全县PM2.5平均浓度", kind="share", geo="青川县")
    assert label_problem(fact, fact.indicator_zh) == "the source states a change here"


def test_a_label_cut_after_a_time_word_is_a_fragment():
    document = _doc()
    fact = make_fact(document, "7.4%", "7.4", "percent", "末县域存款余额", kind="change_pct", geo="青川县")
    assert label_problem(fact, fact.indicator_zh) == "dangling word"
    [made] = _realise(document, [fact])
    assert not made.zh.startswith("末") and "6月末县域存款余额同比增长7.4%" in made.zh


def test_a_change_after_another_subject_is_not_given_to_the_level_before_it():
    document = _doc()
    share = make_fact(
        document, "48.2%", "48.2", "percent", "服务业增加值占县域生产总值比重", kind="share", geo="青川县"
    )
    change = make_fact(document, "超过55%", "55", "percent", "同比增长", kind="change_pct", qualifier="over")
    groups = group_figures([Figure(share, 1.0), Figure(change, 1.0)])
    owner = next(g for g in groups if g.lead is share)
    assert [f.fact for f in owner.figures] == [share]  # 55% is the contribution, not the share's growth


def test_a_label_naming_the_own_place_gets_no_place_before_it():
    document = _doc()
    fact = make_fact(
        document,
        "12.1%",
        "12.1",
        "percent",
        "全县PM2.5平均浓度",
        kind="change_pct",
        direction="down",
        geo="青川县",
    )
    [made] = _realise(document, [fact])
    assert "青川县全县" not in made.zh and "青川县累计全县" not in made.zh


def test_markdown_marks_never_reach_a_sentence():
    assert plain("### 上半年茶叶产值增长8.8%") == "上半年茶叶产值增长8.8%"
    assert plain("**稳中有进**的态势") == "稳中有进的态势"
    document = _doc()
    fact = make_fact(
        document, "8.8%", "8.8", "percent", "### 上半年茶叶产值", kind="change_pct", geo="青川县"
    )
    for made in _realise(document, [fact]):
        assert "#" not in made.zh and "*" not in made.zh


def test_subject_words_come_from_the_clause_and_are_refused_when_no_noun_phrase():
    from briefing.compose.labels import subject_words

    document = _doc()
    money = make_fact(document, "7.4%", "7.4", "percent", "末县域存款余额", kind="change_pct", geo="青川县")
    assert subject_words(money) == "县域存款余额"  # time word and joining verb left out
    text = "报告\n一、回顾\n推进12条道路等改造,完成5处。其中东城区数量稳居全市第一。\n"
    other = make_document(text, doc="o", issuer="青川县")
    roads = make_fact(other, "5处", "5", "unit", "推进12条道路等改造完成", geo="青川县")
    first = make_fact(other, "第一", "1", "rank", "数量稳居全市", kind="rank", geo="青川县")
    assert subject_words(roads) == "" and subject_words(first) == ""  # a figure inside; a predicate


def test_a_change_is_said_of_the_subject_the_translation_layer_names():
    from briefing.model import Translation

    class SubjectLayer(FakeLayer):
        def english_subject(self, zh):
            return (
                Translation("tea output", "composed")
                if zh == "茶叶产量增速"
                else Translation("", "untranslated")
            )

    text = "报告\n一、回顾\n2025年,青川县茶叶产量增长8.1%。\n"
    document = make_document(text, doc="t", issuer="青川县")
    fact = make_fact(
        document,
        "8.1%",
        "8.1",
        "percent",
        "茶叶产量增速",
        "tea output growth rate",
        kind="change_pct",
        direction="up",
        geo="青川县",
        period="2025",
    )
    realiser = Realiser(SubjectLayer(GLOSSARY), None, 2025, {document.doc: document})
    [made] = [realiser.realise(g) for g in group_figures([Figure(fact, 1.0)])]
    assert made.en.startswith("Tea output") and "grew 8.1%" in made.en


def test_a_sentence_of_figures_of_two_periods_gives_each_its_own_period():
    text = "报告\n一、回顾\n全县茶叶产值从2020年的3.1亿元增长到2025年的5.2亿元。\n"
    document = make_document(text, doc="p", issuer="青川县")
    old = make_fact(
        document, "3.1亿元", "310000000", "CNY", "全县茶叶产值从", geo="青川县", period="2020", number=1
    )
    new = make_fact(
        document, "5.2亿元", "520000000", "CNY", "茶叶产值", geo="青川县", period="2025", number=2
    )
    realiser = Realiser(FakeLayer(GLOSSARY), None, 2025, {document.doc: document})
    groups = realiser.join_quoted(group_figures([Figure(old, 1.0), Figure(new, 1.0)]))
    [made] = [realiser.realise(g) for g in groups]
    assert "from CNY 310 million in 2020 to CNY 520 million in 2025" in made.en[:1].lower() + made.en[1:]
    assert "respectively" not in made.en
    assert not made.zh.startswith(("2020年，", "2025年，"))


def test_a_target_keeps_the_sources_own_verb():
    text = "报告\n二、今年目标\n城镇调查失业率控制在5.5%左右。\n"
    document = make_document(text, doc="g", issuer="青川县")
    fact = make_fact(
        document,
        "5.5%左右",
        "5.5",
        "percent",
        "城镇调查失业率",
        kind="target",
        qualifier="about",
        geo="青川县",
        period="target-2025",
    )
    realiser = Realiser(FakeLayer(GLOSSARY), None, 2025, {document.doc: document})
    [made] = [realiser.realise(g, target=True) for g in group_figures([Figure(fact, 1.0)])]
    assert "城镇调查失业率控制在5.5%左右" in made.zh and "达到" not in made.zh
