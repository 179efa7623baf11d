"""Find the quantity mentions of one sentence: number, magnitude, measure word and qualifier words.

A mention is kept only when it quantifies something: it has a measure word or unit (104家, 23.6亿美元,
19.5%), or it is one of the fixed frames (第一 after 居, 翻番, 连续4年, 九连冠, 百亿级, 六成). Everything
else — dates, years, list markers, numbers inside names (22号线, PM2.5, G20), editions (第七届), slogans
(“四个服务”, 两区) — falls out, because it has no measure word or because exclusions.toml masks it.
"""

from __future__ import annotations

import re
import string
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from functools import cache, lru_cache
from typing import Any, NamedTuple

from briefing import regex_cache
from briefing.boundaries import CLAUSE_END
from briefing.facts.lexicon import MeasureWords, exclusions, measure_words
from briefing.facts.numbers import FULL_WIDTH_PAIRS, MULTIPLIERS, normalise, parse_number
from briefing.facts.tables import alternation
from briefing.facts.units import bare_unit, split_measure_word, unit_of

MASK = "□"
CN_NUMERALS = "零〇一二两三四五六七八九十百千万亿"
CN_CHARS = frozenset(CN_NUMERALS)
AR_REST = r"(?:,\d{3})*(?:\.\d+)?(?!\d|,\d)"
NUM_AR = rf"\d+{AR_REST}"
NUM_CN = f"[{CN_NUMERALS}]+"
NUM_FIRST = rf"[\d{CN_NUMERALS}](?:(?<=\d)\d*{AR_REST}|(?<!\d)[{CN_NUMERALS}]*)"
"""NUM_AR or NUM_CN written to open with the class of the characters a number starts with: a pattern
opening with a class is searched by the engine's tight scan for a character of that class, where one
opening otherwise (a look-ahead, an alternation) is entered at each position of the sentence. After the
first character, the lookbehinds take NUM_AR's rest after a digit, NUM_CN's after a Chinese numeral."""
LONE_NOT_COUNTS = frozenset("零〇一二百千万亿")
"""Single Chinese numerals that are not counts on their own: 零 (零部件), 一 (一批, 一站式), 二 (二次, 二期:
counting uses 两), and bare 百/千/万/亿 (千家万户) — unless a frame (上百个, 百亿级) takes them."""
RANK_VERBS = regex_cache.compile(
    r"(?:居|排名|排|列|位列|名列|升至|提升至|跃居|跃上|跻身|保持|位于)[^，,。；;]{0,10}$"
)
RANK_SCOPE = regex_cache.compile(r"(?:全国|全省|全市|全区|全球|世界|同类城市)$")
"""综合算力指数全国第一: a rank stated against its scope, without a verb."""
SCOPE_WIDTH = 4
OPEN_QUOTES = '“‘「『"《'
NUMERAL = regex_cache.compile(r"[\d０-９零〇一二两三四五六七八九十百千万亿首翻]")
LIST_NUMBER = regex_cache.compile(r"[\d一二三四五六七八九十]")
YEAR_LIKE = regex_cache.compile(r"(?:19|20)\d\d")
LATIN = frozenset(string.ascii_letters)
GLUED_BEFORE = frozenset(".-:/#第")
GLUED_LETTERS_BEFORE = LATIN | GLUED_BEFORE
GLUED_AFTER = frozenset(".-:/")
MULTIPLIER_CHARS = frozenset("万亿")
"""Characters a number is glued to when it belongs to a code, date or time (sets: an empty string, the
edge of the text, is in none)."""


KIND_FORMS = {"percent": "percent", "percentage_point": "percentage_point", "times": "multiple"}
"""The form (model kind frame) of a mention by its unit; any other unit is a count."""


@dataclass(slots=True)
class Mention:
    """One quantity in a sentence; offsets index the sentence text."""

    start: int  # start of raw (qualifier words included)
    end: int
    number_start: int
    value: Decimal
    unit: str
    measure_word: str = ""
    qualifier: str = "exact"
    form: str = "count"  # count | percent | percentage_point | rank | multiple | streak | magnitude | ordinal
    value_max: Decimal | None = None
    direction: str | None = None
    confidence: float = 1.0


@cache
def _pattern(name: str) -> re.Pattern[str]:
    """The finder's pattern called `name`, compiled when a text first needs it: a frame finder runs only
    where its trigger stands (第, 番, 每 …), and a short input never needs most of them (~5 ms of the
    ~0.18 s a one-line file costs, 每's pattern of every measure word twice alone 2.7 ms). Compiled
    through briefing.regex_cache, as are the cue patterns: a process after the first rebuilds them from
    the cached opcodes (~4 ms less a process, the first one ~5 ms more)."""
    return regex_cache.compile(_sources()[name])


@cache
def _sources() -> dict[str, str]:
    """The sources of the finders' patterns, by name (see `_pattern`)."""
    lex = measure_words()
    pre = alternation(set(lex.qualifiers_before))
    post = alternation({k for k in lex.qualifiers_after if len(k) > 1})
    num = f"(?:{NUM_AR}|{NUM_CN})"
    rounding = f"[{re.escape(lex.rounding)}]"  # 余, 多 after a number or its magnitude (千余家, 10多亿元)
    general = (
        f"(?P<num>{NUM_FIRST})(?:(?P<sep>[{re.escape(lex.range_signs)}])(?P<num2>{num}))?(?P<a1>{rounding})?"
        f"(?P<mult>万亿|万|亿|千)?(?P<a2>{rounding})?(?P<mw>{lex.pattern})?(?P<post>{post})?"
    )
    per = f"每(?P<den>{lex.pattern})(?P<num>{NUM_AR})(?P<mw>{lex.pattern})"
    return {
        "general": general,
        "pre": f"(?:{pre})$",
        "per": per,
        "rank": r"第\s*(?P<n>\d+|[一二三四五六七八九十]+)|(?P<first>首位|榜首)",
        "double": r"翻(?:了)?(?P<n>[一两二三])?番|翻倍|倍增",
        "percent_words": (r"(?P<pre>" + pre + r")?百分之(?P<n>[\d.]+|[零〇一二两三四五六七八九十]+)"),
        "streak": (
            r"连续(?P<n>\d+|[一二三四五六七八九十两]+)(?P<mw>年|个月|届|次)|(?P<n2>[一二三四五六七八九十两]+|\d+)连冠"
        ),
        "magnitude": r"(?P<n>[十百千]|\d+)?(?P<mult>万亿|万|亿)级",
        "major": r"(?<![一二三四五六七八九十])(?P<n>[两三四五六七八九]|十[一二三四五六七八九]?)大",
    }


class _Written(NamedTuple):
    """What reading a number needs to know of one written measure word of the lexicon."""

    magnitude: str  # 亿 of 亿元 (units.split_measure_word), else ""
    form: str  # the unit form without it: 元
    factor: int | None  # 成 is a tenth: 六成 is 60 percent (data/measure_words.toml factors)
    unit: str | None  # its unit token, None where the counted noun decides (家, 个: unit_of)
    always_fits: bool  # neither framed, nor a factor, nor ambiguous after a year (_measure_word_fits)


@dataclass(frozen=True, slots=True)
class _Tables:
    """What finding the plain quantities of a sentence reads, made once a process (`_tables`): one look-up
    a sentence instead of a cached call for each pattern and table."""

    lex: MeasureWords
    masks: re.Pattern[str]  # spans never read as quantities (lexicon.exclusions)
    cues: re.Pattern[str]  # see _cues
    frame_cues: re.Pattern[str]  # see _frame_cues
    general: re.Pattern[str]
    pre: re.Pattern[str]  # a qualifier word ending where a number starts
    pre_ends: frozenset[str]  # the characters a qualifier before a number ends with
    written: dict[str, _Written]  # every written form the general pattern's measure word matches
    streaks: frozenset[str]  # the measure words of a streak (年 of 连续5年): none after a plain number


@cache
def _tables() -> _Tables:
    """The tables of `_Tables`, from the lexicon; every measure word read once, as the functions that
    read a figure (split_measure_word, unit_of, _measure_word_fits) would read it."""
    lex = measure_words()
    written = {}
    for word in lex.units:  # the general pattern's measure words: every written form of the lexicon
        magnitude, form = split_measure_word(word)
        fits = word not in lex.framed and word not in lex.factors and word not in lex.ambiguous_after_year
        fixed = None if form in lex.nouns_of else lex.units.get(form, "unit")  # what unit_of would give
        written[word] = _Written(magnitude, form, lex.factors.get(form), fixed, fits)
    return _Tables(
        lex=lex,
        masks=exclusions().masks,
        cues=_cues(lex),
        frame_cues=_frame_cues(),
        general=_pattern("general"),
        pre=_pattern("pre"),
        # the line break `$` may stand before; a number after any other has no qualifier, and most have none
        pre_ends=frozenset(word[-1] for word in lex.qualifiers_before if word) | {"\n"},
        written=written,
        streaks=frozenset(word for word, frame in lex.framed.items() if frame == "streak"),
    )


def _mask(match: re.Match[str]) -> str:
    """An excluded span masked: as many MASK as it has characters, so offsets stay valid."""
    return MASK * (match.end() - match.start())


def find_quantities(text: str) -> list[Mention]:
    """Every quantity mention of `text` in order of position."""
    tables = _tables()
    cue = tables.cues.search(text)
    if cue is None or (cue.group("frame") is not None and not NUMERAL.search(text)):
        return []  # no number a plain quantity starts with, nor a frame with a numeral in the sentence
    # the sentence with full-width signs folded and excluded spans replaced by MASK (same length)
    masked = normalise(text)
    if tables.masks.search(masked) is not None:  # most sentences hold none
        masked = tables.masks.sub(_mask, masked)
    cue = tables.frame_cues.search(masked)
    if cue is None:  # most sentences: no frame, only plain numbers
        return _general(masked)
    cued = {m.lastindex for m in tables.frame_cues.finditer(masked, cue.start()) if m.lastindex}
    taken = [False] * len(masked)  # the characters frames took
    found: list[Mention] = []
    for number in sorted(cued):  # in the order of FRAME_FINDERS
        for mention in FRAME_FINDERS[number - 1][0](masked):
            if not any(taken[mention.start : mention.end]):
                found.append(mention)
                taken[mention.start : mention.end] = [True] * (mention.end - mention.start)
    if not found:  # a trigger word, and no frame (第一季度): the plain numbers alone
        return _general(masked)
    found += _general(masked, taken)
    found.sort(key=lambda m: m.start)
    return found


def _cues(lex: MeasureWords) -> re.Pattern[str]:
    """Where a quantity can stand. A plain quantity (`_general`): a numeral, Arabic or Chinese, right
    before what can follow the number of a quantity `_general` keeps — a range sign, 余/多, a magnitude
    (万, 亿, 千) or the first character of a measure word other than a streak's (2025年 alone is a
    date). A frame: a trigger word of a frame finder (group `frame`), which finds something only in a
    sentence holding a NUMERAL. At one place the plain quantity is tried first, so the first match is
    a frame only where no plain quantity stands before it.

    A number ends with a numeral (a Chinese one with its magnitude in the run: 三十万), and what makes
    it a quantity stands right after it. Masking and folding full-width signs only replace characters,
    so the pair stands in the sentence as written too (a folded sign in its full-width form). Sentences
    of words like 一些, 统一 and 进一步, of dates and list markers only, are dropped before the masking
    and the searches of the full path. The pattern opens with a class, which the engine scans for in
    one tight loop; lookbehinds on that character pick the alternatives."""
    measures = {written[0] for written in lex.units if lex.framed.get(written) != "streak"}
    follow = set(lex.range_signs + lex.rounding) | {magnitude[0] for magnitude in MULTIPLIERS} | measures
    follow |= {wide for wide, ascii in FULL_WIDTH_PAIRS if ascii in follow}
    triggers = [trigger for _, words in FRAME_FINDERS for trigger in words]
    firsts = sorted(set(CN_NUMERALS) | {trigger[0] for trigger in triggers})
    frame = _after_first(triggers)
    plain = rf"(?<=[\d{CN_NUMERALS}])[{re.escape(''.join(sorted(follow)))}]"
    return regex_cache.compile(rf"[\d{''.join(firsts)}](?:{plain}|(?P<frame>{frame}))")


def _among(char: str, chars: str) -> bool:
    """`char` is one of `chars` (an empty string is not)."""
    return bool(char) and char in chars


# A clause of real text is far shorter; the bound keeps a punctuation-free run of text (a 1 MB line
# without a comma) from making the work per fact grow with the length of the run.
MAX_CLAUSE = 200


def clause_start(text: str, at: int) -> int:
    """Start of the clause (between commas and stops) holding position `at`, at most MAX_CLAUSE back."""
    stops = _clause_stops(text)
    start = stops[bisect_left(stops, at) - 1] + 1
    return start if start > at - MAX_CLAUSE else at - MAX_CLAUSE


@lru_cache(maxsize=64)
def _clause_stops(text: str) -> tuple[int, ...]:
    """Positions of the clause stops of `text`, after a -1 sentinel (every fact of a sentence asks)."""
    return (-1, *(m.start() for m in CLAUSE_END.finditer(text)))


LAST_STOP = regex_cache.compile(f"(?s:.*){CLAUSE_END.pattern}")
"""A span up to its last clause stop: matched over the few characters before a number, it finds where
the number's clause begins without listing the stops of the whole sentence. The stops are
`clause_start`'s (CLAUSE_END), searched backwards instead of listed."""


def _clause_before(text: str, at: int, limit: int = 40) -> str:
    """The words before position `at` in its clause, at most `limit` characters of them."""
    low = max(0, at - limit)
    last = LAST_STOP.match(text, low, at)
    return text[last.end() if last else low : at]


def _ranks(text: str):
    lex = measure_words()
    for m in _pattern("rank").finditer(text):
        value = Decimal(1) if m.group("first") else parse_number(m.group("n"))
        if value is None or value == 0:
            continue
        after = text[m.end() : m.end() + 1]
        listed = after == "、" and LIST_NUMBER.match(text, m.end() + 1, m.end() + 2)
        scope = RANK_SCOPE.search(text, max(0, m.start() - SCOPE_WIDTH), m.start())
        ranked = RANK_VERBS.search(_clause_before(text, m.start())) or scope
        if ranked and not listed and after != MASK:
            yield Mention(m.start(), m.end(), m.start(), value, "rank", form="rank")
        elif (
            m.group("n") and after in lex.ordinal_counts and not _among(text[m.end() + 1 : m.end() + 2], "、")
        ):
            end = m.end() + 1
            yield Mention(
                m.start(), end, m.start(), value, lex.units.get(after, "unit"), after, form="ordinal"
            )


def _doublings(text: str):
    powers = {None: 1, "一": 1, "两": 2, "二": 2, "三": 3}
    for m in _pattern("double").finditer(text):
        value = Decimal(2) ** powers[m.group("n")]  # 翻番, 翻倍, 倍增: twice; 翻两番: four times
        yield Mention(m.start(), m.end(), m.start(), value, "times", form="multiple", direction="up")


def _percent_words(text: str):
    for m in _pattern("percent_words").finditer(text):
        raw = m.group("n").replace("点", ".")
        value = parse_number(raw)
        if value is not None:
            qualifier = measure_words().qualifiers_before.get(m.group("pre") or "", "exact")
            yield Mention(m.start(), m.end(), m.start("n") - 3, value, "percent", "%", qualifier, "percent")


def _streaks(text: str):
    units = {"年": "year", "个月": "month", "届": "times", "次": "times"}
    for m in _pattern("streak").finditer(text):
        digits = m.group("n") or m.group("n2")
        value = parse_number(digits)
        if value is None:
            continue
        written = m.group("mw") or "连冠"
        unit = units.get(written, "times")
        yield Mention(m.start(), m.end(), m.start(), value, unit, written, form="streak")


def _magnitudes(text: str):
    for m in _pattern("magnitude").finditer(text):
        base = parse_number(m.group("n")) if m.group("n") else Decimal(1)  # 万亿级: a trillion
        if base is None or (not m.group("n") and m.group("mult") != "万亿"):
            continue  # 亿级 alone states no magnitude
        value = base * MULTIPLIERS[m.group("mult")]
        yield Mention(
            m.start(), m.end(), m.start(), value, "CNY", m.group("mult") + "级", "about", "magnitude"
        )


def _majors(text: str):
    """三大计划, 五大行动: a small count written with 大 instead of a measure word, before a Chinese
    character (the noun). That character is tested here, not by a look-ahead in the pattern: Python's
    re builds a class of the CJK range code point by code point (~0.7 ms a process), and no match can
    start inside a match that the test drops (a numeral before it, or 大)."""
    for m in _pattern("major").finditer(text):
        if not "\u4e00" <= text[m.end() : m.end() + 1] <= "\u9fff":
            continue
        value = parse_number(m.group("n"))
        if value is not None and not _among(text[m.start() - 1 : m.start()], OPEN_QUOTES):
            yield Mention(m.start(), m.end(), m.start(), value, "unit")


def _per_unit(text: str):
    units = measure_words().units
    for m in _pattern("per").finditer(text):
        value = parse_number(m.group("num"))
        numerator, denominator = units.get(m.group("mw")), units.get(m.group("den"))
        if value is None or not numerator or not denominator:
            continue
        written = f"{m.group('mw')}/{m.group('den')}"
        yield Mention(m.start(), m.end(), m.start("num"), value, f"{numerator}_per_{denominator}", written)


def _general(text: str, taken: list[bool] | None = None) -> list[Mention]:
    """The plain numbers of `text` (number, magnitude, measure word, qualifiers) in order of position,
    none overlapping the one kept before it or a span `taken` by a frame. Matches come in order of
    position, so a mention overlaps one kept before only if it starts before the end of the last one
    kept (a qualifier word before a number can reach into the mention before it)."""
    tables = _tables()
    found: list[Mention] = []
    end = 0
    for m in tables.general.finditer(text):
        groups = m.groups()  # num, sep, num2, a1, mult, a2, mw, post
        if not groups[4] and (not groups[6] or groups[6] in tables.streaks):
            continue  # a bare number (list marker, 2025年, 一批) quantifies nothing: the common case, first
        mention = _read_general(text, m, groups, tables)
        if mention is None or mention.start < end:
            continue
        if taken is not None and any(taken[mention.start : mention.end]):
            continue
        found.append(mention)
        end = mention.end
    return found


def _read_general(
    text: str, m: re.Match[str], groups: tuple[str | Any, ...], tables: _Tables
) -> Mention | None:
    """The mention of one match of the general pattern (`groups`: its groups in order, `m.groups()`, each
    a str or None where it did not match; `num` always does), None when the number is not a quantity."""
    numeral, _, numeral2, a1, mult, a2, written, post = groups
    mult = mult or ""
    number_start = start = m.start(1)
    before_char = text[number_start - 1] if number_start else ""
    # numbers glued to letters, digits, dots or separators belong to codes, dates and times
    if before_char in GLUED_LETTERS_BEFORE or before_char.isdigit():
        return None
    after_end = m.end()
    after_char = text[after_end : after_end + 1]
    if not written and (after_char in LATIN or after_char in GLUED_AFTER):
        return None
    if (mult and after_char in MULTIPLIER_CHARS) or (after_char == "." and not written):
        return None  # 3万万, 1..2
    chinese = numeral[0] in CN_CHARS
    pre = ""
    if before_char in tables.pre_ends:
        qualifier_before = tables.pre.search(text, max(0, start - 3), start)
        if qualifier_before and (qualifier_before.group() != "上" or (chinese and numeral[0] in "百千万")):
            pre = qualifier_before.group()
            start -= len(pre)
    confidence = 0.5 if before_char == "," and text[number_start - 2 : number_start - 1].isdigit() else 1.0
    if chinese:
        round_count = pre == "上" or a1 or a2  # 上百个, 千余家, 百多个
        if _among(before_char, OPEN_QUOTES) or (numeral in LONE_NOT_COUNTS and not round_count):
            return None
        if len(numeral) == 1 and numeral in "万亿":
            return None
    # ASCII digits with an optional decimal part, most numbers, are read here as parse_number reads them
    value = Decimal(numeral) if numeral.isascii() and "," not in numeral else parse_number(numeral)
    if value is None:
        return None
    value_max = None
    if numeral2:
        value_max = parse_number(numeral2)
        if value_max is None:
            return None
    if mult:
        value *= MULTIPLIERS[mult]
        value_max = value_max * MULTIPLIERS[mult] if value_max is not None else None
    lex = tables.lex
    measure = tables.written[written] if written else None
    if measure and not measure.always_fits and not _measure_word_fits(text, m, written, chinese, lex):
        measure = None
    if measure is None:
        return _bare(text, m, start, value, _qualifier(pre, post, a1, a2, lex), mult)
    if measure.magnitude:  # 亿元 matched as one written form
        value *= MULTIPLIERS[measure.magnitude]
    if measure.factor is not None:  # 六成: 60 percent
        value *= measure.factor
        value_max = value_max * measure.factor if value_max is not None else None
    # the words before the number decide only between the nouns a measure word may count (家: firm or
    # body); the text after it reaches past 以上/左右, which name no noun
    unit = measure.unit or unit_of(
        measure.form, lambda: _clause_before(text, start), text[after_end : after_end + 20]
    )
    return Mention(
        start,
        after_end,  # the end of the measure word, or of the qualifier word after it
        number_start,
        value,
        unit,
        mult + written,
        _qualifier(pre, post, a1, a2, lex) if post or a1 or a2 else lex.qualifiers_before.get(pre, "exact"),
        KIND_FORMS.get(unit, "count"),
        value_max,
        confidence=confidence,
    )


def _measure_word_fits(text: str, m: re.Match[str], written: str, chinese: bool, lex: MeasureWords) -> bool:
    """Whether the measure word after the number really counts it (年 only in 连续N年, 级 only after a small
    Chinese numeral, no 人 after a year-like 2025 that starts a name: 2025人艺之友日)."""
    framed = lex.framed.get(written)
    if framed == "streak":
        return False
    if framed == "tier" and not chinese:
        return False
    if written in lex.factors and not (chinese or "." in m.group("num")):
        return written != "成" or chinese
    if written not in lex.ambiguous_after_year or chinese or m.group("mult"):
        return True
    if not YEAR_LIKE.fullmatch(m.group("num")):
        return True
    after = "" if m.group("post") else text[m.end("mw") : m.end("mw") + 1]  # 2000个以上 is a count
    return not (after and "\u4e00" <= after <= "\u9fff")


def _bare(
    text: str, m: re.Match[str], start: int, value: Decimal, qualifier: str, mult: str
) -> Mention | None:
    """A number with 万/亿 and no measure word: a fact only when the noun before it names the unit."""
    if not mult or exclusions().name_suffixes.match(text, m.end("mult")):
        return None
    unit = bare_unit(_clause_before(text, start))
    if unit is None:
        return None
    end = m.end("a2") if m.group("a2") else m.end("mult")
    return Mention(start, end, m.start("num"), value, unit, mult, qualifier, confidence=0.9)


def _qualifier(pre: str, post: str | None, a1: str | None, a2: str | None, lex: MeasureWords) -> str:
    """The qualifier of a number: a word after it (以上, 余 …) before a word before it (约, 超 …)."""
    for word in (post, a1, a2):
        if word and word in lex.qualifiers_after:
            return lex.qualifiers_after[word]
    return lex.qualifiers_before.get(pre, "exact")


FRAME_FINDERS = (
    (_ranks, ("第", "首位", "榜首")),
    (_doublings, ("番", "翻倍", "倍增")),
    (_percent_words, ("百分之",)),
    (_streaks, ("连续", "连冠")),
    (_magnitudes, ("万级", "亿级")),
    (_majors, tuple(numeral + "大" for numeral in "一二两三四五六七八九十")),
    (_per_unit, ("每",)),
)
"""Frame finders, tried in order before the plain numbers of `_general`, each only where one of its
trigger words stands in the sentence: text every match of the finder holds (万级 in 百亿级 … 万亿级, a
numeral before 大 in 三大, 十一大). Plain substring tests, far cheaper than a search: most sentences
hold none of these words. A word added to a finder's pattern needs its trigger here: a test reads every
branch of each pattern (`re`'s parse) and fails where a way through it spells none."""


def _frame_cues() -> re.Pattern[str]:
    """One pattern for the trigger words of every frame finder: a match's `lastindex` is the number of the
    finder (from 1) whose trigger starts there. A sentence is scanned once for all of them instead of once
    a trigger word. The pattern opens with the class of the triggers' first characters, which the engine
    scans for in one tight loop; a lookbehind on that character picks the finder's triggers."""
    firsts = sorted({trigger[0] for _, triggers in FRAME_FINDERS for trigger in triggers})
    groups = "|".join(f"({_after_first(triggers)})" for _, triggers in FRAME_FINDERS)
    return regex_cache.compile(f"[{re.escape(''.join(firsts))}](?:{groups})")


def _after_first(words: Iterable[str]) -> str:
    """A pattern matching, right after the first character of one of `words`, the rest of that word: a
    lookbehind on the first character, one for the words sharing a rest (三大, 五大 …: `(?<=[三五])大`),
    the lookbehind on a class first so that a character no word starts with fails at once."""
    firsts_by_rest: dict[str, set[str]] = {}
    for word in words:
        firsts_by_rest.setdefault(word[1:], set()).add(word[0])
    every_first = re.escape("".join(sorted({word[0] for word in words})))
    branches = "|".join(
        f"(?<=[{re.escape(''.join(sorted(firsts)))}]){re.escape(rest)}"
        for rest, firsts in sorted(firsts_by_rest.items())
    )
    return f"(?<=[{every_first}])(?:{branches})"
