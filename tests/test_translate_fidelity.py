"""The number check that guards every English sentence."""

from __future__ import annotations

from decimal import Decimal

from briefing.model import Fact
from briefing.translate.fidelity import check_numbers, read_numbers


def fact(value: str, unit: str = "CNY", raw: str = "x", **extra) -> Fact:
    return Fact(
        doc="d", id="d#1", raw=raw, span=(0, 1), sentence="", value=Decimal(value), unit=unit, **extra
    )


def test_reads_scaled_grouped_and_percent_numbers() -> None:
    values = [
        v for v, _, _ in read_numbers("CNY 21.66 billion, 973,700 hectares, up 5.2%, 3rd, 300–500 million")
    ]
    assert values == [
        Decimal("21660000000"),
        Decimal(973700),
        Decimal("5.2"),
        Decimal(3),
        Decimal(300000000),
        Decimal(500000000),
    ]


def test_names_and_codes_are_not_numbers() -> None:
    assert read_numbers("PM2.5 along the G10 road near Line22") == []


def test_right_figures_pass() -> None:
    assert check_numbers("Exports reached over CNY 230 billion.", [fact("230000000000")]) == []
    assert check_numbers("Turnover doubled.", [fact("2", "times", raw="翻番", kind="multiple")]) == []
    assert check_numbers("Ranked 1st in the city.", [fact("1", "rank", kind="rank")]) == []
    ranged = fact("3", "enterprise", value_max=Decimal(5))
    assert check_numbers("3–5 enterprises", [ranged]) == []


def test_wrong_missing_and_stray_figures_fail() -> None:
    missing, stray = check_numbers(
        "Exports reached CNY 23 billion.", [fact("230000000000", raw="超2300亿元")]
    )
    assert "超2300亿元" in missing and "CNY 230 billion" in missing
    assert "23 billion" in stray
    assert check_numbers("Exports grew strongly.", [fact("230000000000")])
    assert check_numbers("Retail sales rose 7.5%.", [])
    assert check_numbers("Retail sales rose 7.5%.", [], allowed=[Decimal("7.5")]) == []
    assert check_numbers("In 2025, on December 17, Line 22 opened.", []) == []
