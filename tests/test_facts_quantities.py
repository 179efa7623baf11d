"""Quantity mentions: units, qualifiers, frames and the exclusions of the gold annotation rules."""

import re
from decimal import Decimal
from functools import cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.facts.quantities import (
    CN_NUMERALS,
    NUM_AR,
    NUM_CN,
    NUM_FIRST,
    _clause_before,
    clause_start,
    find_quantities,
)


def one(text):
    found = find_quantities(text)
    assert len(found) == 1, [(text[m.start : m.end], m.unit) for m in found]
    m = found[0]
    return text[m.start : m.end], m.value, m.unit, m.measure_word, m.qualifier


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("全区实现税收超250亿元。", ("超250亿元", Decimal("25000000000"), "CNY", "亿元", "over")),
        ("引进外资约3.5亿美元。", ("约3.5亿美元", Decimal("350000000"), "USD", "亿美元", "about")),
        ("接待游客突破80万余人次。", ("突破80万余人次", Decimal("800000"), "person_time", "万人次", "over")),
        ("新开办企业近600家。", ("近600家", Decimal("600"), "enterprise", "家", "nearly")),
        ("引进品牌首店不少于50家。", ("不少于50家", Decimal("50"), "enterprise", "家", "at_least")),
        ("城镇调查失业率控制在5%以内。", ("控制在5%以内", Decimal("5"), "percent", "%", "at_most")),
        ("覆盖率达到95%以上。", ("95%以上", Decimal("95"), "percent", "%", "over")),
        ("增长6%左右。", ("6%左右", Decimal("6"), "percent", "%", "about")),
        ("比上年提高1.5个百分点。", ("1.5个百分点", Decimal("1.5"), "percentage_point", "个百分点", "exact")),
        ("完成改造25.3万平方米。", ("25.3万平方米", Decimal("253000"), "sqm", "万平方米", "exact")),
        ("浓度为28微克/立方米。", ("28微克/立方米", Decimal("28"), "ug_per_m3", "微克/立方米", "exact")),
        ("节约标准煤1.2万吨标煤。", ("1.2万吨标煤", Decimal("12000"), "ton_sce", "万吨标煤", "exact")),
        ("绿化面积占全区将近四成。", ("将近四成", Decimal("40"), "percent", "成", "nearly")),
        ("建成口袋公园上千个。", ("上千个", Decimal("1000"), "unit", "个", "over")),
        ("服务十余家企业。", ("十余家", Decimal("10"), "enterprise", "家", "over")),
        ("完成一百二十项任务。", ("一百二十项", Decimal("120"), "item", "项", "exact")),
        ("实现年度目标的百分之八十。", ("百分之八十", Decimal("80"), "percent", "%", "exact")),
        (
            "全区公路密度为每平方公里3.2公里。",
            ("每平方公里3.2公里", Decimal("3.2"), "km_per_sqkm", "公里/平方公里", "exact"),
        ),
        ("设立１２３４家门店。", ("１２３４家", Decimal("1234"), "enterprise", "家", "exact")),
        ("投入资金1,250万元。", ("1,250万元", Decimal("12500000"), "CNY", "万元", "exact")),
    ],
)
def test_quantities_with_units_and_qualifiers(text, expected):
    assert one(text) == expected


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("外贸总额是全国平均的1.8倍。", Decimal("1.8"), "times"),
        ("出口额较五年前翻番。", Decimal("2"), "times"),
        ("连续5年获评先进。", Decimal("5"), "year"),
        ("实现全国文明城区三连冠。", Decimal("3"), "times"),
        ("设立千亿级产业基金。", Decimal("100000000000"), "CNY"),
        ("考核成绩位居全市第三。", Decimal("3"), "rank"),
        ("营收增速排名第2。", Decimal("2"), "rank"),
        ("数量稳居全市首位。", Decimal("1"), "rank"),
        ("实施五大行动。", Decimal("5"), "unit"),
        ("参与人数约15万。", Decimal("150000"), "person"),
    ],
)
def test_frames(text, value, unit):
    _, got_value, got_unit, _, _ = one(text)
    assert (got_value, got_unit) == (value, unit)


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("服务驻区单位35家。", "organization"),
        ("新建社区养老驿站12家。", "organization"),
        ("20家博物馆免费开放。", "organization"),
        ("引进科技企业35家。", "enterprise"),
        ("40家餐饮门店完成改造。", "enterprise"),
        ("推进重点项目26个。", "project"),
        ("与15个国家建立合作。", "country"),
        ("新增就业岗位3000个。", "job"),
        ("新增学位1200个。", "school_place"),
        ("建成充电桩300个。", "unit"),
        ("压减床位80张。", "bed"),
        ("累计8家次企业获奖。", "enterprise_time"),
        ("新增鸟类12种。", "species"),
    ],
)
def test_counted_noun_decides_the_unit(text, unit):
    assert one(text)[2] == unit


@pytest.mark.parametrize(
    "text",
    [
        "12月17日，记者获悉。",
        "日期:2025-09-28 17:03",
        "2025年经济运行平稳。",
        "1-6月全区经济运行平稳。",
        "“十四五”时期成效显著。",
        "深入贯彻党的二十大和二十届三中全会精神。",
        "一、总体情况",
        "(一)经济运行",
        "(3)推进改革。",
        "一是加强统筹。",
        "轨道交通17号线开通。",
        "乘坐52路公交车。",
        "北京八中学生参加比赛。",
        "PM2.5浓度下降。",
        "举办G20峰会。",
        "第十七届文化节开幕。",
        "公布第二批名单。",
        "启动第三轮巡查。",
        "二期工程开工。",
        "首次举办，首店落地，唯一一家。",
        "落实“四个服务”要求。",
        "推进“两区”建设和“双碳”行动。",
        "落实门前三包责任。",
        "东四十条路口改造。",
        "实施三年行动计划。",
        "A区3、5号地块完成出让。",
        "全国文化企业30强名单发布。",
        "纪念抗战胜利80周年。",
        "2025国际设计周开幕。",
        "电影《哪吒2》上映。",
        "汽车零部件企业集聚。",
        "千家万户受益。",
        "推进一体化发展，实施一批项目。",
        "1..2家企业",
        "3万万元",
    ],
)
def test_exclusions_give_no_fact(text):
    assert find_quantities(text) == []


def test_range_keeps_both_ends():
    (m,) = find_quantities("每年新增3-5家。")
    assert (m.value, m.value_max) == (Decimal("3"), Decimal("5"))


def test_offsets_point_at_raw():
    text = "其中，新增停车位886个,共享车位1517个。"
    raws = [text[m.start : m.end] for m in find_quantities(text)]
    assert raws == ["886个", "1517个"]


def test_counts_units_and_frames_of_real_reports():
    raws = {
        t[m.start : m.end]: (m.value, m.unit)
        for t in (
            "卫星增至36颗，带动上下游千余家企业，产值实现倍增。",
            "数字经济成长为万亿级产业，算力指数全国第二，实施亿元以上项目2000个以上。",
            "运动员贡献3金、2银，省属企业由45户整合至9户，土壤有机质达到25克/千克。",
        )
        for m in find_quantities(t)
    }
    assert raws["36颗"] == (Decimal(36), "unit")
    assert raws["千余家"] == (Decimal(1000), "enterprise")
    assert raws["倍增"] == (Decimal(2), "times")
    assert raws["万亿级"] == (Decimal(10**12), "CNY")
    assert raws["第二"][1] == "rank"  # 全国第二: a rank against its scope, no verb needed
    assert raws["2000个以上"] == (Decimal(2000), "project")  # not a year: 以上 follows
    assert raws["3金"][1] == "medal" and raws["45户"][1] == "enterprise"
    assert raws["25克/千克"][1] == "g_per_kg"


def test_names_built_from_numerals_are_no_counts():
    text = (
        "落实中央八项规定精神，用好两个市场两种资源，编制第十五个五年规划，"
        "贯彻十二届七次、八次全会精神，建成五人制球场。"
    )
    assert [text[m.start : m.end] for m in find_quantities(text)] == []


def test_the_state_or_a_village_level_is_not_what_is_counted():
    units = {
        "3个国家公园": "unit",
        "4个国家级示范县": "unit",
        "12个国家和地区": "country",
        "80个村级服务站": "unit",
        "15个行政村": "village",
    }
    for text, unit in units.items():
        assert one(f"新建{text}。")[2] == unit, text


SHORTCUT_SENTENCES = [
    "推进十二大工程，实施三大行动，打造两个百亿级产业集群和一个万亿级产业。",
    "某县粮食产量连续5年稳定在60万吨以上，农民收入翻一番，人均收入是全省平均的2倍。",
    "综合算力指数居全省第一，第3季度新增企业120家、个体户3000户。",
    "每万人拥有医生32名，百分之九十的村通公交，约30%的乡镇建成卫生院。",
    "完成投资10多亿元，新增就业1.2万人以上，三个园区新引进项目近50个。",
    "全年新增绿地120公顷约合1800亩，改造老旧小区3000余户。",
    "土地流转价格每亩1200元，较上年提高5个百分点。",
]


def _masked(text: str) -> str:
    """The sentence as the finders read it: full-width signs folded, excluded spans masked."""
    from briefing.facts.lexicon import exclusions
    from briefing.facts.numbers import normalise
    from briefing.facts.quantities import MASK

    return exclusions().masks.sub(lambda m: MASK * len(m.group()), normalise(text))


def _reference(text: str) -> list:
    """find_quantities without its shortcuts: only the NUMERAL test before the masking, every frame
    finder tried on every sentence, and the plain numbers read by `_plain_numbers` (not the module's
    `_general`), each checked against every span taken before it."""
    from briefing.facts import quantities as q

    if not q.NUMERAL.search(text):
        return []
    masked = _masked(text)
    taken = [False] * len(masked)
    found = []
    for finder in [finder for finder, _ in q.FRAME_FINDERS] + [_plain_numbers]:
        for m in finder(masked):
            if not any(taken[m.start : m.end]):
                found.append(m)
                taken[m.start : m.end] = [True] * (m.end - m.start)
    return sorted(found, key=lambda m: m.start)


@cache
def _plain_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The plain-number pattern as first written (a look-ahead for a number's first character, then
    NUM_AR or NUM_CN), and the qualifier words before a number, compiled here from the lexicon."""
    from briefing.facts.lexicon import measure_words
    from briefing.facts.tables import alternation

    lex = measure_words()
    number = f"(?:{NUM_AR}|{NUM_CN})"
    rounding = f"[{re.escape(lex.rounding)}]"
    general = (
        f"(?=[\\d{CN_NUMERALS}])(?P<num>{number})(?:(?P<sep>[{re.escape(lex.range_signs)}])(?P<num2>{number}))?"
        f"(?P<a1>{rounding})?(?P<mult>万亿|万|亿|千)?(?P<a2>{rounding})?(?P<mw>{lex.pattern})?"
        f"(?P<post>{alternation({k for k in lex.qualifiers_after if len(k) > 1})})?"
    )
    return re.compile(general), re.compile(f"(?:{alternation(set(lex.qualifiers_before))})$")


def _plain_numbers(text: str) -> list:
    """The plain numbers of `text` as the extractor read them before its speed work: every match read
    by name through parse_number, split_measure_word, _measure_word_fits and every noun rule in turn,
    the qualifier before a number always looked for, overlaps left to the caller's `taken` check."""
    from briefing.facts.lexicon import measure_words

    general, before = _plain_patterns()
    lex = measure_words()
    found = []
    for m in general.finditer(text):
        mult, written = m.group("mult") or "", m.group("mw") or ""
        if mult or (written and lex.framed.get(written) != "streak"):
            mention = _read_plainly(text, m, mult, written, before)
            if mention is not None:
                found.append(mention)
    return found


def _words_before(text: str, at: int) -> str:
    """The words before `at` in its clause, at most 40 characters (what _clause_before is held to)."""
    return text[max(clause_start(text, at), at - 40) : at]


def _read_plainly(text: str, m: re.Match[str], mult: str, written: str, before: re.Pattern[str]):
    """One match of the plain-number pattern as a mention, or None (quantities._read_general as it was
    first written, with its named groups)."""
    from briefing.facts import quantities as q
    from briefing.facts.lexicon import exclusions, measure_words
    from briefing.facts.numbers import MULTIPLIERS, parse_number
    from briefing.facts.units import bare_unit, split_measure_word

    lex = measure_words()
    numeral, numeral2, post = m.group("num", "num2", "post")
    number_start = start = m.start("num")
    chinese = numeral[0] in CN_NUMERALS
    qualifier_before = before.search(text, max(0, start - 3), start)
    pre = qualifier_before.group() if qualifier_before else ""
    if pre == "上" and not (chinese and numeral[0] in "百千万"):
        pre = ""
    start -= len(pre)
    before_char = text[number_start - 1 : number_start]
    after_char = text[m.end() : m.end() + 1]
    if before_char and (before_char in q.LATIN or before_char in q.GLUED_BEFORE or before_char.isdigit()):
        return None
    if not written and after_char and (after_char in q.LATIN or after_char in q.GLUED_AFTER):
        return None
    if (mult and after_char and after_char in "万亿") or (after_char == "." and not written):
        return None
    confidence = 0.5 if before_char == "," and text[number_start - 2 : number_start - 1].isdigit() else 1.0
    if chinese:
        round_count = pre == "上" or m.group("a1") or m.group("a2")
        if (before_char and before_char in q.OPEN_QUOTES) or (
            numeral in q.LONE_NOT_COUNTS and not round_count
        ):
            return None
        if numeral in ("万", "亿"):
            return None
    value = parse_number(numeral)
    value_max = parse_number(numeral2) if numeral2 else None
    if value is None or (numeral2 and value_max is None):
        return None
    if mult:
        value *= MULTIPLIERS[mult]
        value_max = value_max * MULTIPLIERS[mult] if value_max is not None else None
    qualifier = next(
        (lex.qualifiers_after[w] for w in m.group("post", "a1", "a2") if w and w in lex.qualifiers_after),
        lex.qualifiers_before.get(pre, "exact"),
    )
    if written and not q._measure_word_fits(text, m, written, chinese, lex):
        written = ""
    if not written:  # a number with 万/亿 and no measure word: the noun before it names the unit
        if not mult or exclusions().name_suffixes.match(text, m.end("mult")):
            return None
        unit = bare_unit(_words_before(text, start))
        if unit is None:
            return None
        end = m.end("a2") if m.group("a2") else m.end("mult")
        return q.Mention(start, end, number_start, value, unit, mult, qualifier, confidence=0.9)
    magnitude, form = split_measure_word(written)
    if magnitude:
        value *= MULTIPLIERS[magnitude]
    factor = lex.factors.get(form, 1)
    unit = _unit_by_every_rule(form, _words_before(text, start), text[m.end() : m.end() + 20])
    return q.Mention(
        start,
        m.end("post") if post else m.end("mw"),
        number_start,
        value * factor,
        unit,
        mult + written,
        qualifier,
        q.KIND_FORMS.get(unit, "count"),
        value_max * factor if value_max is not None else None,
        confidence=confidence,
    )


@pytest.mark.parametrize("text", ["某区建成停车场5个以上百个。", "某区建成5个以上百个停车场，投资超3亿元。"])
def test_a_qualifier_reaching_into_the_figure_before_starts_no_second_figure(text):
    """上 of 以上 closing one figure is also the 上 of 上百个: a figure starting there overlaps the first."""
    found = find_quantities(text)
    assert found == _reference(text)
    assert [text[m.start : m.end] for m in found][:1] == ["5个以上"]
    assert "百个" not in [text[m.number_start : m.end] for m in found]


@pytest.mark.parametrize("sentence", SHORTCUT_SENTENCES)
def test_trigger_words_and_the_plain_number_path_find_what_a_full_scan_finds(sentence):
    found = find_quantities(sentence)
    assert found == _reference(sentence)
    assert found  # every sentence here holds figures


def test_every_frame_match_holds_a_trigger_of_its_finder():
    from briefing.facts.quantities import FRAME_FINDERS

    for sentence in SHORTCUT_SENTENCES:
        masked = _masked(sentence)
        for finder, triggers in FRAME_FINDERS:
            for m in finder(masked):
                assert any(word in masked[m.start : m.end] for word in triggers), (finder.__name__, sentence)


def test_every_match_of_a_frame_finder_holds_one_of_its_trigger_words():
    """A frame finder runs only where one of its trigger words stands: every way through its pattern
    (each branch: 第…, 首位, 榜首) must spell one, so that a word added to a pattern without its trigger
    fails here instead of never being found."""
    from test_facts_lexicon import every_match_holds

    from briefing.facts.quantities import FRAME_FINDERS, _sources

    sources = _sources()
    frames = set(sources) - {"general", "pre"}  # the patterns of the plain numbers run on every sentence
    used = set()
    for finder, triggers in FRAME_FINDERS:
        names = [name for name in finder.__code__.co_consts if isinstance(name, str) and name in frames]
        assert len(names) == 1, (finder.__name__, names)  # the pattern it reads through _pattern(name)
        used.add(names[0])
        assert every_match_holds(sources[names[0]], triggers), (finder.__name__, sources[names[0]])
    assert used == frames  # every frame pattern has its finder, and so its trigger words


def test_every_qualifier_before_a_number_is_still_read():
    """A number is looked at for a qualifier before it only after a character some qualifier ends with:
    every qualifier of the lexicon, written before a count, is read."""
    from briefing.facts.lexicon import measure_words

    for word, qualifier in measure_words().qualifiers_before.items():
        if word == "上":  # 上 qualifies only a round Chinese count (上百个)
            continue
        found = find_quantities(f"全县新建学校{word}15所。")
        assert [(m.value, m.qualifier) for m in found] == [(Decimal(15), qualifier)], word


@given(st.text(alphabet="某地，,；。增长5\n", max_size=60), st.integers(0, 60))
def test_the_words_before_a_number_stop_at_its_clause_start(text, at):
    """_clause_before finds the clause's start from the last stop near `at`: the same words as cutting the
    sentence at clause_start, at most 40 characters back."""
    at = min(at, len(text))
    assert _clause_before(text, at) == text[max(clause_start(text, at), at - 40) : at]


def test_the_class_first_number_admits_every_character_a_number_starts_with():
    """NUM_FIRST opens with a class of the characters a number starts with: none is left out."""
    first, number = re.compile(NUM_FIRST), re.compile(f"(?:{NUM_AR}|{NUM_CN})")
    starts = [chr(code) for code in range(0x30000) if number.match(chr(code))]
    assert "7" in starts and "万" in starts and "٣" in starts
    assert all(first.match(char) for char in starts)


@given(st.text(alphabet="0123456789٣,.，一二两十百千万亿零年个%-至余", max_size=30))
def test_the_class_first_number_matches_what_either_number_pattern_matches(text):
    """NUM_FIRST reads at each place what NUM_AR, else NUM_CN, reads there (the digits given back
    before a comma that starts no thousands group, a Chinese run after a digit not taken)."""
    first, number = re.compile(NUM_FIRST), re.compile(f"(?:{NUM_AR}|{NUM_CN})")
    for at in range(len(text) + 1):
        expected = number.match(text, at)
        found = first.match(text, at)
        assert (found and found.span()) == (expected and expected.span()), at


WORDS = [
    *"0123456789",
    *"一二两三五十百千万亿零",
    *"个家元人%项余多-至~.,、",
    *"年月第号：，。约超近上",
    "１２",
    "，",
    "％",
    "～",
    "－",
    "A",
    "“",
    "”",
    "《",
    "第",
    "首位",
    "榜首",
    "翻一番",
    "翻番",
    "倍增",
    "百分之",
    "连续",
    "连冠",
    "亿级",
    "万亿级",
    "三大",
    "十大",
    "每",
    "每亩",
    "平方米",
    "个百分点",
    "以上",
    "左右",
    "十四五",
    "五一",
    "两区",
    "三年行动",
    "企业",
    "公司",
    "单位",
    "国家",
    "全市",
    "居",
    "统一",
    "进一步",
    "一些",
]
"""Pieces of invented sentences: numerals, what can follow one, frame triggers, masked names, nouns."""


CHINESE_WORDS = [word for word in WORDS if not any(char.isdigit() for char in word)]
"""The pieces without a digit: a sentence of them passes the cue test only by its Chinese numerals."""


@given(
    st.lists(st.sampled_from(WORDS), max_size=24).map("".join)
    | st.lists(st.sampled_from(CHINESE_WORDS), max_size=12).map("".join)
)
def test_the_cues_and_the_plain_path_find_what_the_full_scan_finds(text):
    """The one-scan cue test before the masking (a digit, a Chinese numeral before what can follow a
    quantity's numeral, a frame trigger) drops no sentence with a quantity, the frame cues run the same
    finders as trying them all, and the plain numbers (`_general`: its skip of overlaps, the table of
    written forms, the ASCII reading of a number) are those the plain reader of this module finds."""
    assert find_quantities(text) == _reference(text)


NUMERALS = st.one_of(
    st.integers(0, 10**6).map(str),
    st.integers(1900, 2099).map(str),
    st.integers(1000, 10**8).map("{:,}".format),
    st.decimals(0, 10**4, places=2).map(str),
    st.sampled_from(
        ["1,25", "1.", "１２", "３．５", "٣", "十", "十二", "两", "三百", "一千二", "百", "千", "万"]
    ),
)
"""Numerals as reports write them: ASCII counts, year-like numbers, thousands groups, decimals, full-width
and other digits, Chinese numerals, and a few broken forms."""


@st.composite
def figure_sentences(draw) -> str:
    """Figures built from the lexicon's own words — a qualifier before, a numeral, a range, 余/多, a
    magnitude, a measure word (those with a rule of their own more often), a qualifier after, a noun —
    each part left out half the time."""
    from briefing.facts.lexicon import measure_words

    lex = measure_words()

    def maybe(choices) -> str:
        return draw(st.sampled_from(sorted(choices))) if draw(st.booleans()) else ""

    measures = [*sorted(lex.units), *lex.ambiguous_after_year, *lex.framed, *lex.factors]
    pieces = []
    for _ in range(draw(st.integers(1, 4))):
        numbers = [draw(NUMERALS)] + ([draw(NUMERALS)] if draw(st.booleans()) else [])
        pieces += [
            maybe(["，", "某县", "第", "A", "“", *lex.qualifiers_before]),
            maybe(lex.range_signs).join(numbers),
            maybe(lex.rounding),
            maybe(["万", "亿", "万亿", "千"]),
            maybe(lex.rounding),
            maybe(measures),
            maybe(lex.qualifiers_after),
            maybe([*_noun_pieces(), ".", "年", "万", "人艺"]),
        ]
    return "".join(pieces)


@settings(max_examples=400)  # ~0.6 s: a year-like number before a measure word with its own rule is rare
@given(figure_sentences())
def test_figures_written_with_the_words_of_the_lexicon_are_read_as_the_plain_reader_reads_them(text):
    """Every measure word, qualifier and magnitude of the lexicon after every kind of numeral: the plain
    numbers `_general` reads through its table of written forms and ASCII shortcut are those the plain
    reader of this module reads, none overlapping another."""
    assert find_quantities(text) == _reference(text)


@pytest.mark.parametrize(
    "text",
    [
        "新建3-5家。",
        "服务10余家。",
        "参与人数约15万。",
        "投资1.2亿元。",
        "增长５．５％。",
        "新增1，200家。",
        "连续5年居首位。",
        "达到2025人。",
    ],
)
def test_digits_before_what_follows_a_quantity_pass_the_cue_test(text):
    assert find_quantities(text) == _reference(text) != []


@pytest.mark.parametrize("text", ["2025年，全面完成。", "(3)推进改革。", "6月，记者获悉。", "举办2025论坛。"])
def test_digits_of_dates_and_list_markers_alone_are_dropped_before_the_full_path(text):
    from briefing.facts.quantities import _tables

    assert _tables().cues.search(text) is None
    assert _reference(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "建成十余家。",
        "三至五个。",
        "新增两万人。",
        "达到百分之八十。",
        "提高三个百分点。",
        "约三～五个。",
        "五成。",
        "居全国第一。",
    ],
)
def test_chinese_numerals_before_what_follows_a_quantity_pass_the_cue_test(text):
    assert find_quantities(text) == _reference(text) != []


@given(st.lists(st.sampled_from(WORDS), max_size=24).map("".join))
def test_the_frame_cues_name_the_finders_whose_triggers_stand_in_the_text(text):
    from briefing.facts.quantities import FRAME_FINDERS, _frame_cues

    cued = {m.lastindex for m in _frame_cues().finditer(text)}
    expected = {n for n, (_, triggers) in enumerate(FRAME_FINDERS, 1) if any(t in text for t in triggers)}
    assert cued == expected


def test_no_trigger_of_a_frame_starts_another_finders_trigger():
    """The frame cues record one finder at each place: no trigger may start with another finder's."""
    from briefing.facts.quantities import FRAME_FINDERS

    for n, (_, triggers) in enumerate(FRAME_FINDERS):
        for m, (_, others) in enumerate(FRAME_FINDERS):
            if n != m:
                assert not [(t, o) for t in triggers for o in others if o.startswith(t)]


def test_the_table_of_written_forms_says_what_the_functions_say():
    """The per-process table of measure words gives what reading each one through the functions gives."""
    from briefing.facts.quantities import _measure_word_fits, _tables
    from briefing.facts.units import split_measure_word, unit_of

    tables = _tables()
    lex = tables.lex
    assert set(tables.written) == set(lex.units)
    general = tables.general
    for written, measure in tables.written.items():
        assert (measure.magnitude, measure.form) == split_measure_word(written)
        assert measure.factor == lex.factors.get(measure.form)
        if measure.unit is not None:
            assert measure.unit == unit_of(measure.form, lambda: "某企业", "")
        if measure.always_fits:  # after a year-like number, a Chinese one or a decimal, with text after
            for number in ("2025", "十二", "1.5"):
                text = f"全市{number}{written}企业"
                m = general.match(text, 2)
                if m and m.group("mw") == written:
                    assert _measure_word_fits(text, m, written, number == "十二", lex)


def _unit_by_every_rule(form: str, before: str, after: str) -> str:
    """unit_of without its shortcuts: every keyword of every rule looked for, the earliest kept."""
    from briefing.facts.lexicon import measure_words
    from briefing.facts.units import _AFTER_STOP, _FILLER_END, AFTER_WINDOW

    lex = measure_words()
    rules = lex.nouns_of.get(form, ())
    if not rules:
        return lex.units.get(form, "unit")
    window = _AFTER_STOP.split(after, maxsplit=1)[0][:AFTER_WINDOW]
    best = None
    for rule in rules:
        for keyword in rule.keywords:
            at = window.find(keyword)
            if at < 0 or (rule.adjacent and at > 0) or window.startswith(rule.not_before, at + len(keyword)):
                continue
            if best is None or at < best[0]:
                best = (at, rule.unit)
    if best is not None:
        return best[1]
    head = _FILLER_END.cut(before)
    return next((r.unit for r in rules if not r.after_only and head.endswith(r.keywords)), lex.units[form])


def _noun_pieces() -> list[str]:
    """The keywords and not-before words of every noun rule (the lexicon's own words), and a few others."""
    from briefing.facts.lexicon import measure_words

    rules = measure_words().nouns
    words = {*(k for r in rules for k in r.keywords), *(w for r in rules for w in r.not_before)}
    return [*sorted(words), "和", "，", "、", "5", "新建"]


@given(st.data())
def test_the_counted_noun_is_the_one_every_rule_in_turn_finds(data):
    """unit_of's look at the first keyword found, its one loop over all keywords, and the words before
    the number read only when no noun follows: the unit of trying every rule in turn."""
    from briefing.facts.lexicon import measure_words
    from briefing.facts.units import unit_of

    pieces = _noun_pieces()
    form = data.draw(st.sampled_from([*sorted(measure_words().nouns_of), "元"]))
    before = "".join(data.draw(st.lists(st.sampled_from(pieces), max_size=3)))
    after = "".join(data.draw(st.lists(st.sampled_from(pieces), max_size=5)))
    assert unit_of(form, lambda: before, after) == _unit_by_every_rule(form, before, after)


@given(st.text(alphabet="两三五九十一二大行动计划。，“A", max_size=16))
def test_a_count_with_da_is_found_where_a_look_ahead_for_a_chinese_character_finds_it(text):
    """_majors tests the character after 大 itself: the spans a pattern with the look-ahead finds."""
    from briefing.facts.quantities import OPEN_QUOTES, _majors

    ahead = re.compile(
        r"(?<![一二三四五六七八九十])([两三四五六七八九]|十[一二三四五六七八九]?)大(?=[\u4e00-\u9fff])"
    )
    expected = [
        m.span()
        for m in ahead.finditer(text)
        if text[m.start() - 1 : m.start()] not in OPEN_QUOTES or not m.start()
    ]
    assert [(m.start, m.end) for m in _majors(text)] == expected


def test_the_plain_number_pattern_holds_its_groups_in_the_order_its_reader_unpacks_them():
    """_general and _read_general read a match by position (`m.groups()`), not by name."""
    from briefing.facts.quantities import _tables

    names = ["num", "sep", "num2", "a1", "mult", "a2", "mw", "post"]
    assert _tables().general.groupindex == {name: n for n, name in enumerate(names, 1)}


def test_every_one_character_qualifier_after_a_number_may_stand_before_its_magnitude():
    """余 and 多 of the lexicon's qualifiers after a number also stand between it and 万/亿 (10多亿元)."""
    from briefing.facts.lexicon import measure_words

    after = measure_words().qualifiers_after
    short = [word for word in after if len(word) == 1]
    assert short
    for word in short:
        (m,) = find_quantities(f"某镇新增投资10{word}亿元。")
        assert (m.value, m.measure_word, m.qualifier) == (Decimal(10**9), "亿元", after[word]), word


def test_every_range_sign_of_the_lexicon_joins_the_two_ends_of_a_range():
    from briefing.facts.lexicon import measure_words

    signs = measure_words().range_signs
    assert "至" in signs and "-" in signs
    for sign in signs:
        (m,) = find_quantities(f"某镇新建3{sign}5所学校。")
        assert (m.value, m.value_max, m.measure_word) == (Decimal(3), Decimal(5), "所"), sign
