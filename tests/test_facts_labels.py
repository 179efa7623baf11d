"""indicator_zh names the measured thing: comparisons, magnitudes and bare verbs (invented sentences)."""

import re
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.facts import extract_facts
from briefing.ingest import document_from_text


def _labels(text: str) -> dict[str, str]:
    return {f.raw: f.indicator_zh for f in extract_facts(document_from_text(text, "t"))}


def test_a_comparison_with_another_place_takes_the_subject_of_the_figure_it_qualifies():
    labels = _labels("学前教育毛入园率达到93.5%，高于全国平均水平2.7个百分点。")
    assert labels["2.7个百分点"] == "学前教育毛入园率高于全国平均水平"
    labels = _labels("森林覆盖率达到47%、超过全国平均水平22个百分点。")
    assert labels["22个百分点"] == "森林覆盖率超过全国平均水平"


def test_a_comparison_with_an_earlier_quarter_names_the_figure_it_qualifies():
    labels = _labels("三季度全市货运量同比增长4.1%，比二季度加快0.6个百分点。")
    assert labels["0.6个百分点"].startswith("货运量")
    assert labels["0.6个百分点"].endswith("比二季度加快")


def test_a_change_on_the_year_before_stays_an_ordinary_change():
    labels = _labels("全市快递业务量12.5亿件，比上年增长9.2%。")
    assert labels["9.2%"] == "快递业务量增速"


def test_a_magnitude_after_a_from_to_pair_takes_the_subject_of_the_pair():
    labels = _labels("全县旅游收入从2021年的80亿元增长到2025年的130亿元、实现百亿级跨越。")
    assert labels["百亿级"] == "旅游收入量级"


def test_a_bare_verb_of_action_takes_the_noun_its_figure_counts():
    labels = _labels("明年将建设12个社区食堂，培育30家专精特新企业。")
    assert labels["12个"] == "建设社区食堂"
    assert labels["30家"] == "培育专精特新企业"


def test_a_subject_before_the_figure_is_kept_whatever_follows():
    labels = _labels("全市污水处理能力达到95万吨，满足需求。")
    assert labels["95万吨"] == "污水处理能力"


def test_a_clause_without_a_subject_takes_the_subject_the_sentence_opens_with():
    labels = _labels("全县粮食产量突破8亿斤，达到8.3亿斤、增长4.2%。")
    assert labels["8.3亿斤"] == "粮食产量"
    assert labels["4.2%"] == "粮食产量增速"


def test_the_opening_subject_is_read_after_a_reporting_colon_and_its_year():
    labels = _labels("记者从县农业农村局获悉：2030年全县茶叶产量达5200吨，连续3年保持在5000吨以上。")
    assert labels["5000吨以上"] == "茶叶产量"


def test_examples_listed_before_a_count_give_way_to_the_noun_it_counts():
    labels = _labels("改造东街、西街等8条背街小巷，支持甲镇、乙镇、丙镇3个特色小镇。")
    assert labels["8条"] == "背街小巷"
    assert labels["3个"] == "特色小镇"


def test_a_list_that_is_not_the_count_keeps_its_subject():
    labels = _labels("图书馆、博物馆接待观众120万人次。")
    assert labels["120万人次"] == "图书馆、博物馆接待观众"


def test_the_whole_province_or_county_is_the_place_not_part_of_the_label():
    labels = _labels("全省森林覆盖率达到48.2%，全县茶园面积12万亩。")
    assert labels["48.2%"] == "森林覆盖率"
    assert labels["12万亩"] == "茶园面积"


def test_a_share_in_a_clause_of_its_own_names_the_figure_it_divides():
    labels = _labels("全县湿地面积达到3.6万公顷，占国土面积12.5%。")
    assert labels["12.5%"] == "湿地面积占国土面积比重"
    labels = _labels("园区企业缴纳税收8亿元，占全县税收比例的41%。")
    assert labels["41%"] == "园区企业缴纳税收占全县税收比例"


def test_a_place_alone_before_a_figure_is_not_what_it_measures():
    labels = _labels("云南连续三年花卉种植面积超过200万亩。")
    assert labels["连续三年"] == "花卉种植面积"


def test_a_subject_and_its_verb_before_a_count_take_the_noun_it_counts():
    labels = _labels("今年开发区引进25家新材料企业，推出8条精品旅游线路。")
    assert labels["25家"] == "开发区引进新材料企业"
    assert labels["8条"] == "推出精品旅游线路"


def test_a_multiple_whose_clause_names_only_a_change_takes_the_subject_before_it():
    labels = _labels("甲地蓝莓产量820吨，同比增长近1.5倍。")
    assert labels["近1.5倍"] == "甲地蓝莓产量同比增长"


HEADS = [
    "全市地区生产总值达到",  # a filler tail
    "工业增加值增长到",  # a verb and its 到
    "生产总值从2020年的",  # a from-leg
    "规模以上文化产业法人单位累计实现收入",  # an inner verb
    "上半年，全区社会消费品零售总额",  # a filler head
    "新建学校",  # nothing to clean
    "和新能源汽车产量\n",  # a line break where `$` may match
    "实现",
    "",
]


def test_label_cleaning_tries_a_pattern_only_where_it_can_match():
    """The character tests before each cleaning pattern skip only heads the pattern would leave as they
    are: the result is what the patterns alone give."""
    from briefing.facts import labels

    def unguarded(head: str) -> str:
        head = labels.FILLER_HEAD.sub("", head)
        head = labels.FILLER_TAIL.pattern.sub("", re.sub(labels.FROM_TAIL, "", head))
        return re.sub(labels.INNER_VERB, "", head) if len(head) > 6 else head

    for head in HEADS:
        assert labels._clean(head) == unguarded(head), head


def test_a_byline_is_stripped_only_where_there_is_one():
    from briefing.facts.context import BYLINE, strip_byline

    for text in [
        "本报讯（记者 某某）某县新建学校3所",
        "本报某地1月9日电（记者 某某）产量增长5%",
        "新建学校3所",
        "",
    ]:
        assert strip_byline(text) == BYLINE.sub("", text)
    assert strip_byline("本报讯（记者 某某）某县新建学校3所") == "某县新建学校3所"


class _NeverDisjoint:
    """A character set that shares a character with every text: the comparison's pre-test never skips."""

    def isdisjoint(self, _text: str) -> bool:
        return False


_WORDS = [
    "高于",
    "低于",
    "比",
    "较",
    "同比",
    "实现",
    "累计",
    "完成",
    "全市",
    "上年",
    "增长",
    "加快",
    "某某率",
    "平均水平",
    "、",
    "，",
    "（记者 某某）",
    "本报讯",
    "达到",
    "个百分点",
    "2024年",
    "从",
    "的",
    "快于",
]


@settings(max_examples=300, deadline=None)
@given(
    words=st.lists(st.sampled_from(_WORDS), max_size=8),
    before=st.none() | st.integers(0, 8),
    subject=st.sampled_from(["", "某某率"]),
)
def test_comparison_pretest_skips_only_figures_that_compare_nothing(words, before, subject):
    """comparison_label skips a figure whose own words hold no first character of a comparative: the
    result is what it gives without that test (invented clauses of label words, a figure at the end)."""
    from briefing.facts import labels
    from briefing.facts.quantities import Mention, clause_start

    text = "".join(words) + "3个百分点"
    mention = Mention(len(text) - 5, len(text), len(text) - 5, Decimal(3), "percentage_point")
    previous = None
    if before is not None and before < len(words):
        end = len("".join(words[: before + 1]))
        previous = Mention(max(0, end - 1), end, max(0, end - 1), Decimal(1), "count")
    start = clause_start(text, mention.number_start)
    found = labels.comparison_label(text, mention, previous, subject, start)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(labels, "_comparative_starts", _NeverDisjoint)
        assert labels.comparison_label(text, mention, previous, subject, start) == found


@given(st.text(alphabet="达到至为增长率某\n。", max_size=12))
def test_a_text_ending_in_no_trigger_is_one_tail_words_leave_alone(text):
    """_clean skips FILLER_TAIL.cut for a head whose last character is not one of its `triggers`: `cut`
    must leave such a text as it is (a final line break is a trigger: `$` stands before it)."""
    from briefing.facts.labels import FILLER_TAIL
    from briefing.facts.tables import TailWords

    for tail in (TailWords.any_of(["达到", "至", "增长至", "为"]), TailWords(r"(?:增长|增速)$"), FILLER_TAIL):
        if text[-1:] not in tail.triggers:
            assert tail.cut(text) == text


@given(st.text(alphabet="建设新打造改开展办组织某园区", max_size=8))
def test_the_action_verb_pretest_passes_every_head_ending_with_one(head):
    from briefing.facts import labels

    ends_with_verb = head.endswith(labels._action_verbs())
    assert (head[-1:] in labels._action_verb_ends() and ends_with_verb) == ends_with_verb


@given(
    head=st.text(alphabet="甲乙丙、等街巷园区", max_size=8),
    value=st.integers(1, 4),
    form=st.sampled_from(["count", "percent"]),
)
def test_the_examples_pretest_passes_every_head_that_names_examples(head, value, form):
    """label_of asks _names_examples only of heads holding 、 or ending with 等: no other names examples."""
    from briefing.facts import labels
    from briefing.facts.quantities import Mention

    mention = Mention(0, 1, 0, Decimal(value), "unit", form=form)
    if labels._names_examples(head, mention):
        assert "、" in head or head.endswith("等")
