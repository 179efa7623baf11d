"""Placeholders around quantities, dates, digit runs and glossary terms, and their restoration."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from factories import make_fact

from briefing.model import Fact
from briefing.render import render_en
from briefing.translate import Glossary
from briefing.translate.protect import PLACEHOLDER, PLACEHOLDER_RE, mask, unmask

SENTENCE = (
    "12月17日，记者了解到，深入开展疏解整治促提升专项行动，"
    "累计疏解提质一般制造业企业3000余家，今年1-11月又疏解提质104家。"
)


def fact(raw: str, value: str, unit: str, n: int, sentence: str = SENTENCE, **extra) -> Fact:
    return make_fact(sentence, raw, value, unit, n, **extra)


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return Glossary.load()


def test_every_figure_date_and_term_is_masked(glossary: Glossary) -> None:
    facts = [
        fact("3000余家", "3000", "enterprise", 1, measure_word="家", qualifier="over"),
        fact("104家", "104", "enterprise", 2, measure_word="家"),
    ]
    masked = mask(SENTENCE, facts, glossary)
    assert not re.search(r"\d", PLACEHOLDER_RE.sub("", masked.text))
    by_kind = {(item.kind, item.en) for item in masked.items}
    assert ("date", "December 17") in by_kind
    assert ("date", "January–November") in by_kind
    assert ("fact", "over 3,000 enterprises") in by_kind
    assert ("fact", "104 enterprises") in by_kind
    assert ("term", "special campaign of decongestion, rectification and improvement") in by_kind
    assert masked.facts == facts


def test_restore_needs_every_placeholder_exactly_once(glossary: Glossary) -> None:
    facts = [fact("104家", "104", "enterprise", 2, measure_word="家")]
    masked = mask(SENTENCE, facts, glossary)
    n = len(masked.items)
    good = " and ".join(PLACEHOLDER.format(i) for i in reversed(range(n)))  # order may change
    restored = unmask(good, masked)
    assert restored is not None and "104 enterprises" in restored and "ZQ" not in restored
    assert unmask(" ".join(PLACEHOLDER.format(i) for i in range(n - 1)), masked) is None  # one lost
    assert unmask(good + " " + PLACEHOLDER.format(0), masked) is None  # one doubled
    assert unmask(good.replace(PLACEHOLDER.format(1), "ZQ 1"), masked) is None  # one mangled


def test_model_spacing_inside_placeholders_is_tolerated(glossary: Glossary) -> None:
    masked = mask("共104家", [fact("104家", "104", "enterprise", 1, sentence="共104家")], glossary)
    assert unmask("A total of Z Q 0 Z", masked) == "A total of 104 enterprises"


def test_classifier_noun_is_left_to_the_following_noun(glossary: Glossary) -> None:
    text = "王府井外文书店等14个重大项目全部开工，新增企业17个。"
    facts = [
        fact("14个", "14", "project", 1, sentence=text, measure_word="个"),
        fact("17个", "17", "project", 2, sentence=text, measure_word="个"),
    ]
    ens = [item.en for item in mask(text, facts, glossary).items if item.kind == "fact"]
    assert ens == ["14", "17 projects"]


def test_two_indicators_sharing_one_raw_share_one_placeholder(glossary: Glossary) -> None:
    text = "接件数量、答复率均居全市第一。"
    facts = [
        fact("第一", "1", "rank", 1, sentence=text, kind="rank"),
        fact("第一", "1", "rank", 2, sentence=text, kind="rank"),
    ]
    masked = mask(text, facts, glossary)
    assert [i.en for i in masked.items if i.kind == "fact"] == ["1st"]
    assert masked.facts == facts


def test_digit_runs_without_facts_keep_their_value(glossary: Glossary) -> None:
    masked = mask("共申请资金12亿余元，2025年完成。", [], glossary)
    assert [(i.kind, i.en) for i in masked.items] == [("number", "1.2 billion"), ("date", "2025")]


def test_fact_raw_missing_from_sentence_is_not_protected(glossary: Glossary) -> None:
    lost = Fact(doc="d", id="d#9", raw="5.7万吨", span=(0, 5), sentence="", value=Decimal(57000), unit="ton")
    masked = mask("减排二氧化碳5.7万", [lost], glossary)
    assert masked.facts == []
    assert render_en(lost) not in [i.en for i in masked.items]
