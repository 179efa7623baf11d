"""The extractor's data files compiled into patterns (briefing/facts/lexicon.py)."""

from __future__ import annotations

import re

from briefing.facts.lexicon import _leading_chars, exclusions


def test_the_characters_an_exclusion_pattern_opens_with_are_read_from_its_opening():
    assert _leading_chars("[东西南北]环") == {"东", "西", "南", "北"}
    assert _leading_chars(r"[三\d]+人组") == {"三", r"\d"}
    assert _leading_chars("七星[一二]号") == {"七"}


def test_an_opening_that_may_match_nothing_or_anything_gives_no_characters():
    for pattern in ("[一二]?队", "七?星", "七{0,2}星", "(?:七|八)星", r"\d+号", "[^东]环", "[0-9]号", ".环"):
        assert _leading_chars(pattern) is None, pattern


def test_the_exclusion_masks_get_a_first_character_guard_that_loses_no_match():
    """The guard only skips positions no mask can start at: the guarded pattern finds exactly what the
    unguarded one finds, on a text holding every literal of the masks and the ASCII range."""
    masks = exclusions().masks.pattern
    assert masks.startswith("(?=["), "the masks lost their first-character guard"
    guard_end = masks.index("])") + 2
    guarded, bare = re.compile(masks), re.compile(masks[guard_end:])
    text = "".join(chr(c) for c in range(0x20, 0x7F)) + masks[guard_end:] + "东四十条、五条，十五五，3年行动"
    assert [m.span() for m in guarded.finditer(text)] == [m.span() for m in bare.finditer(text)]
    assert len(bare.findall(text)) > 3
