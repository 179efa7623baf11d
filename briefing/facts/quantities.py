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
from dataclasses import dataclass
from decimal import Decimal
from functools import cache, lru_cache

from briefing.boundaries import CLAUSE_END
from briefing.facts.lexicon import exclusions, measure_words
from briefing.facts.numbers import MULTIPLIERS, normalise, parse_number
from briefing.facts.tables import alternation
from briefing.facts.units import bare_unit, split_measure_word, unit_of

MASK = "□"
NUM_AR = r"\d+(?:,\d{3})*(?:\.\d+)?(?!\d|,\d)"
NUM_CN = r"[零〇一二两三四五六七八九十百千万亿]+"
CN_CHARS = frozenset("零〇一二两三四五六七八九十百千万亿")
NUM_START = r"(?=[\d零〇一二两三四五六七八九十百千万亿])"
"""A character a number starts with (NUM_AR or NUM_CN), looked ahead for: the engine tests one class at
each position of the sentence instead of entering the pattern's alternatives there."""
LONE_NOT_COUNTS = frozenset("零〇一二百千万亿")
"""Single Chinese numerals that are not counts on their own: 零 (零部件), 一 (一批, 一站式), 二 (二次, 二期:
counting uses 两), and bare 百/千/万/亿 (千家万户) — unless a frame (上百个, 百亿级) takes them."""
RANK_VERBS = re.compile(r"(?:居|排名|排|列|位列|名列|升至|提升至|跃居|跃上|跻身|保持|位于)[^，,。；;]{0,10}$")
RANK_SCOPE = re.compile(r"(?:全国|全省|全市|全区|全球|世界|同类城市)$")
"""综合算力指数全国第一: a rank stated against its scope, without a verb."""
SCOPE_WIDTH = 4
OPEN_QUOTES = '“‘「『"《'
NUMERAL = re.compile(r"[\d０-９零〇一二两三四五六七八九十百千万亿首翻]")
LIST_NUMBER = re.compile(r"[\d一二三四五六七八九十]")
YEAR_LIKE = re.compile(r"(?:19|20)\d\d")
LATIN = frozenset(string.ascii_letters)
GLUED_BEFORE = frozenset(".-:/#第")
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
    ~0.18 s a one-line file costs, 每's pattern of every measure word twice alone 2.7 ms)."""
    return re.compile(_sources()[name])


@cache
def _sources() -> dict[str, str]:
    """The sources of the finders' patterns, by name (see `_pattern`)."""
    lex = measure_words()
    pre = alternation(set(lex.qualifiers_before))
    post = alternation({k for k in lex.qualifiers_after if len(k) > 1})
    num = f"(?:{NUM_AR}|{NUM_CN})"
    general = (
        f"{NUM_START}(?P<num>{num})(?:(?P<sep>[-~—–至到])(?P<num2>{num}))?(?P<a1>余|多)?"
        f"(?P<mult>万亿|万|亿|千)?(?P<a2>余|多)?(?P<mw>{lex.pattern})?(?P<post>{post})?"
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
        "major": (
            r"(?<![一二三四五六七八九十])(?P<n>[两三四五六七八九]|十[一二三四五六七八九]?)大(?=[\u4e00-\u9fff])"
        ),
    }


@cache
def _pre_ends() -> frozenset[str]:
    """The characters a qualifier before a number ends with (约, 超, 近, 不少于 …), and the line break `$`
    may stand before: a number after any other has no qualifier, and most have none."""
    return frozenset(word[-1] for word in measure_words().qualifiers_before if word) | {"\n"}


def masked_text(text: str) -> str:
    """`text` with full-width signs folded and excluded spans replaced by MASK (same length)."""
    norm = normalise(text)
    return exclusions().masks.sub(lambda m: MASK * len(m.group()), norm)


def find_quantities(text: str) -> list[Mention]:
    """Every quantity mention of `text` in order of position."""
    if not NUMERAL.search(text):
        return []
    masked = masked_text(text)
    taken: list[bool] = []  # the characters frames took; made only once a frame trigger is there
    found: list[Mention] = []
    for finder, triggers in FRAME_FINDERS:
        for trigger in triggers:
            if trigger in masked:
                break
        else:
            continue
        taken = taken or [False] * len(masked)
        for mention in finder(masked):
            if not any(taken[mention.start : mention.end]):
                found.append(mention)
                taken[mention.start : mention.end] = [True] * (mention.end - mention.start)
    if not found:  # most sentences: only plain numbers, found in order and never overlapping but by a
        return _plain(masked)  # qualifier word before one reaching into the mention before it
    for mention in _general(masked):
        if not any(taken[mention.start : mention.end]):
            found.append(mention)
            taken[mention.start : mention.end] = [True] * (mention.end - mention.start)
    found.sort(key=lambda m: m.start)
    return found


def _plain(masked: str) -> list[Mention]:
    """The mentions `_general` finds in a sentence without frames. They come in order of position, so a
    mention overlaps one taken before only if it starts before the end of the last one taken."""
    found: list[Mention] = []
    end = 0
    for mention in _general(masked):
        if mention.start >= end:
            found.append(mention)
            end = mention.end
    return found


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


LAST_STOP = re.compile(f"(?s:.*){CLAUSE_END.pattern}")
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
    """三大计划, 五大行动: a small count written with 大 instead of a measure word."""
    for m in _pattern("major").finditer(text):
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


def _general(text: str) -> list[Mention]:
    framed = measure_words().framed
    found = []
    for m in _pattern("general").finditer(text):
        mult, written = m.group("mult", "mw")
        if not mult and (not written or framed.get(written) == "streak"):
            continue  # a bare number (list marker, 2025年, 一批) quantifies nothing: the common case, first
        mention = _read_general(text, m, mult or "", written or "")
        if mention is not None:
            found.append(mention)
    return found


def _read_general(text: str, m: re.Match[str], mult: str, written: str) -> Mention | None:
    lex = measure_words()
    numeral, numeral2, post = m.group("num", "num2", "post")
    number_start = start = m.start("num")
    qualifier_before = (
        _pattern("pre").search(text, max(0, start - 3), start)
        if text[start - 1 : start] in _pre_ends()
        else None
    )
    pre = qualifier_before.group() if qualifier_before else ""
    chinese = numeral[0] in CN_CHARS
    if pre == "上" and not (chinese and numeral[0] in "百千万"):
        pre = ""
    if pre:
        start -= len(pre)
    before_char = text[number_start - 1] if number_start else ""
    after_end = m.end()
    after_char = text[after_end : after_end + 1]
    # numbers glued to letters, digits, dots or separators belong to codes, dates and times
    if before_char in LATIN or before_char in GLUED_BEFORE or before_char.isdigit():
        return None
    if not written and (after_char in LATIN or after_char in GLUED_AFTER):
        return None
    if (mult and after_char in MULTIPLIER_CHARS) or (after_char == "." and not written):
        return None  # 3万万, 1..2
    confidence = 0.5 if before_char == "," and text[number_start - 2 : number_start - 1].isdigit() else 1.0
    if chinese:
        round_count = pre == "上" or m.group("a1") or m.group("a2")  # 上百个, 千余家, 百多个
        if _among(before_char, OPEN_QUOTES) or (numeral in LONE_NOT_COUNTS and not round_count):
            return None
        if len(numeral) == 1 and numeral in "万亿":
            return None
    value = parse_number(numeral)
    if value is None:
        return None
    value_max = parse_number(numeral2) if numeral2 else None
    if numeral2 and value_max is None:
        return None
    if mult:
        value *= MULTIPLIERS[mult]
        value_max = value_max * MULTIPLIERS[mult] if value_max is not None else None
    if written and not _measure_word_fits(text, m, written, chinese, value):
        written = ""
    if not written:
        return _bare(text, m, start, value, pre, mult)
    magnitude, form = split_measure_word(written)
    if magnitude:  # 亿元 matched as one written form
        value *= MULTIPLIERS[magnitude]
    factor = lex.factors.get(form, 1)
    # the words before the number decide only between the nouns a measure word may count (家: firm or body)
    before = _clause_before(text, start) if form in lex.nouns_of else ""
    after = text[after_end : after_end + 20]  # past 以上/左右, which name no noun
    unit = unit_of(form, before, after)
    return Mention(
        start=start,
        end=m.end("post") if post else m.end("mw"),
        number_start=number_start,
        value=value * factor,
        unit=unit,
        measure_word=mult + written,
        qualifier=_qualifier(pre, m),
        form=KIND_FORMS.get(unit, "count"),
        value_max=value_max * factor if value_max is not None else None,
        confidence=confidence,
    )


def _measure_word_fits(text: str, m: re.Match[str], written: str, chinese: bool, value: Decimal) -> bool:
    """Whether the measure word after the number really counts it (年 only in 连续N年, 级 only after a small
    Chinese numeral, no 人 after a year-like 2025 that starts a name: 2025人艺之友日)."""
    lex = measure_words()
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


def _bare(text: str, m: re.Match[str], start: int, value: Decimal, pre: str, mult: str) -> Mention | None:
    """A number with 万/亿 and no measure word: a fact only when the noun before it names the unit."""
    if not mult or exclusions().name_suffixes.match(text, m.end("mult")):
        return None
    unit = bare_unit(_clause_before(text, start))
    if unit is None:
        return None
    end = m.end("a2") if m.group("a2") else m.end("mult")
    return Mention(start, end, m.start("num"), value, unit, mult, _qualifier(pre, m), confidence=0.9)


def _qualifier(pre: str, m: re.Match[str]) -> str:
    lex = measure_words()
    for word in m.group("post", "a1", "a2"):
        if word and word in lex.qualifiers_after:
            return lex.qualifiers_after[word]
    return lex.qualifiers_before.get(pre, "exact")


FRAME_FINDERS = (
    (_ranks, ("第", "首", "榜")),
    (_doublings, ("番", "倍")),
    (_percent_words, ("百分之",)),
    (_streaks, ("连",)),
    (_magnitudes, ("万级", "亿级")),
    (_majors, tuple(numeral + "大" for numeral in "一二两三四五六七八九十")),
    (_per_unit, ("每",)),
)
"""Frame finders, tried in order before the plain numbers of `_general`, each only where one of its
trigger words stands in the sentence: text every match of the finder holds (万级 in 百亿级 … 万亿级, a
numeral before 大 in 三大, 十一大). Plain substring tests, far cheaper than a search: most sentences
hold none of these words."""
