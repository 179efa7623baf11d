"""Facts built by hand for tests, located in their sentence the way the extractor locates them."""

from __future__ import annotations

from decimal import Decimal

from briefing.model import Fact


def make_fact(sentence: str, raw: str, value: str, unit: str, n: int, *, doc: str = "d", **extra) -> Fact:
    """A Fact whose `raw` is found in `sentence`; `span` is relative to the sentence."""
    start = sentence.find(raw)
    assert start >= 0, f"{raw!r} is not in {sentence!r}"
    return Fact(
        doc=doc,
        id=f"{doc}#{n}",
        raw=raw,
        span=(start, start + len(raw)),
        sentence=sentence,
        value=Decimal(value),
        unit=unit,
        **extra,
    )
