"""English a professional would write: figures whose measure has no English name, labels that only name
a place, and the verbs of levels, changes, multiples and from–to pairs (sentences written for the tests)."""

from __future__ import annotations

import pytest
from test_compose_helpers import FakeLayer, make_document, make_fact

from briefing.compose.group import Group, Item, group_figures
from briefing.compose.realise import Realiser
from briefing.compose.select import Figure
from briefing.translate.fidelity import check_numbers

TEXT = (
    "关于青石市2024年工作情况的报告\n"
    "一、主要成效\n"
    "2024年,青石市新增了230多个口袋公园。"
    "到今年底,青石市预计将完成27处河道整治。"
    "茶叶产量增长6.4%。"
    "竹制品出口额增长为3.2倍。"
    "全市累计建成驿站85个。"
    "竹笋总产量为4.6万吨。"
    "青石市茶园面积为12万亩。"
    "全市茶叶产值从2019年的8.4亿元增长到2024年的15.2亿元。"
    "茶园面积2019年为9万亩,2024年为12.5万亩。"
    "竹编产业规模居全国第3位,茶叶品牌数量居全国第3位。"
    "竹编指数全国第一,42家企业获评龙头。"
    "竹编产值实现倍增。"
    "新增学位1200个,接待游客超90万人次。"
    "二、今年目标\n"
    "城镇登记失业率控制在4.5%以内。"
    "新增城镇就业3.2万人,完成河道整治27处。\n"
)
GLOSSARY = {"青石市": "Qingshi"}


@pytest.fixture
def document():
    return make_document(TEXT, issuer="青石市")


def realise(document, facts, glossary=None, **kwargs):
    realiser = Realiser(FakeLayer(glossary or GLOSSARY), None, 2024, {document.doc: document})
    [group] = group_figures([Figure(f, 1.0) for f in facts])
    made = realiser.realise(group, **kwargs)
    assert check_numbers(made.figures_text, facts) == []
    return made


def test_a_figure_without_an_english_measure_reads_as_place_figure_and_a_plain_note(document):
    added = make_fact(
        document,
        "230多个",
        "230",
        "unit",
        "新增了",
        kind="change_abs",
        direction="up",
        qualifier="over",
        measure_word="个",
        geo="青石市",
        period="2024",
    )
    made = realise(document, [added])
    assert made.en == "Qingshi: up over 230 (measure named in the Chinese source only) in 2024."
    assert made.en_by == "untranslated"  # still counted as a sentence without English for its measure


def test_a_label_that_only_names_a_place_is_no_subject(document):
    target = make_fact(
        document,
        "27处",
        "27",
        "unit",
        "青石市预计将",
        "Qingshi",
        kind="target",
        measure_word="处",
        geo="青石市",
        period="target-2024",
    )
    made = realise(document, [target], target=True)
    assert "Qingshi, 27" not in made.en and "qingshi" not in made.en
    assert made.en == "Target for Qingshi by the end of 2024: 27 (measure named in the Chinese source only)."
    assert made.en_by == "untranslated"
    realiser = Realiser(FakeLayer(GLOSSARY), None, 2024, {document.doc: document})
    assert realiser.bar_label(target) == "" and realiser.subject(target) is None  # no bar, no tile


@pytest.mark.parametrize(
    ("label_en", "direction", "period", "expected"),
    [
        ("Tea output growth", "up", "2024", "Tea output in Qingshi grew 6.4% in 2024."),
        ("Number of forest fires", "down", "2024", "Number of forest fires in Qingshi fell 6.4% in 2024."),
        # a yearly change says "a year" after its figure, not "Annual growth of … was up"
        (
            "Annual growth of tea output",
            "up",
            "2021-2025",
            "Tea output in Qingshi grew 6.4% a year in 2021-2025.",
        ),
        # the change word inside the label goes too
        (
            "Sales revenue growth of tea farms",
            "up",
            "2024",
            "Sales revenue of tea farms in Qingshi grew 6.4% in 2024.",
        ),
    ],
)
def test_a_change_is_its_sentences_verb(document, label_en, direction, period, expected):
    change = make_fact(
        document,
        "6.4%",
        "6.4",
        "percent",
        "茶叶产量增长",
        label_en,
        kind="change_pct",
        direction=direction,
        geo="青石市",
        period=period,
        measure_word="%",
    )
    made = realise(document, [change])
    assert made.en == expected
    assert " was up" not in made.en and " was down" not in made.en


def test_a_multiple_named_as_a_growth_grew_n_fold(document):
    multiple = make_fact(
        document,
        "3.2倍",
        "3.2",
        "times",
        "竹制品出口额增长",
        "Growth of exports of bamboo products",
        kind="multiple",
        geo="青石市",
        period="unspecified",
        measure_word="倍",
    )
    made = realise(document, [multiple], geo=False)
    assert made.en == "Exports of bamboo products grew 3.2-fold."


@pytest.mark.parametrize(
    ("raw", "value", "label_zh", "label_en", "period", "unit", "expected"),
    [
        # a cumulative figure "came to … in total", never "totalled … in total"
        (
            "85个",
            "85",
            "建成驿站",
            "Rest stations built",
            "cumulative",
            "unit",
            "Rest stations built came to 85 in total.",
        ),
        # a label that names a total or says cumulative takes "amounted to", and no second "in total"
        (
            "4.6万吨",
            "46000",
            "竹笋总产量",
            "Total output of bamboo shoots",
            "unspecified",
            "ton",
            "Total output of bamboo shoots amounted to 46,000 tons.",
        ),
        (
            "85个",
            "85",
            "累计建成驿站",
            "Cumulative rest stations built",
            "cumulative",
            "unit",
            "Cumulative rest stations built amounted to 85.",
        ),
    ],
)
def test_a_total_is_said_once(document, raw, value, label_zh, label_en, period, unit, expected):
    level = make_fact(
        document, raw, value, unit, label_zh, label_en, geo="青石市", period=period, measure_word=raw[-1]
    )
    made = realise(document, [level], geo=False)
    assert made.en == expected


def test_an_english_label_that_names_the_place_is_not_given_it_again(document):
    area = make_fact(
        document,
        "12万亩",
        "120000",
        "mu",
        "茶园面积",
        "Tea gardens in Qingshi",
        geo="青石市",
        period="2024",
        measure_word="万亩",
    )
    made = realise(document, [area])
    assert made.en.count("Qingshi") == 1 and made.en.startswith("Tea gardens in Qingshi totalled")


def test_a_from_to_pair_rose_from_a_to_b_never_respectively(document):
    start = make_fact(
        document,
        "8.4亿元",
        "840000000",
        "CNY",
        "全市茶叶产值从2019年",
        "Tea output value",
        geo="青石市",
        period="2019",
        measure_word="亿元",
    )
    end = make_fact(
        document,
        "15.2亿元",
        "1520000000",
        "CNY",
        "增长到2024年",
        "growth",
        geo="青石市",
        period="2024",
        measure_word="亿元",
    )
    realiser = Realiser(FakeLayer(GLOSSARY), None, 2024, {document.doc: document})
    [group] = realiser.join_quoted(group_figures([Figure(f, 1.0) for f in (start, end)]))  # one clause
    made = realiser.realise(group)
    assert check_numbers(made.figures_text, [start, end]) == []
    assert (
        made.en
        == "Tea output value in Qingshi rose from CNY 840 million in 2019 to CNY 1.52 billion in 2024."
    )
    assert made.en_by == "template"


def test_figures_of_unlike_periods_each_say_their_own(document):
    earlier = make_fact(
        document,
        "9万亩",
        "90000",
        "mu",
        "茶园面积",
        "Tea garden area",
        geo="青石市",
        period="2019",
        measure_word="万亩",
    )
    later = make_fact(
        document,
        "12.5万亩",
        "125000",
        "mu",
        "茶园面积",
        "Tea garden area",
        geo="青石市",
        period="2024",
        measure_word="万亩",
    )
    realiser = Realiser(FakeLayer(GLOSSARY), None, 2024, {document.doc: document})
    made = realiser.realise(Group([Item(Figure(earlier, 1.0)), Item(Figure(later, 1.0))]))
    assert "respectively" not in made.en
    expected = (
        "Tea garden area in Qingshi totalled 90,000 mu in 2019; tea garden area totalled 125,000 mu in 2024."
    )
    assert made.en == expected


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("Tea output", "tea output"),
        ("Wuhan bridge parks", "Wuhan bridge parks"),  # a place of the gazetteer keeps its capital
        ("Guangxi's tea gardens", "Guangxi's tea gardens"),
        ("GDP", "GDP"),
    ],
)
def test_a_label_moving_into_mid_sentence_keeps_the_capital_of_a_place(label, expected):
    from briefing.compose.realise import lcfirst

    assert lcfirst(label) == expected


def test_a_sentence_opening_with_a_quoted_name_capitalises_its_first_letter(document):
    level = make_fact(
        document,
        "85个",
        "85",
        "unit",
        "建成驿站",
        '"green corridor" rest stations',
        geo="青石市",
        period="unspecified",
        measure_word="个",
    )
    made = realise(document, [level], geo=False)
    assert made.en.startswith('"Green corridor" rest stations totalled 85')


@pytest.mark.parametrize(
    ("label_en", "expected"),
    [
        ("National ranking of bamboo weaving industry", "Bamboo weaving industry ranked 3rd nationally."),
        ("Bamboo weaving industry ranking", "Bamboo weaving industry ranked 3rd."),
        ("Bamboo weaving industry", "Bamboo weaving industry stood at 3rd."),  # no ranking named: as before
    ],
)
def test_a_rank_is_said_of_its_subject(document, label_en, expected):
    rank = make_fact(
        document,
        "第3位",
        "3",
        "rank",
        "竹编产业规模",
        label_en,
        kind="rank",
        geo="青石市",
        period="unspecified",
    )
    assert realise(document, [rank], geo=False).en == expected


def test_two_ranks_of_one_place_both_ranked(document):
    labels = [
        ("竹编产业规模", "National ranking of bamboo weaving industry"),
        ("茶叶品牌数量", "National ranking of number of tea brands"),
    ]
    ranks = [
        make_fact(
            document, "第3位", "3", "rank", zh, en, kind="rank", geo="青石市", period="unspecified", number=n
        )
        for n, (zh, en) in enumerate(labels, start=1)
    ]
    realiser = Realiser(FakeLayer(GLOSSARY), None, 2024, {document.doc: document})
    made = realiser.realise(Group([Item(Figure(f, 1.0)) for f in ranks]), geo=False)
    assert made.en == "Bamboo weaving industry and number of tea brands both ranked 3rd nationally."


def test_a_rank_and_a_count_in_one_sentence_are_not_said_respectively(document):
    rank = make_fact(
        document,
        "第一",
        "1",
        "rank",
        "竹编指数全国",
        "National ranking of bamboo weaving index",
        kind="rank",
        geo="青石市",
        period="unspecified",
    )
    count = make_fact(
        document,
        "42家",
        "42",
        "enterprise",
        "企业获评龙头",
        "Leading enterprises",
        geo="青石市",
        period="unspecified",
        measure_word="家",
    )
    realiser = Realiser(FakeLayer(GLOSSARY), None, 2024, {document.doc: document})
    made = realiser.realise(Group([Item(Figure(rank, 1.0)), Item(Figure(count, 1.0))]), geo=False)
    assert made.en == "Bamboo weaving index ranked 1st nationally; leading enterprises totalled 42."
    assert check_numbers(made.figures_text, [rank, count]) == []


def test_a_figure_that_doubled_reads_doubled_in_both_languages(document):
    doubled = make_fact(
        document,
        "倍增",
        "2",
        "times",
        "竹编产值",
        "Output value of bamboo weaving",
        kind="multiple",
        geo="青石市",
        period="unspecified",
    )
    made = realise(document, [doubled], geo=False)
    assert made.en == "Output value of bamboo weaving doubled."
    assert made.zh == "竹编产值实现倍增。"  # not 为2倍: the source says it doubled, not "is 2 times"


@pytest.mark.parametrize(
    ("raw", "value", "unit", "label_en", "expected"),
    [
        ("1200个", "1200", "school_place", "New school places", "New school places totalled 1,200."),
        (
            "超90万人次",
            "900000",
            "person_time",
            "Tourist visitors received",
            "Tourist visitors received totalled over 900,000.",
        ),
        (
            "超90万人次",
            "900000",
            "person_time",
            "Tourism",
            "Tourism totalled over 900,000 visits.",
        ),  # not named
    ],
)
def test_a_figure_does_not_repeat_the_noun_its_label_names(document, raw, value, unit, label_en, expected):
    qualifier = "over" if raw.startswith("超") else "exact"
    level = make_fact(
        document,
        raw,
        value,
        unit,
        "新增学位",
        label_en,
        geo="青石市",
        period="unspecified",
        qualifier=qualifier,
        measure_word=raw[-1] if unit != "person_time" else "人次",
    )
    made = realise(document, [level], geo=False)
    assert made.en == expected


def test_a_rate_target_reads_rate_of_figure(document):
    target = make_fact(
        document,
        "4.5%以内",
        "4.5",
        "percent",
        "城镇登记失业率",
        "Registered urban unemployment rate",
        kind="target",
        qualifier="at_most",
        geo="青石市",
        period="target-2024",
    )
    made = realise(document, [target], target=True)
    assert (
        made.en
        == "Target for Qingshi by the end of 2024: registered urban unemployment rate of at most 4.5%."
    )


@pytest.mark.parametrize(
    ("kind", "unit", "label_en"),
    [("change_pct", "percent", "Annual growth of tea output"), ("multiple", "times", "Growth of tea output")],
)
def test_a_bar_or_tile_keeps_the_words_only_its_label_can_say(document, kind, unit, label_en):
    """Beside a bare figure (a chart bar, a tile) nothing else says "annual" or "growth"."""
    fact = make_fact(
        document,
        "6.4%",
        "6.4",
        unit,
        "茶叶产量增长",
        label_en,
        kind=kind,
        direction="up",
        geo="青石市",
        period="2024",
    )
    realiser = Realiser(FakeLayer(GLOSSARY), None, 2024, {document.doc: document})
    assert realiser.bar_label(fact) == label_en


def test_two_figures_of_one_subject_name_it_once(document):
    facts = [
        make_fact(
            document,
            raw,
            value,
            "percent",
            "茶叶产量增长",
            "Tea output",
            kind="change_pct",
            direction="up",
            geo="青石市",
            period="2024",
            number=n,
        )
        for n, (raw, value) in enumerate([("6.4%", "6.4"), ("3.2倍", "3.2")], start=1)
    ]
    realiser = Realiser(FakeLayer(GLOSSARY), None, 2024, {document.doc: document})
    made = realiser.realise(Group([Item(Figure(f, 1.0)) for f in facts]), geo=False)
    assert made.en.startswith("Tea output grew 6.4% and 3.2%")
    assert "Tea output and tea output" not in made.en


def test_a_label_that_only_names_a_change_is_no_subject(document):
    fact = make_fact(
        document,
        "12万亩",
        "120000",
        "mu",
        "茶园面积",
        "rising",
        geo="青石市",
        period="2024",
        measure_word="万亩",
    )
    made = realise(document, [fact])
    assert made.en == "Qingshi: 120,000 mu (measure named in Chinese only: 茶园面积) in 2024."
    assert made.en_by == "untranslated"


@pytest.mark.parametrize(
    ("label", "plural"),
    [
        ("Deaths in road accidents", True),
        ("Retail sales of tea", True),
        ("Number of tea farms", False),
        ("Surveyed unemployment rate", False),
        ("Tea gardens' output", False),
        ("Bus", False),
    ],
)
def test_a_plural_subject_takes_were(label, plural):
    from briefing.compose.realise import plural_subject

    assert plural_subject(label) is plural


def test_a_bounded_figure_agrees_with_its_subject(document):
    level = make_fact(
        document,
        "12万亩",
        "120000",
        "mu",
        "茶园面积",
        "Tea gardens",
        qualifier="at_least",
        geo="青石市",
        period="2024",
        measure_word="万亩",
    )
    made = realise(document, [level], geo=False)
    assert made.en == "Tea gardens were at least 120,000 mu in 2024."


def test_two_equal_figures_both_stood_at(document):
    facts = [
        make_fact(document, "6.4%", "6.4", "percent", zh, en, kind="share", geo="青石市", period="2024")
        for zh, en in (("茶叶产量增长", "Share of green tea"), ("茶叶产量增长", "Share of black tea"))
    ]
    realiser = Realiser(FakeLayer(GLOSSARY), None, 2024, {document.doc: document})
    made = realiser.realise(Group([Item(Figure(f, 1.0)) for f in facts]), geo=False)
    assert made.en == "Share of green tea and share of black tea both stood at 6.4% in 2024."


@pytest.mark.parametrize(
    ("raw", "value", "unit", "label_en", "expected"),
    [
        ("3.2万人", "32000", "person", "New urban jobs", "Target: 32,000 new urban jobs."),
        (
            "27处",
            "27",
            "unit",
            "River remediation",
            "Target: river remediation, 27.",
        ),  # no plural noun: as before
    ],
)
def test_a_count_target_of_a_plural_noun_puts_the_count_first(document, raw, value, unit, label_en, expected):
    target = make_fact(
        document,
        raw,
        value,
        unit,
        "新增城镇就业",
        label_en,
        kind="target",
        geo="青石市",
        period="target-2024",
        measure_word=raw[-1],
    )
    made = realise(document, [target], target=True, geo=False, period=False)
    assert made.en == expected
