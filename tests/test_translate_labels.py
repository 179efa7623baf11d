"""Composed English labels: termbase words assembled by rule, dictionary fallback, no model needed.

Every label here is written for the test (invented combinations of places, products and indicators).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.translate import Glossary
from briefing.translate.labels import LabelComposer, LabelEnglish
from briefing.translate.termbase import Termbase


@pytest.fixture(scope="module")
def composer() -> LabelComposer:
    return LabelComposer(Termbase(Glossary.load()))


def en(composer: LabelComposer, zh: str) -> str:
    found = composer.english(zh)
    assert found is not None, zh
    return found.en


def test_whole_termbase_entry_is_taken_as_is(composer: LabelComposer) -> None:
    assert composer.english("城镇调查失业率") == LabelEnglish("surveyed urban unemployment rate", "termbase")
    assert composer.english("一般公共预算收入").by == "termbase"


def test_place_head_and_modifiers_in_english_order(composer: LabelComposer) -> None:
    found = composer.english("山西省新能源汽车年产量")
    assert found == LabelEnglish("annual output of new energy vehicles in Shanxi", "composed")


def test_verb_object_label_says_what_was_done(composer: LabelComposer) -> None:
    assert en(composer, "新建充电桩") == "new charging piles built"
    assert en(composer, "改造燃气管道") == "gas pipelines renovated"
    assert en(composer, "新建充电桩数量") == "number of new charging piles built"


def test_growth_head_short_and_long(composer: LabelComposer) -> None:
    assert en(composer, "GDP增速") == "GDP growth"
    assert en(composer, "社会消费品零售总额增速") == "growth of total retail sales of consumer goods"
    assert en(composer, "水泥产量年均增长") == "average annual growth of cement output"


def test_share_patterns(composer: LabelComposer) -> None:
    assert en(composer, "高技术制造业占规模以上工业比重") == (
        "share of high-tech manufacturing in industry above designated size"
    )
    assert en(composer, "财政支出中教育占比") == "share of education in fiscal expenditure"


def test_reporting_noise_and_dates_are_cut(composer: LabelComposer) -> None:
    assert en(composer, "全省粮食产量稳定在") == "grain output"
    assert en(composer, "一般公共预算收入从2019年") == "general public budget revenue"
    assert en(composer, "上半年发电量") == "power generation"


def test_listed_items_share_the_head(composer: LabelComposer) -> None:
    assert en(composer, "钢材、水泥产量") == "output of steel products and cement"


def test_words_the_termbase_lacks_are_looked_up_and_marked(composer: LabelComposer) -> None:
    found = composer.english("熊猫数量")
    assert found is not None and found.by == "dictionary"
    assert found.en == "number of panda"


def test_user_glossary_reaches_composed_labels(tmp_path: Path) -> None:
    user = tmp_path / "mine.tsv"
    user.write_text("充电桩\tEV chargers\n", encoding="utf-8")
    composer = LabelComposer(Termbase(Glossary.load([user])))
    assert en(composer, "新建充电桩") == "new EV chargers built"


def test_phrases_other_than_labels_keep_their_words_and_refuse_digits(composer: LabelComposer) -> None:
    assert composer.english("2031年养老服务", indicator=False) is None
    assert "first half" in composer.english("上半年发电量", indicator=False).en
    assert composer.english("“”", indicator=True) is None


def test_headings_with_dictionary_words_are_declined(composer: LabelComposer) -> None:
    assert composer.english("熊猫饲养保持稳步向好", indicator=False) is None
    assert composer.english("新建熊猫馆", indicator=False) is None
    assert composer.english("熊猫饲养保持稳步向好") is not None  # a figure's label still gets its words
    assert composer.english("全国粮食产量", indicator=False).en == "grain output in China"


def test_two_sided_patterns_beyond_shares(composer: LabelComposer) -> None:
    assert en(composer, "出口对GDP增长的贡献率") == "contribution of exports to GDP growth"
    assert en(composer, "社会物流总费用与GDP比率") == "ratio of total social logistics costs to GDP"
    assert en(composer, "煤炭的价格") == "coal prices"  # 的 between modifier and head is dropped
    assert en(composer, "钢铁行业的利润") == "steel industry profit"


def test_listed_phrases_with_their_own_heads_stay_apart(composer: LabelComposer) -> None:
    assert en(composer, "火灾起数和死亡人数降幅") == "decline in number of fires and deaths"


def test_comparisons_and_bracketed_abbreviations_are_cut(composer: LabelComposer) -> None:
    assert en(composer, "工业用电量较上年同期") == "industrial electricity consumption"
    assert en(composer, "居民消费价格指数（CPI）") == "consumer price index"


def test_a_long_clause_gets_its_words_in_order_quickly(composer: LabelComposer) -> None:
    clause = "新建和改造和提升的学校医院公园道路桥梁城市的比重的增速的降幅的排名和居民的收入的增速"
    found = composer.english(clause)
    assert found is not None and found.en.startswith("new and renovation")


def test_size_threshold_follows_its_noun(composer: LabelComposer) -> None:
    assert en(composer, "规上服务业企业") == "services enterprises above designated size"


def test_a_place_inside_a_longer_term_is_not_split_off(composer: LabelComposer) -> None:
    assert en(composer, "全国重点实验室数量") == "number of national key laboratories"
    assert en(composer, "山西省重点实验室数量") == "number of key laboratories in Shanxi"


def test_a_one_character_modifier_before_de_stays_in_front(composer: LabelComposer) -> None:
    assert en(composer, "新的充电桩") == "new charging piles"


def test_a_verb_alone_is_no_label(composer: LabelComposer) -> None:
    assert composer.english("新建") is None
    assert composer.english("打造") is None
    assert composer.english("出口") == LabelEnglish("exports", "termbase")  # also a noun


def test_rule_lists_have_no_repeats() -> None:
    from briefing.translate.labels import LabelRules

    rules = LabelRules()
    for words in (rules.noise_prefixes, rules.noise_suffixes, sorted(rules.dropped_words)):
        assert len(words) == len(set(words))


def test_subject_of_a_change_label_leaves_the_change_to_the_sentence(composer: LabelComposer) -> None:
    assert composer.subject("全省规模以上工业增加值增速") == LabelEnglish(
        "value-added of industry above designated size", "termbase"
    )
    assert composer.subject("山西省水泥产量下降").en == "cement output in Shanxi"
    assert composer.subject("高技术制造业占比").en == "share of high-tech manufacturing"  # no change head


def test_relocated_or_upgraded_count_reads_object_first(composer: LabelComposer) -> None:
    assert en(composer, "疏解提质物流企业") == "logistics enterprises relocated or upgraded"
    assert en(composer, "扩充停车泊位") == "parking berths added"


def test_noun_the_next_word_repeats_is_said_once(composer: LabelComposer) -> None:
    assert en(composer, "扩充小学学位") == "primary school places added"
    assert en(composer, "中学学位") == "secondary school places"


def test_end_of_month_left_from_a_cut_date_is_noise(composer: LabelComposer) -> None:
    # "6月末常住人口": the date is cut by the extractor, 末 ("end of") is left at the front
    assert en(composer, "末常住人口") == en(composer, "常住人口")
    assert en(composer, "底普惠小微贷款余额") == en(composer, "普惠小微贷款余额")


def test_more_verbs_of_these_documents_put_the_object_first(composer: LabelComposer) -> None:
    assert en(composer, "提档升级菜市场") == "food markets upgraded"
    assert en(composer, "新建成公园") == "new parks completed"
    assert en(composer, "入选企业") == "enterprises selected"


class _NeverDisjoint:
    """A character set sharing a character with every text: a pre-test built on it never skips."""

    def isdisjoint(self, _text: str) -> bool:
        return False


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="甲乙丙产量占比重高于和、，/与及的 ", max_size=12))
def test_the_listing_and_pattern_pretests_skip_only_texts_they_cannot_change(text: str) -> None:
    """`_items` and `_pattern` skip a text holding no list character, or no first character of a pattern's
    key: what they give is what the full walk gives (invented texts over those characters and others)."""
    from briefing.translate import labels

    quick = LabelComposer(Termbase(Glossary.load()))
    full = LabelComposer(Termbase(Glossary.load()), labels.LabelRules())
    full.rules.pattern_key_starts = _NeverDisjoint()
    items = quick._items(text)
    patterns = [quick._pattern(text, 0, True, tailed) for tailed in (False, True)]
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(labels, "_LINK_CHARS", _NeverDisjoint())
        assert full._items(text) == items
        assert [full._pattern(text, 0, True, tailed) for tailed in (False, True)] == patterns


def test_a_pattern_with_an_empty_key_is_refused_naming_the_file(tmp_path: Path) -> None:
    from briefing.translate.labels import RULES_PATH, LabelRules

    rules = tmp_path / "rules.toml"
    text = RULES_PATH.read_text(encoding="utf-8")
    rules.write_text(text.replace('key = "占"', 'key = ""', 1), encoding="utf-8")
    with pytest.raises(ValueError, match=r"rules\.toml: a pattern's key is empty"):
        LabelRules(rules)
