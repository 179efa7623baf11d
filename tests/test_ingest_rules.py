"""Rules tried in order as one (FirstOf) find what trying them one by one finds, whatever they hold."""

from __future__ import annotations

import importlib
import random
import re

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from briefing.ingest.rules import FirstOf

rules_module = importlib.import_module("briefing.ingest.rules")  # the package's `rules` is the function


def first_by_trying(patterns: list[str], text: str, full: bool) -> tuple[int, str] | None:
    for i, pattern in enumerate(patterns):
        found = re.fullmatch(pattern, text) if full else re.match(pattern, text)
        if found:
            return i, found.group()
    return None


@pytest.mark.parametrize(
    ("patterns", "combined"),
    [
        (["[甲乙]{1,3}", "甲(乙|丙)+", "a+b?", ".{0,2}丙"], True),
        (["(a)(b)?", "(?P<x>b)c", "c(?=d)", "d*"], True),
        (["(a)\\1", "(b)\\1", "ab"], False),  # back-references: numbered per pattern
        (["(?P<x>a)", "(?P<x>b)"], False),  # one group name in two patterns
        (["a", "(?i)B"], False),  # a global flag, only allowed at the start of a pattern
        (["(?i)B", "a"], False),  # ... which a pattern's own group is not, even for the first one
        (["x", "(a)?(?(1)b|c)"], False),  # a conditional on a group number: numbered per pattern
        (["(?P<y>a)?(?(y)b|c)", "d"], False),  # one on a group name takes the safe way too
    ],
)
def test_first_of_finds_what_trying_each_pattern_in_order_finds(patterns, combined):
    rules = FirstOf(patterns)
    assert (rules.combined is not None) == combined
    rng = random.Random(16)
    for _ in range(3000):
        text = "".join(rng.choice("甲乙丙abcdB") for _ in range(rng.randint(0, 5)))
        for full in (False, True):
            expected = first_by_trying(patterns, text, full)
            found = rules.fullmatch(text) if full else rules.match(text)
            assert (found.group() if found else None) == (expected[1] if expected else None), text
        expected = first_by_trying(patterns, text, full=False)
        assert rules.which(text) == (expected[0] if expected else None), text


def test_no_pattern_matches_nothing():
    rules = FirstOf([])
    assert rules.match("") is None and rules.fullmatch("a") is None and rules.which("a") is None


def test_a_conditional_on_a_group_number_tests_its_own_pattern_s_group():
    """Combined, `(?(1)…)` would test the alternation's group 1 (the first pattern's own), not `(a)`."""
    rules = FirstOf(["(a)?(?(1)b|c)", "x"])
    assert rules.match("ab").group() == "ab"
    assert rules.match("ac") is None
    assert rules.match("cx").group() == "c" and rules.which("x") == 1


def test_every_shipped_rule_is_a_valid_pattern_alone():
    """FirstOf joins its patterns into one alternation, where a malformed one (`a)|(b`) could be closed
    by its neighbours and silently mean something else: each shipped pattern must compile alone."""
    shipped = [value for value in vars(rules_module.rules()).values() if isinstance(value, FirstOf)]
    assert len(shipped) >= 4
    for rule in shipped:
        for pattern in rule.patterns:
            re.compile(pattern)  # raises re.error for a malformed one


def test_a_malformed_pattern_can_hide_in_the_alternation():
    """Why the test above exists: joined, `(?P<_0>a)|(b)|(?P<_1>x)` compiles and matches "b"."""
    with pytest.raises(re.error):
        re.compile("a)|(b")
    assert FirstOf(["a)|(b", "x"]).match("b") is not None


LOOK_BEHIND_CREDIT = (
    r"(?<=[。！？!?”）)])\s*[\u4e00-\u9fff]{0,6}(记者|通讯员|摄影)\s*[\u4e00-\u9fff·]{2,5}"
    r"([\s、,，]+[\u4e00-\u9fff·]{2,5}){0,3}\s*/?\s*摄(影)?$"
)
"""The trailing photo credit as a look-behind: what the shipped pattern, which opens with the sentence
end and names the credit `chrome`, must cut off."""


def test_trailing_chrome_cut_at_its_group_as_the_look_behind_form_cuts_it():
    from briefing.ingest.rules import WHITESPACE, rules

    reference = re.compile(LOOK_BEHIND_CREDIT)
    rng = random.Random(5)
    pieces = ["图为示例桥", "。", "！", "”", "）", " ", "\u3000", "本报", "记者", "通讯员", "王某", "李"]
    pieces += ["·", "、", "摄", "摄影", "/", "2031年", "ab"]
    credit = [["图为示例桥", ""], ["。", "”", "，", ""], [" ", ""], ["本报", "新华社", ""]]
    credit += [["记者", "通讯员", "摄"], [" ", "\u3000", ""], ["王某某", "李·某", "王"]]
    credit += [["、李某", " 张某", ""], [" ", "/", ""], ["摄", "摄影"]]
    for n in range(5000):
        if n % 2:  # a credit-like line, one piece of each part
            line = "".join(rng.choice(part) for part in credit) + rng.choice(["", "", "。", "ab"])
        else:
            line = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 12)))
        match = reference.search(line)
        expected = line[: match.start()].rstrip(WHITESPACE) if match and match.start() > 0 else line
        assert rules().without_trailing_chrome(line) == expected, line
    assert rules().without_trailing_chrome("图为示例桥。本报记者 王某 摄") == "图为示例桥。"


def test_the_one_call_marker_and_lead_questions_agree_with_the_full_answers():
    """`opens_with_marker` / `opens_with_lead` answer what `marker_level` / `lead_byline` answer, without
    asking which rule matched."""
    from briefing.ingest.rules import rules

    active = rules()
    rng = random.Random(9)
    pieces = ["一、", "（二）", "(3)", "4.", "12、", "本报讯", "（记者 王某）", "新华社", "示例市"]
    pieces += ["3月5日电", "。", "甲", " ", "2031年", "十一、", "（", "）"]
    for _ in range(3000):
        line = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 5)))
        for inline in (False, True):
            expected = active.marker_level(line, inline=inline) is not None
            assert active.opens_with_marker(line, inline=inline) == expected, line
        assert active.opens_with_lead(line) == (active.lead_byline(line) is not None), line


def _without_guard(pattern: str) -> str:
    """The pattern without the look-ahead it opens with (a guard said first so that most lines fail at
    once), found by counting brackets; a pattern opening with none comes back as it is."""
    if not pattern.startswith(("(?=", "(?!")):
        return pattern
    depth, i = 0, 0
    while i < len(pattern):
        if pattern[i] == "\\":  # an escaped character, whatever it is
            i += 2
            continue
        depth += {"(": 1, ")": -1}.get(pattern[i], 0)
        if depth == 0:
            return pattern[i + 1 :]
        i += 1
    raise AssertionError(f"unbalanced guard in {pattern!r}")


_SHIPPED = rules_module.rules()
_GUARDED = [p for p in (*_SHIPPED.chrome.patterns, *_SHIPPED.credits.patterns) if p != _without_guard(p)]


@settings(max_examples=600, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["青", "石", "记者", "摄", "影", "摄影", " ", "/", "、", "\n", "是否继续", "继续访问", "？"]
        )
        | st.text(alphabet="青石a1 /、，", max_size=40),
        max_size=12,
    )
)
@example(["青石", " ", "摄影"])
@example(["青石", "/", "摄"])
@example(["本报记者", " ", "青石", "、", "石青", " ", "摄影"])
@example(["青" * 30, "是否继续", "？"])
@example(["青" * 31, "是否继续"])
def test_a_guard_said_first_changes_no_line_its_pattern_matches(pieces):
    """A shipped chrome or credit pattern that opens with a look-ahead guard (a length, an ending the
    rest needs) matches exactly the lines it matches without it: short and long lines, the words the
    patterns look for, blanks and line breaks."""
    assert len(_GUARDED) >= 2
    line = "".join(pieces)
    for pattern in _GUARDED:
        guarded, plain = re.compile(pattern), re.compile(_without_guard(pattern))
        assert bool(guarded.fullmatch(line)) == bool(plain.fullmatch(line)), (pattern, line)
