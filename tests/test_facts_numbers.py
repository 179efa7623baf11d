"""Numerals read exactly (Decimal) or not at all."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefing.facts.numbers import normalise, parse_number


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("一百二十", "120"),
        ("两", "2"),
        ("十", "10"),
        ("十五", "15"),
        ("三万五千", "35000"),
        ("一千零一", "1001"),
        ("1.2万", "12000"),
        ("3.4亿", "340000000"),
        ("1,234.5", "1234.5"),
        ("１２３", "123"),
        ("1.09万", "10900"),
    ],
)
def test_numerals_read_exactly(text, value):
    assert parse_number(text) == Decimal(value)


def test_decimal_multiplication_has_no_float_drift():
    assert parse_number("1.1万") == Decimal("11000")
    assert str(parse_number("216.6亿").normalize()) == "2.166E+10"


@pytest.mark.parametrize("text", ["1..2", "3万万", "十四五", "一二", "", "abc", "1,23"])
def test_malformed_numerals_give_none(text):
    assert parse_number(text) is None


def test_normalise_keeps_length():
    text = "约１２．５％，共３家"
    assert len(normalise(text)) == len(text)
    assert normalise(text) == "约12.5%,共3家"


def test_normalise_folds_every_sign_of_the_table_each_time_it_occurs():
    from briefing.facts.numbers import FULL_WIDTH

    text = "增长１２．５％，约３～５个：共计－２，另有０．６％，合计７８９０"
    assert normalise(text) == text.translate(FULL_WIDTH) == "增长12.5%,约3~5个:共计-2,另有0.6%,合计7890"


def _read_every_way(text: str) -> Decimal | None:
    """parse_number without its shortcuts: fold, then try every reading in turn."""
    from briefing.facts.numbers import _ARABIC_MULTIPLIED, MULTIPLIERS, parse_arabic, parse_chinese

    text = normalise(text.strip())
    if not text:
        return None
    if text.isdecimal():
        return Decimal(text)
    value = parse_arabic(text)
    if value is not None:
        return value
    match = _ARABIC_MULTIPLIED.fullmatch(text)
    if match:
        base = parse_arabic(match.group(1))
        return None if base is None else base * MULTIPLIERS[match.group(2)]
    return parse_chinese(text)


@given(st.text(alphabet="0123456789١٣.,，．１２ 一二两三十百千万亿零〇x", max_size=12))
def test_the_shortcuts_of_parse_number_read_what_every_reading_in_turn_reads(text):
    """An ASCII text skips the folding, a text opening with neither a digit nor a separator skips the
    Arabic readings: the value, and its exponent (1.50 stays 1.50), are those of trying them all."""
    value = parse_number(text)
    expected = _read_every_way(text)
    assert (value, value and value.as_tuple()) == (expected, expected and expected.as_tuple())
