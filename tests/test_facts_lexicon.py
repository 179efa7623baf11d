"""The extractor's data files compiled into patterns (briefing/facts/lexicon.py)."""

from __future__ import annotations

import re
from collections.abc import Iterable

import pytest
from hypothesis import given
from hypothesis import strategies as st

from briefing.facts.lexicon import _leading_chars, exclusions, periods
from briefing.facts.tables import TailWords, read_toml


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


def required_chars(pattern: str) -> frozenset[str] | None:
    """Characters of which every match of `pattern` holds at least one (今年|上年 → 年), or None when the
    pattern's structure does not tell. Read from the parse `re` compiles from (its internal `_parser`:
    a test may lean on it; if it changes shape, this helper's own tests below fail)."""
    from re import _parser

    parsed = _parser.parse(pattern)
    return None if parsed.state.flags & re.IGNORECASE else _needed(parsed)


def _needed(items) -> frozenset[str] | None:
    """Of a sequence a match passes through part by part: the smallest set one part needs, the last of
    equal ones (time words end alike: 今年, 上年, 过去五年 all need 年)."""
    best = None
    for op, arg in items:
        found = _needed_by(str(op), arg)
        if found is not None and (best is None or len(found) <= len(best)):
            best = found
    return best


def _needed_by(op: str, arg) -> frozenset[str] | None:
    if op == "LITERAL":
        return frozenset(chr(arg))
    if op == "IN":  # a class of plain characters, not negated
        listed = [chr(value) for kind, value in arg if str(kind) == "LITERAL"]
        return frozenset(listed) if len(listed) == len(arg) else None
    if op == "SUBPATTERN":
        return _needed(arg[-1])
    if op == "BRANCH":
        branches = [found for found in map(_needed, arg[1]) if found is not None]
        return frozenset().union(*branches) if len(branches) == len(arg[1]) else None
    if op in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
        least, _most, repeated = arg
        return _needed(repeated) if least >= 1 else None
    return None  # assertions, anchors, any character, ranges, categories: no character they must hold


def test_required_characters_are_those_every_match_passes_through():
    assert required_chars("前(?P<n>[一二三])季度") == {"度"}  # of equal sets, the last
    assert required_chars("(?:过去|近)[二三]{1,2}年|[二三]年(?:间|来)") == {"年"}
    assert required_chars("甲乙|丙[丁戊]") == {"乙", "丙"}  # a single character beats a class
    assert required_chars("七?星") == {"星"}


def test_patterns_that_need_no_particular_character_give_none():
    for pattern in ("七?|八", "[^东]", "[0-9]", ".", "(?i)ab", "星*", "(?=年)"):
        assert required_chars(pattern) is None, pattern


def test_every_time_marker_needs_one_of_the_marker_cues():
    """periods.toml's `marker_cues` let a text without them skip every marker: each marker must need one."""
    cues = set(read_toml("periods.toml")["marker_cues"])
    for marker in periods().markers:
        needed = required_chars(marker.pattern.pattern)
        assert needed is not None and needed <= cues, (marker.pattern.pattern, needed)


def first_chars(pattern: str) -> frozenset[str] | None:
    """Characters a match of `pattern` can start with ("\\d" for a digit), or None when the pattern's
    structure does not tell or it may match an empty text. Read from `re`'s parse, as `required_chars`."""
    from re import _parser

    parsed = _parser.parse(pattern)
    if parsed.state.flags & re.IGNORECASE:
        return None
    found, empty = _first(parsed)
    return None if found is None or empty else found


def _first(items) -> tuple[frozenset[str] | None, bool]:
    """(characters the sequence can start with, whether it may match nothing)."""
    chars: frozenset[str] = frozenset()
    for op, arg in items:
        found, empty = _first_of(str(op), arg)
        if found is None:
            return None, False
        chars |= found
        if not empty:
            return chars, False
    return chars, True


def _as_start(char: str) -> str:
    return "\\d" if char.isdigit() else char


def _digits(kind: str, value) -> bool:
    """A class item standing for digits only: a range of digits (1-4) or the category (\\d)."""
    if kind == "RANGE":
        return all(chr(v).isdigit() for v in value)
    return kind == "CATEGORY" and str(value) == "CATEGORY_DIGIT"


def _first_of(op: str, arg) -> tuple[frozenset[str] | None, bool]:
    if op == "LITERAL":
        return frozenset({_as_start(chr(arg))}), False
    if op == "IN":
        chars = set()
        for kind, value in arg:
            if str(kind) == "LITERAL":
                chars.add(_as_start(chr(value)))
            elif _digits(str(kind), value):
                chars.add("\\d")
            else:
                return None, False  # a negated class, a wide range, another category
        return frozenset(chars), False
    if op == "SUBPATTERN":
        return _first(arg[-1])
    if op == "BRANCH":
        found = [_first(branch) for branch in arg[1]]
        if any(chars is None for chars, _ in found):
            return None, False
        return frozenset().union(*(chars for chars, _ in found)), any(empty for _, empty in found)
    if op in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
        least, _most, repeated = arg
        found, empty = _first(repeated)
        return found, empty or least == 0
    if op in ("ASSERT", "ASSERT_NOT", "AT"):
        return frozenset(), True  # takes no character: the match starts with what follows
    return None, False


def test_first_characters_are_those_a_match_can_open_with():
    assert first_chars("(?<![比较])(?:第)?[一二1-4]季度") == {"第", "一", "二", "\\d"}
    assert first_chars("(?:今年|本年)?前[一二]月") == {"今", "本", "前"}
    assert first_chars('[“"]?十五') == {"“", '"', "十"}
    for pattern in ("七?", "[^东]环", ".环", "(?i)ab", "\\w年"):
        assert first_chars(pattern) is None, pattern


def every_match_holds(pattern: str, words: Iterable[str]) -> bool:
    """Whether every match of `pattern` holds one of `words`, as far as its structure tells: a run of its
    parts spells only texts holding one (翻(?:了)?[一两]?番 → 翻番, 翻了一番 …: 番), or every branch of an
    alternation it passes through does. False where the structure does not tell. Read from `re`'s
    parse, as `required_chars`."""
    from re import _parser

    parsed = _parser.parse(pattern)
    return not parsed.state.flags & re.IGNORECASE and _holds(parsed, tuple(words))


SPELLINGS_CAP = 10_000
"""More texts than this for a run of parts: its spellings are not listed (the run does not tell)."""


def _holds(items, words: tuple[str, ...]) -> bool:
    """Of a sequence: one of its parts holds a word in every match, or a run of parts with few spellings
    spells only texts that hold one."""
    run: set[str] | None = {""}
    for op, arg in [*items, (None, None)]:  # the end closes the last run
        spelt = _spellings(str(op), arg) if op is not None else None
        if spelt is not None and len(run) * len(spelt) <= SPELLINGS_CAP:
            run = {a + b for a in run for b in spelt}
            continue
        if run and all(any(word in text for word in words) for text in run):
            return True
        if op is not None and _part_holds(str(op), arg, words):
            return True
        run = set(spelt) if spelt is not None else {""}
    return False


def _part_holds(op: str, arg, words: tuple[str, ...]) -> bool:
    if op == "SUBPATTERN":
        return _holds(arg[-1], words)
    if op == "BRANCH":
        return all(_holds(branch, words) for branch in arg[1])
    if op in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
        least, _most, repeated = arg
        return least >= 1 and _holds(repeated, words)
    return False


def _spellings(op: str, arg) -> frozenset[str] | None:
    """Every text a part can match, when they are few and plain (None otherwise); a look-around or an
    anchor takes no character ("")."""
    if op == "LITERAL":
        return frozenset({chr(arg)})
    if op == "IN":  # a class of plain characters, not negated
        listed = [chr(value) for kind, value in arg if str(kind) == "LITERAL"]
        return frozenset(listed) if len(listed) == len(arg) else None
    if op in ("ASSERT", "ASSERT_NOT", "AT"):
        return frozenset({""})
    if op == "SUBPATTERN":
        return _sequence_spellings(arg[-1])
    if op == "BRANCH":
        found = [_sequence_spellings(branch) for branch in arg[1]]
        return None if any(f is None for f in found) else frozenset().union(*found)
    if op in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") and arg[:2] in ((0, 1), (1, 1)):
        found = _sequence_spellings(arg[2])
        return None if found is None else found | ({""} if arg[0] == 0 else set())
    return None


def _sequence_spellings(items) -> frozenset[str] | None:
    texts = {""}
    for op, arg in items:
        spelt = _spellings(str(op), arg)
        if spelt is None or len(texts) * len(spelt) > SPELLINGS_CAP:
            return None
        texts = {a + b for a in texts for b in spelt}
    return frozenset(texts)


def test_a_pattern_holds_a_word_where_each_way_through_it_spells_one():
    assert every_match_holds("翻(?:了)?(?P<n>[一两二三])?番|翻倍|倍增", ["番", "翻倍", "倍增"])
    assert every_match_holds(r"(?P<n>[十百千]|\d+)?(?:万亿|万|亿)级", ["万级", "亿级"])
    assert every_match_holds(r"第\s*(?:\d+|[一二]+)|(?:首位|榜首)", ["第", "首位", "榜首"])
    assert every_match_holds(r"(?<![一二])(?:[两三]|十[一二]?)大", ["一大", "二大", "两大", "三大", "十大"])
    assert every_match_holds(r"(?:\d+连冠)+", ["连冠"])


def test_a_pattern_with_a_way_through_it_that_spells_no_word_does_not_hold_it():
    assert not every_match_holds("第|(?:首位|榜首|居首)", ["第", "首位", "榜首"])  # 居首
    assert not every_match_holds("翻(?:了)?[一两]?番|翻倍", ["番"])  # 翻倍
    assert not every_match_holds(r"(?:万亿|万|亿)级", ["万亿级"])  # 万级
    assert not every_match_holds(r"连\w", ["连续"])  # the structure does not tell
    assert not every_match_holds(r"(?:\d+连冠)*", ["连冠"])  # an empty match holds nothing
    assert not every_match_holds("(?i)ab", ["ab"])


def test_every_time_marker_opens_with_one_of_the_marker_starts():
    """periods.toml's `marker_starts` guard the search for any time word: each marker must open with one."""
    from briefing.facts.lexicon import _class_chars

    starts = _class_chars(read_toml("periods.toml")["marker_starts"])
    for marker in periods().markers:
        opening = first_chars(marker.pattern.pattern)
        assert opening is not None and opening <= starts, (marker.pattern.pattern, opening - starts)


MARKER_TEXT = st.text(
    alphabet="今本年前三季度第1２-至月上半十五“”期间过去近这来份底以累计比较同上7年度工作，。甲", max_size=24
)


@given(MARKER_TEXT, st.integers(min_value=0, max_value=24))
def test_the_guarded_time_word_search_finds_what_the_plain_alternation_finds(text: str, at: int) -> None:
    guarded = periods().any_marker
    assert guarded.pattern.startswith("(?=["), "the time-word search lost its guard"
    plain = re.compile(guarded.pattern[guarded.pattern.index("])") + 2 :])
    found, expected = guarded.search(text, at), plain.search(text, at)
    assert (found and found.span()) == (expected and expected.span())
    found, expected = guarded.match(text, at), plain.match(text, at)
    assert (found and found.span()) == (expected and expected.span())


def test_the_marker_quick_test_passes_every_time_word_and_skips_clauses_without_one():
    lex = periods()
    assert lex.marker_cues is not None
    for clause in ("过去三年，", "今年以来", "前三季度", "“十五五”期间", "累计新建", "9月份", "2031年"):
        assert lex.any_marker.search(clause), clause
        assert lex.may_mark(clause), clause
    assert not lex.may_mark("新建公园绿地12处，")


TAIL = r"(?:同比|比上年)*(?:增长|增速|长)$"
"""An invented tail pattern: words of shared characters, a run of one part, then one of another."""


@given(st.text(alphabet="同比上年增长速快。\n", max_size=14))
def test_a_tail_pattern_tried_from_its_last_run_strips_what_the_plain_pattern_strips(text: str) -> None:
    assert TailWords(TAIL).cut(text) == re.compile(TAIL).sub("", text)


def test_a_tail_pattern_keeps_text_before_its_run_and_refuses_a_character_class() -> None:
    tail = TailWords(TAIL)
    assert tail.cut("某某产量同比增长") == "某某产量"
    assert tail.cut("增长率") == "增长率"  # the run must reach the end
    assert tail.cut("增长\n") == "\n"
    assert TailWords("(?:至:)+$").cut("甲至:至:") == "甲"  # a colon in a word is a character of it
    with pytest.raises(ValueError):
        TailWords(r"[增减]+$")


UNREADABLE_TAILS = ["(?i)(?:ab)+$", "(?:ab)+(?=$)", "(?P<w>增长)$", "(?:增长){2}$", "^增长$"]


@pytest.mark.parametrize("pattern", UNREADABLE_TAILS)
def test_a_tail_pattern_it_cannot_try_from_its_last_run_is_refused(pattern: str) -> None:
    """A flag, a lookaround, a named group, a count or `^`: the pattern would be read wrongly
    (`(?i)(?:ab)+$` strips `xAB` to `x`, while its written characters cannot start before `AB`)."""
    with pytest.raises(ValueError):
        TailWords(pattern)
    assert TailWords("(?:ab)+$").cut("xabab") == "x"  # `(?:` alone is a group, not a flag


@given(st.text(alphabet="达到至为增长率\n", max_size=12))
def test_tail_words_strip_any_run_of_the_words_at_the_end(text: str) -> None:
    words = ["达到", "至", "增长至", "为"]
    assert TailWords.any_of(words).cut(text) == re.sub("(?:达到|至|增长至|为)+$", "", text)


def test_tail_words_are_plain_words() -> None:
    assert TailWords.any_of(["达到", "为"]).cut("某某产量为达到") == "某某产量"
    for word in ("达?", "至|为", "", "约 "):
        with pytest.raises(ValueError):
            TailWords.any_of(["达到", word])


def test_a_base_span_always_names_its_year():
    """A text without 年 is not searched for a base span (从2020年的…): each of its matches must hold one."""
    assert required_chars(read_toml("periods.toml")["base_span"]) == {"年"}
