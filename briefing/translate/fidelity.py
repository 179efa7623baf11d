"""The number check: does an English sentence state exactly the figures of its facts?

Run on every English sentence before it is published (compose calls it on template and MT output alike),
because a brief with a wrong figure is worse than one without English. It reads the numbers an English
sentence writes — "CNY 21.66 billion", "973,700", "5.2%", "300–500 million", "1st", "doubled" — as exact
Decimals and compares them with the facts' values.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation

from briefing.model import Fact
from briefing.render import render_en

SCALE_WORDS = {
    "trillion": Decimal(10) ** 12,
    "billion": Decimal(10) ** 9,
    "million": Decimal(10) ** 6,
    "thousand": Decimal(1000),
}
MULTIPLE_WORDS = {"doubled": Decimal(2), "tripled": Decimal(3), "quadrupled": Decimal(4)}

_NUM = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_QUANTITY_RE = re.compile(
    rf"(?<![\w.])(?P<low>{_NUM})(?:\s*[–—-]\s*(?P<high>{_NUM}))?"
    rf"(?P<ordinal>st|nd|rd|th)?\b"
    rf"(?:\s*(?P<scale>{'|'.join(SCALE_WORDS)})\b)?"
    r"(?P<percent>\s*%|\s*per\s?cent\b)?",
    re.IGNORECASE | re.ASCII,  # ASCII word boundaries: "9处" and "billion中西部" still read as numbers
)
_MULTIPLE_RE = re.compile(rf"\b({'|'.join(MULTIPLE_WORDS)})\b", re.IGNORECASE | re.ASCII)


def read_numbers(en: str) -> list[tuple[Decimal, str, bool]]:
    """Every number the English writes: (exact value, text as written, is it a clearly stated quantity —
    scaled or a percentage — rather than a bare count, year or name part)."""
    found: list[tuple[Decimal, str, bool]] = []
    for match in _QUANTITY_RE.finditer(en):
        scale = SCALE_WORDS[match["scale"].lower()] if match["scale"] else Decimal(1)
        marked = bool(match["scale"] or match["percent"])
        for group in ("low", "high"):
            if match[group]:
                try:
                    value = Decimal(match[group].replace(",", "")) * scale
                except InvalidOperation:  # pragma: no cover - the pattern only admits digits
                    continue
                found.append((value, match.group().strip(), marked))
    for match in _MULTIPLE_RE.finditer(en):
        found.append((MULTIPLE_WORDS[match[1].lower()], match[1], False))
    return found


def check_numbers(en: str, facts: list[Fact], *, allowed: Iterable[Decimal] = ()) -> list[str]:
    """Problems with the figures of `en` against `facts` (empty when every fact's value is written
    exactly and no scaled figure or percentage is left unexplained by a fact or by `allowed`, the values
    of other figures the source sentence itself writes)."""
    numbers = read_numbers(en)
    values = {value for value, _, _ in numbers}
    problems: list[str] = []
    expected: set[Decimal] = set(allowed)
    for fact in facts:
        wanted = [Decimal(fact.value)] + ([Decimal(fact.value_max)] if fact.value_max is not None else [])
        expected.update(wanted)
        missing = [value for value in wanted if value not in values]
        if missing:
            problems.append(f"{fact.id}: {fact.raw} should read {render_en(fact)!r}; not found in {en!r}")
    for value, text, marked in numbers:
        if marked and value not in expected:
            problems.append(f"{text!r} in {en!r} matches no fact of the sentence")
    return problems
