"""Measure words split into scale and unit form the one way the extractor and the renderer share."""

from __future__ import annotations

from decimal import Decimal

import pytest

from briefing.facts.units import split_measure_word as facts_split
from briefing.scales import compound_scales, en_scales, split_measure_word, zh_scales


@pytest.mark.parametrize(
    ("written", "parts"),
    [
        ("万亿元", ("万亿", "元")),
        ("千亿元", ("千亿", "元")),
        ("亿元", ("亿", "元")),
        ("万美元", ("万", "美元")),
        ("万平方米", ("万", "平方米")),
        ("万千瓦", ("万", "千瓦")),
        ("亿千瓦时", ("亿", "千瓦时")),
        ("万标箱", ("万", "标箱")),
        ("万架次", ("万", "架次")),  # an unknown unit form after 万 still has 万 as its scale
        ("亿人次", ("亿", "人次")),
        ("百万千瓦", ("百万", "千瓦")),
        ("亿级", ("亿", "级")),
        ("万", ("万", "")),
        ("千米", ("千", "米")),  # as the extractor reads 12千米: 12,000 metres
        ("千瓦", ("", "千瓦")),
        ("千瓦时", ("", "千瓦时")),
        ("千伏", ("", "千伏")),  # 千 before an unknown form is part of the unit
        ("家", ("", "家")),
        ("个百分点", ("", "个百分点")),
    ],
)
def test_measure_words_split_into_scale_and_unit(written: str, parts: tuple[str, str]) -> None:
    assert split_measure_word(written) == parts


def test_extractor_and_renderer_split_alike() -> None:
    for written in ("万亿元", "万千瓦", "千米", "千瓦时", "亿人次"):
        assert facts_split(written) == split_measure_word(written)


def test_scale_ladders() -> None:
    assert list(zh_scales()) == ["万亿", "千亿", "百亿", "十亿", "亿", "千万", "百万", "十万", "万", "千"]
    assert zh_scales()["万亿"] == Decimal(10) ** 12
    assert en_scales()["trillion"] == Decimal(10) ** 12
    assert compound_scales() == {"万亿", "千亿", "百亿", "十亿", "千万", "百万", "十万"}
