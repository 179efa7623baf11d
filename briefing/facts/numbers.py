"""Numerals to exact Decimals: Arabic (with thousands separators, full-width digits), Chinese, and mixes.

Values stay Decimal from the text to the record, so 1.09万 is 10900 exactly and never 10899.999….
A numeral that does not read cleanly (1..2, 3万万, 十四五) gives None: no fact beats a wrong one.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from briefing import regex_cache

FULL_WIDTH = str.maketrans("０１２３４５６７８９．，％～－：", "0123456789.,%~-:")
"""Full-width digits and signs to ASCII, one character for one so offsets stay valid."""
_FULL_WIDTH_CHAR = regex_cache.compile("[０-９．，％～－：]")
FULL_WIDTH_PAIRS = tuple((chr(wide), chr(ascii)) for wide, ascii in FULL_WIDTH.items())

CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
CN_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
CHINESE_NUMERALS = frozenset([*CN_DIGITS, *CN_SMALL_UNITS, "万", "亿"])
"""Every character parse_chinese reads: a text holding any other is no Chinese numeral."""
MULTIPLIERS = {
    "万": Decimal(10_000),
    "亿": Decimal(100_000_000),
    "万亿": Decimal(10**12),
    "千": Decimal(1000),
}

_ARABIC = regex_cache.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
_ARABIC_MULTIPLIED = regex_cache.compile(r"([\d.,]+)(万亿|万|亿|千)")


def normalise(text: str) -> str:
    """Full-width digits and signs folded to ASCII; the result has the same length as `text`.

    One `str.replace` per sign the text holds: `str.translate` looks every character of a Chinese text
    up in the table, ten times slower on a sentence with a comma or two."""
    if not _FULL_WIDTH_CHAR.search(text):
        return text
    for wide, ascii in FULL_WIDTH_PAIRS:
        if wide in text:
            text = text.replace(wide, ascii)
    return text


def parse_arabic(text: str) -> Decimal | None:
    """`1,234.5` → Decimal('1234.5'); None unless the whole text is one well-formed number."""
    return _parse_folded_arabic(normalise(text))


def _parse_folded_arabic(text: str) -> Decimal | None:
    """`parse_arabic` of a text already folded to ASCII signs."""
    if not _ARABIC.fullmatch(text):
        return None
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation:
        return None


def parse_chinese(text: str) -> Decimal | None:
    """一百二十 → 120, 两 → 2, 十五 → 15, 三万五千 → 35000; None for strings that are not one numeral."""
    if not text:
        return None
    total = Decimal(0)
    for part, scale in _split_large(text):
        small = _parse_small(part)
        if small is None:
            return None
        total += small * scale
    return total


def _split_large(text: str) -> list[tuple[str, Decimal]]:
    """三万五千 → [("三", 10000), ("五千", 1)]; each 万/亿 may appear once, in falling order."""
    parts: list[tuple[str, Decimal]] = []
    rest = text
    for char, scale in (("亿", Decimal(100_000_000)), ("万", Decimal(10_000))):
        if rest.count(char) > 1:
            return [("?", Decimal(1))]
        if char in rest:
            head, rest = rest.split(char, 1)
            parts.append((head or "一", scale))
    parts.append((rest, Decimal(1)))
    return [(p, s) for p, s in parts if p]


def _parse_small(text: str) -> Decimal | None:
    """A numeral below 10000 written with 十/百/千 (or digit by digit, like 一二 → None)."""
    value, digit, last_unit = 0, None, 10_000
    for char in text:
        if char in CN_DIGITS:
            if digit is not None and CN_DIGITS[char] != 0:
                return None  # two digits in a row: 一二, 十四五
            digit = CN_DIGITS[char] if CN_DIGITS[char] else None
        elif char in CN_SMALL_UNITS:
            unit = CN_SMALL_UNITS[char]
            if unit >= last_unit:
                return None
            value += (digit if digit is not None else 1) * unit
            digit, last_unit = None, unit
        else:
            return None
    if digit is not None:
        if last_unit == 10_000 and value:
            return None
        value += digit
    return Decimal(value)


def parse_number(text: str) -> Decimal | None:
    """Any numeral the extractor reads: Arabic, Chinese, or Arabic with a Chinese multiplier (1.2万).

    An ASCII text holds no full-width sign to fold, a text opening with a Chinese numeral is read as one
    (folding changes none of its characters, and any other character fails it either way), and a text
    that opens with neither a digit nor a separator is no Arabic numeral: each skips steps that could
    not change the result."""
    text = text.strip()
    if text.isascii():
        if text.isdigit():  # the common case, ASCII digits: nothing to fold or validate
            return Decimal(text)
    elif text[0] in CHINESE_NUMERALS:  # folding changes no Chinese numeral, nor whether one reads
        return parse_chinese(text)
    else:
        text = normalise(text)
    if not text:
        return None
    if text.isdecimal():  # digits only: nothing to validate
        return Decimal(text)
    if text[0].isdecimal() or text[0] in ".,":
        value = _parse_folded_arabic(text)
        if value is not None:
            return value
        match = _ARABIC_MULTIPLIED.fullmatch(text)
        if match:
            base = parse_arabic(match.group(1))
            return None if base is None else base * MULTIPLIERS[match.group(2)]
    return parse_chinese(text)
