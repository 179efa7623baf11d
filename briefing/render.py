"""Quantities, changes and periods written out in English and Chinese.

One place decides how a fact reads in either language, so that template text (compose), restored
placeholders in machine translation (translate) and the number check (translate.fidelity) all agree on
every digit. Values are Decimals in base units (see `Fact`); nothing here rounds: a scaled form
("21.66 billion", "97.37万", "5.2万亿") is used only when it is exact, otherwise all digits are written.
A figure keeps the scale its source wrote (5.2万亿元 stays 5.2万亿元, read as CNY 5.2 trillion): scale words
and the split of a measure word into scale and unit come from `briefing.scales`, the one the extractor
multiplies out with. Unit names and qualifier words are data (`data/units_en.toml`,
`data/render_phrases.toml`).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import cache
from typing import Any, Literal

from briefing.boundaries import CLAUSE_END
from briefing.model import Fact
from briefing.resources import DATA_DIR
from briefing.scales import TIER, en_scales, split_measure_word, zh_scales

LOCALE_EN = "en"
LOCALE_ZH = "zh_Hans_CN"

# Every scale word of either language with its factor, largest first (data/scales.toml via briefing.scales).
SCALES_ZH: dict[str, Decimal] = zh_scales()
SCALES_EN: dict[str, Decimal] = en_scales()
# The scales a figure is written in when its source gave none: English names millions and above
# ("973,700", not "973.7 thousand"); Chinese uses 万, 亿 and 万亿 alone, never 十万 or 千亿.
AUTO_SCALES_EN = ("trillion", "billion", "million")
AUTO_SCALES_ZH = ("万亿", "亿", "万")
MAX_SCALED_DECIMALS_EN = 3  # "CNY 1.234 billion" is still readable; more digits read better in full
MAX_SCALED_DECIMALS_ZH = 2  # "1.25万" yes, "1.2345万" no

_ZH_DIGITS = "零一二三四五六七八九"
_EN_SMALL = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


@dataclass(frozen=True)
class UnitName:
    """How one unit token is written (see data/units_en.toml for the meaning of each field)."""

    singular: str = ""
    plural: str = ""
    symbol: str = ""
    prefix: bool = False
    tight: bool = False
    classifier: bool = False
    compact: bool = True
    zh: str = ""


@cache
def unit_names() -> dict[str, UnitName]:
    with open(DATA_DIR / "units_en.toml", "rb") as handle:
        table = tomllib.load(handle)
    return {token: UnitName(**fields) for token, fields in table.items()}


@cache
def _phrases() -> dict[str, Any]:
    with open(DATA_DIR / "render_phrases.toml", "rb") as handle:
        return tomllib.load(handle)


def unit_name(token: str) -> UnitName:
    """The unit's names; an unknown token (a user's own) reads as its words, never as an error."""
    known = unit_names().get(token)
    if known is not None:
        return known
    words = token.replace("_", " ")
    return UnitName(singular=words, plural=words if words.endswith("s") else words + "s", zh="")


# ---------------------------------------------------------------- numbers


def _tidy(value: Decimal) -> Decimal:
    """Drop trailing zeros without switching to exponent form (2.30 → 2.3, 2300000 stays)."""
    value = value.normalize()
    if value == value.to_integral_value():
        return value.quantize(Decimal(1))
    return value


def decimal_places(value: Decimal) -> int:
    """Digits after the decimal point once trailing zeros are dropped (2.50 → 1, 2300000 → 0)."""
    exponent = _tidy(value).as_tuple().exponent
    return max(0, -int(exponent))


def format_plain(value: Decimal, locale: str = LOCALE_EN, *, grouped: bool = True) -> str:
    """All digits of `value`, grouped by the locale's separators (973,700)."""
    from babel.numbers import format_decimal  # Babel loads on first use: `briefing facts` may never need it

    return format_decimal(_tidy(value), locale=locale, decimal_quantization=False, group_separator=grouped)


def number_en(value: Decimal, *, compact: bool = True) -> str:
    """English figure: 21660000000 → "21.66 billion", 5.2e12 → "5.2 trillion" (only when exact),
    973700 → "973,700"."""
    value = Decimal(value)
    if compact:
        for word in AUTO_SCALES_EN:
            size = SCALES_EN[word]
            if abs(value) >= size:
                scaled = value / size
                if decimal_places(scaled) <= MAX_SCALED_DECIMALS_EN:
                    return f"{format_plain(scaled)} {word}"
                break
    return format_plain(value)


def number_zh(value: Decimal, scale: str | None = None) -> str:
    """Chinese figure: with `scale` (万, 亿, 万亿 … any of SCALES_ZH) as the source wrote it, else in
    万亿/亿/万 when exact and short: 5.2e12 → "5.2万亿", 973700 → "97.37万", 1234567 → "1234567"."""
    value = Decimal(value)
    if scale:
        return format_plain(value / SCALES_ZH[scale], LOCALE_ZH, grouped=False) + scale
    for char in AUTO_SCALES_ZH:
        size = SCALES_ZH[char]
        if abs(value) >= size and decimal_places(value / size) <= MAX_SCALED_DECIMALS_ZH:
            return format_plain(value / size, LOCALE_ZH, grouped=False) + char
    return format_plain(value, LOCALE_ZH, grouped=False)


def zh_numeral(n: int) -> str:
    """Chinese numeral for 0–99 (十四, 二十一); larger numbers stay in digits, as the genre writes them."""
    if not 0 <= n < 100:
        return str(n)
    tens, ones = divmod(n, 10)
    if tens == 0:
        return _ZH_DIGITS[ones]
    head = "" if tens == 1 else _ZH_DIGITS[tens]
    return head + "十" + (_ZH_DIGITS[ones] if ones else "")


def ordinal_en(n: int) -> str:
    """1 → 1st, 2 → 2nd, 11 → 11th, 23 → 23rd."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _small_en(n: int) -> str:
    return _EN_SMALL[n] if 0 <= n < len(_EN_SMALL) else str(n)


# ---------------------------------------------------------------- quantities


def _range_en(value: Decimal, value_max: Decimal | None, compact: bool) -> str:
    low = number_en(value, compact=compact)
    if value_max is None:
        return low
    high = number_en(value_max, compact=compact)
    low_parts, high_parts = low.split(" "), high.split(" ")
    if len(low_parts) == len(high_parts) == 2 and low_parts[1] == high_parts[1]:
        return f"{low_parts[0]}–{high}"  # "300–500 million"
    return f"{low}–{high}"


def _with_unit_en(figure: str, unit: UnitName, plural: bool, noun: bool) -> str:
    if unit.symbol:
        if unit.prefix:
            return f"{unit.symbol} {figure}"
        return f"{figure}{unit.symbol}" if unit.tight else f"{figure} {unit.symbol}"
    if not unit.plural or (unit.classifier and not noun):
        return figure
    return f"{figure} {unit.plural if plural else unit.singular}"


def _is_consecutive(fact: Fact) -> bool:
    """连续4年 / 九连冠: a run of years or titles."""
    return "连续" in fact.raw or fact.measure_word.startswith("连")


def multiplied(fact: Fact) -> str:
    """The word by which the source says the figure multiplied (翻, 倍增), "" for any other figure."""
    if fact.kind != "multiple":
        return ""
    return next((word for word in _phrases()["multiplied_zh"] if word in fact.raw), "")


def render_en(fact: Fact, *, noun: bool = True) -> str:
    """The quantity of `fact` in English: "over CNY 230 billion", "973,700 hectares", "1st", "doubled".

    `noun=False` is for a quantity inside a sentence whose counted noun follows it ("14个重大项目"):
    classifier units (家, 个, 项…) then give the bare figure.
    """
    value = Decimal(fact.value)
    unit = unit_name(fact.unit)
    if fact.kind == "rank" or fact.unit == "rank":
        return ordinal_en(int(value))
    if multiplied(fact):
        return {2: "doubled", 4: "quadrupled"}.get(int(value), f"{number_en(value)}-fold")
    figure = _range_en(value, fact.value_max, unit.compact)
    plural = fact.value_max is not None or value != 1
    if _is_consecutive(fact) and unit.plural:
        text = f"{figure} consecutive {unit.plural if plural else unit.singular}"
    else:
        text = _with_unit_en(figure, unit, plural, noun)
    word = qualifier_en(fact.qualifier)
    return f"{word} {text}" if word else text


def render_zh(fact: Fact) -> str:
    """The quantity of `fact` in Chinese: "超2300亿元", "97.37万公顷", "1000余户", "第一", "翻番"."""
    value = Decimal(fact.value)
    unit = unit_name(fact.unit)
    if fact.kind == "rank" or fact.unit == "rank":
        n = int(value)
        return f"第{n}" if re.search(r"\d", fact.raw) else f"第{zh_numeral(n)}"
    word = multiplied(fact)
    if word:
        return _phrases()["multiplied_zh"][word].get(str(int(value)), f"{number_zh(value)}倍")
    if fact.measure_word == "成":
        figure, unit_zh = zh_numeral(int(value / 10)), "成"
    elif fact.measure_word.startswith("连"):
        figure, unit_zh = zh_numeral(int(value)), fact.measure_word  # 九连冠
    else:
        scale, rest = split_measure_word(fact.measure_word)
        rest = "" if rest == TIER else rest  # 百亿级 reads as its figure, 100亿
        figure = number_zh(value, scale)
        if fact.value_max is not None:
            figure = f"{figure.removesuffix(scale)}-{number_zh(fact.value_max, scale)}"
        unit_zh = rest or unit.zh
    if "连续" in fact.raw:
        figure = "连续" + figure
    return _qualified_zh(fact, figure, unit_zh)


def _qualified_zh(fact: Fact, figure: str, unit_zh: str) -> str:
    if fact.qualifier == "exact":
        return figure + unit_zh
    for marker, place in _phrases()["qualifier_zh_postfix"].items():
        if marker in fact.raw:
            return f"{figure}{marker}{unit_zh}" if place == "number" else f"{figure}{unit_zh}{marker}"
    return qualifier_zh(fact.qualifier) + figure + unit_zh


def qualifier_en(token: str) -> str:
    """ "over" → "over"; "at_least" → "at least"; "exact" → ""."""
    return _phrases()["qualifier_en"].get(token, "")


def qualifier_zh(token: str) -> str:
    return _phrases()["qualifier_zh"].get(token, "")


# ---------------------------------------------------------------- changes

CHANGE_KINDS = ("change_pct", "change_abs", "target")


def _comparison_key(fact: Fact) -> str | None:
    """The comparison base (同比, 较上年…) written in the clause just before the quantity, if any."""
    at = fact.sentence.find(fact.raw)
    before = fact.sentence[:at] if at >= 0 else fact.sentence
    clause = CLAUSE_END.split(before)[-1]
    found = [key for key in _phrases()["comparison_en"] if key in clause]
    return max(found, key=clause.rfind) if found else None


def _is_change(fact: Fact) -> bool:
    return fact.direction in ("up", "down") and fact.kind in CHANGE_KINDS


def render_change_en(fact: Fact) -> str:
    """A change with its direction and base: "up 5.2% year on year", "down 0.4 percentage points".

    Facts that are not changes read as `render_en`.
    """
    if not _is_change(fact):
        return render_en(fact)
    parts = [_phrases()["direction_en"][fact.direction], render_en(fact)]
    key = _comparison_key(fact)
    if key:
        parts.append(_phrases()["comparison_en"][key])
    return " ".join(parts)


def render_change_verb_en(fact: Fact, *, base: bool = True) -> str:
    """A change as its sentence's verb: "grew 5.2% year on year", "fell 0.4 percentage points";
    `base=False` leaves out the comparison base (said once after a list). Non-changes read as `render_en`."""
    if not _is_change(fact):
        return render_en(fact)
    verbs = _phrases()["verb_en"]
    parts = [verbs.get(fact.unit, verbs["other"])[fact.direction], render_en(fact)]
    key = _comparison_key(fact) if base else None
    if key:
        parts.append(_phrases()["comparison_en"][key])
    return " ".join(parts)


def render_fold_en(fact: Fact) -> str:
    """A multiple after "grew": "5.1-fold", "over 3-fold"."""
    word = qualifier_en(fact.qualifier)
    fold = f"{number_en(Decimal(fact.value))}-fold"
    return f"{word} {fold}" if word else fold


def render_changes_verb_en(facts: list[Fact]) -> str:
    """Parallel changes as one verb phrase: "grew 36.2% and 53.3% year on year" when they share verb and
    base, else each with its own ("grew 5%, fell 2% and grew 1%")."""
    changes = [f for f in facts if _is_change(f)]
    verbs = {render_change_verb_en(f, base=False).split(" ", 1)[0] for f in changes}
    bases = {_comparison_key(f) for f in changes}
    if len(changes) == len(facts) and len(verbs) == 1 and len(bases) == 1:
        [verb], [key] = verbs, bases
        tail = f" {_phrases()['comparison_en'][key]}" if key else ""
        return f"{verb} {join_en([render_en(f) for f in facts])}{tail}"
    return join_en([render_change_verb_en(f) for f in facts])


def join_en(parts: list[str]) -> str:
    """ "A", "A and B", "A, B and C"."""
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def render_change_zh(fact: Fact) -> str:
    """ "同比增长5.2%", "下降0.4个百分点", "增加886个"; non-changes read as `render_zh`."""
    if not _is_change(fact):
        return render_zh(fact)
    verbs = _phrases()["direction_zh"]
    verb = verbs.get(fact.unit, verbs["other"])[fact.direction]
    return (_comparison_key(fact) or "") + verb + render_zh(fact)


# ---------------------------------------------------------------- periods

_HALF_EN = {"1": "first", "2": "second"}
_QUARTER_EN = {"1": "first", "2": "second", "3": "third", "4": "fourth"}


MonthWidth = Literal["abbreviated", "narrow", "wide"]  # Babel's names for how long a month name is


def _month_en(month: int, width: MonthWidth = "wide") -> str:
    from babel.dates import get_month_names

    return get_month_names(width, locale=LOCALE_EN)[month]


def _year_zh(year: str, doc_year: int | None) -> str:
    """ "2025年", or nothing when the document's own year is meant (上半年 in a 2025 report)."""
    return "" if doc_year is not None and str(doc_year) == year else f"{year}年"


def render_period_en(period: str, *, short: bool = False) -> str:
    """English for a period token (gold README): 2025-H1 → "the first half of 2025" ("H1 2025" short);
    14th-FYP → "the 14th Five-Year Plan period"; target-2025 → "by the end of 2025"; unspecified → ""."""
    if period in ("", "unspecified"):
        return ""
    if period == "cumulative":
        return "cumulative"
    if m := re.fullmatch(r"(\d{4})", period):
        return m[1]
    if m := re.fullmatch(r"(\d{4})-H([12])", period):
        return f"H{m[2]} {m[1]}" if short else f"the {_HALF_EN[m[2]]} half of {m[1]}"
    if m := re.fullmatch(r"(\d{4})-Q([1-4])", period):
        return f"Q{m[2]} {m[1]}" if short else f"the {_QUARTER_EN[m[2]]} quarter of {m[1]}"
    if m := re.fullmatch(r"(\d{4})-(\d{2})", period):
        return f"{_month_en(int(m[2]), 'abbreviated' if short else 'wide')} {m[1]}"
    if m := re.fullmatch(r"(\d{4})-(\d{2})/(\d{4})-(\d{2})", period):
        width: MonthWidth = "abbreviated" if short else "wide"
        start, end = _month_en(int(m[2]), width), _month_en(int(m[4]), width)
        if m[1] == m[3]:
            return f"{start}–{end} {m[1]}"
        return f"{start} {m[1]}–{end} {m[3]}"
    if m := re.fullmatch(r"(\d+)(?:st|nd|rd|th)-FYP", period):
        n = int(m[1])
        return f"{ordinal_en(n)} FYP" if short else f"the {ordinal_en(n)} Five-Year Plan period"
    if m := re.fullmatch(r"past-(\d+)-years", period):
        return f"past {m[1]} years" if short else f"the past {_small_en(int(m[1]))} years"
    if m := re.fullmatch(r"target-(\d{4})", period):
        return f"{m[1]} target" if short else f"by the end of {m[1]}"
    return period


def render_period_zh(period: str, *, doc_year: int | None = None) -> str:
    """Chinese for a period token: 2025-H1 → "2025年上半年" ("上半年" when `doc_year` is 2025);
    14th-FYP → "“十四五”时期"; 2025-01/2025-11 → "2025年1-11月"; unspecified → ""."""
    if period in ("", "unspecified"):
        return ""
    if period == "cumulative":
        return "累计"
    if m := re.fullmatch(r"(\d{4})", period):
        return f"{m[1]}年"
    if m := re.fullmatch(r"(\d{4})-H([12])", period):
        return _year_zh(m[1], doc_year) + ("上半年" if m[2] == "1" else "下半年")
    if m := re.fullmatch(r"(\d{4})-Q([1-4])", period):
        return _year_zh(m[1], doc_year) + zh_numeral(int(m[2])) + "季度"
    if m := re.fullmatch(r"(\d{4})-(\d{2})", period):
        return f"{_year_zh(m[1], doc_year)}{int(m[2])}月"
    if m := re.fullmatch(r"(\d{4})-(\d{2})/(\d{4})-(\d{2})", period):
        if m[1] == m[3]:
            return f"{_year_zh(m[1], doc_year)}{int(m[2])}-{int(m[4])}月"
        return f"{m[1]}年{int(m[2])}月至{m[3]}年{int(m[4])}月"
    if m := re.fullmatch(r"(\d+)(?:st|nd|rd|th)-FYP", period):
        return f"“{zh_numeral(int(m[1]))}五”时期"
    if m := re.fullmatch(r"past-(\d+)-years", period):
        return f"过去{zh_numeral(int(m[1]))}年"
    if m := re.fullmatch(r"target-(\d{4})", period):
        return "年底前" if doc_year is not None and str(doc_year) == m[1] else f"到{m[1]}年底"
    return period


# ---------------------------------------------------------------- dates


def render_date_en(year: int | None, month: int, day: int | None = None) -> str:
    """A calendar date the way English prose writes it: "December 17, 2025", "December 17", "July 2025"."""
    when = date(year or 2000, month, day or 1)
    pattern = {(True, True): "MMMM d, y", (False, True): "MMMM d", (True, False): "MMMM y"}.get(
        (year is not None, day is not None), "MMMM"
    )
    from babel.dates import format_date

    return format_date(when, pattern, locale=LOCALE_EN)


# ---------------------------------------------------------------- Jinja2 filters
# Plain functions; compose registers them on its environment (env.filters.update(JINJA_FILTERS)).


def number(value: Decimal | int | float | str, lang: str = "en") -> str:
    """{{ fact.value | number }} → "21.66 billion" / {{ fact.value | number("zh") }} → "216.6亿"."""
    value = Decimal(str(value))
    return number_zh(value) if lang == "zh" else number_en(value)


def percent(value: Decimal | int | float | str, lang: str = "en") -> str:
    """Percent values stay in percent (19.5 → "19.5%") in both languages."""
    locale = LOCALE_ZH if lang == "zh" else LOCALE_EN
    return format_plain(Decimal(str(value)), locale) + "%"


def quantity(fact: Fact, lang: str = "en") -> str:
    return render_zh(fact) if lang == "zh" else render_en(fact)


def change(fact: Fact, lang: str = "en") -> str:
    return render_change_zh(fact) if lang == "zh" else render_change_en(fact)


def period(token: str, lang: str = "en", doc_year: int | None = None, short: bool = False) -> str:
    return (
        render_period_zh(token, doc_year=doc_year) if lang == "zh" else render_period_en(token, short=short)
    )


def qualifier(fact_or_token: Fact | str, lang: str = "en") -> str:
    token = fact_or_token.qualifier if isinstance(fact_or_token, Fact) else fact_or_token
    return qualifier_zh(token) if lang == "zh" else qualifier_en(token)


JINJA_FILTERS: dict[str, Callable[..., str]] = {
    "number": number,
    "percent": percent,
    "quantity": quantity,
    "change": change,
    "change_verb": render_change_verb_en,
    "changes_verb": render_changes_verb_en,
    "fold": render_fold_en,
    "multiplied": multiplied,
    "period": period,
    "qualifier": qualifier,
}
