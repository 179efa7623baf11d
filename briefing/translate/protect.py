"""Placeholders that carry quantities, dates and glossary terms through machine translation untouched.

A model may drop, reorder or "correct" digits (216.6亿 → "21.6 billion"), so every quantity a fact
states, every date and year, every other digit run and every glossary term is swapped for a placeholder
before MT and replaced afterwards by text we wrote ourselves: `render_en` for facts, Babel dates, the
glossary's English. If the model does not give back each placeholder exactly once, the caller translates
the pieces between protected items separately (`Masked.pieces`) and joins them with the renderings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from briefing.model import Fact
from briefing.render import SCALES_ZH, number_en, render_date_en, render_en, unit_name
from briefing.translate.glossary import Glossary

PLACEHOLDER = "ZQ{}Z"  # ASCII letters and digits: kept verbatim by SentencePiece vocabularies
PLACEHOLDER_RE = re.compile(r"Z\s?Q\s?(\d{1,4})\s?Z", re.IGNORECASE)
_PLACEHOLDER_TRACE = re.compile(r"Z\s?Q\s?\d|Q\s?\d{1,4}\s?Z", re.IGNORECASE)

_DATE_RE = re.compile(
    r"(?P<ymd>(?P<y1>\d{4})年(?P<m1>\d{1,2})月(?P<d1>\d{1,2})日)"
    r"|(?P<iso>(?P<y2>\d{4})-(?P<m2>\d{1,2})-(?P<d2>\d{1,2}))(?!\d)"
    r"|(?P<ym>(?P<y3>\d{4})年(?P<m3>\d{1,2})月)"
    r"|(?P<mrange>(?P<m4>\d{1,2})\s*[-－—~～至]\s*(?P<m5>\d{1,2})月)"
    r"|(?P<md>(?P<m6>\d{1,2})月(?P<d6>\d{1,2})日)"
    r"|(?P<year>(?P<y7>(?:19|20)\d{2})年)"
    r"|(?P<month>(?P<m8>\d{1,2})月)"
)
_NUMBER_RE = re.compile(r"(?<![A-Za-z0-9.])\d+(?:\.\d+)?(?:[万亿]+|%)?(?![A-Za-z0-9])")
# The counted noun follows a classifier (14个重大项目, 两个“关键小事”), but not a particle (1000户的任务).
_NOUN_AFTER = re.compile(r"[“‘《「]?(?![的和及与等或以左右余多])[\u4e00-\u9fff]")

PUNCTUATION_EN = {
    "，": ", ",
    "、": ", ",
    "。": ". ",
    "；": "; ",
    "：": ": ",
    "！": "! ",
    "？": "? ",
    "“": '"',
    "”": '"',
    "‘": "'",
    "’": "'",
    "（": " (",
    "）": ") ",
    "《": '"',
    "》": '"',
    "【": " [",
    "】": "] ",
    "—": " – ",
    "…": "…",
    "·": " ",
}
_PUNCTUATION_ONLY = re.compile(r"[\s\W\d_]*", re.UNICODE)


@dataclass(frozen=True)
class Item:
    start: int
    end: int
    en: str
    kind: str  # fact | term | date | number


@dataclass
class Masked:
    source: str
    items: list[Item] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)  # the facts found in `source`

    @property
    def text(self) -> str:
        """`source` with item i replaced by PLACEHOLDER.format(i)."""
        parts: list[str] = []
        at = 0
        for index, item in enumerate(self.items):
            parts.append(self.source[at : item.start])
            parts.append(PLACEHOLDER.format(index))
            at = item.end
        parts.append(self.source[at:])
        return "".join(parts)

    def pieces(self) -> list[str | Item]:
        """The source as alternating text and protected items, in order (empty text dropped)."""
        out: list[str | Item] = []
        at = 0
        for item in self.items:
            if item.start > at:
                out.append(self.source[at : item.start])
            out.append(item)
            at = item.end
        if at < len(self.source):
            out.append(self.source[at:])
        return out


def mask(text: str, facts: list[Fact], glossary: Glossary) -> Masked:
    """Protect, in order of precedence: the facts' raws, glossary terms, dates, other digit runs."""
    taken: list[Item] = []

    def free(start: int, end: int) -> bool:
        return all(end <= item.start or start >= item.end for item in taken)

    located: list[Fact] = []
    for fact, (start, end) in _locate_facts(text, facts):
        located.append(fact)
        if free(start, end):
            noun_follows = bool(_NOUN_AFTER.match(text, end)) and unit_name(fact.unit).classifier
            taken.append(Item(start, end, render_en(fact, noun=not noun_follows), "fact"))
    for start, end, en in glossary.find(text):
        if free(start, end):
            taken.append(Item(start, end, en, "term"))
    for match in _DATE_RE.finditer(text):
        date_en = _date_en(match)
        if date_en and free(match.start(), match.end()):
            taken.append(Item(match.start(), match.end(), date_en, "date"))
    for match in _NUMBER_RE.finditer(text):
        if free(match.start(), match.end()):
            taken.append(Item(match.start(), match.end(), _literal_en(match.group()), "number"))
    taken.sort(key=lambda item: item.start)
    return Masked(text, taken, located)


def _locate_facts(text: str, facts: list[Fact]) -> list[tuple[Fact, tuple[int, int]]]:
    """Where each fact's raw sits in `text`: facts with the same raw take its occurrences in document
    order; two indicators sharing one raw (接件数量、答复率均居全市第一) share its last occurrence."""
    found: list[tuple[Fact, tuple[int, int]]] = []
    by_raw: dict[str, list[Fact]] = {}
    for fact in sorted(facts, key=lambda f: f.span):
        if fact.raw:
            by_raw.setdefault(fact.raw, []).append(fact)
    for raw, same in by_raw.items():
        starts = [m.start() for m in re.finditer(re.escape(raw), text)]
        for n, fact in enumerate(same):
            if starts:
                start = starts[min(n, len(starts) - 1)]
                found.append((fact, (start, start + len(raw))))
    return found


def _date_en(match: re.Match[str]) -> str | None:
    g = match.groupdict()
    try:
        if g["ymd"]:
            return render_date_en(int(g["y1"]), int(g["m1"]), int(g["d1"]))
        if g["iso"]:
            return render_date_en(int(g["y2"]), int(g["m2"]), int(g["d2"]))
        if g["ym"]:
            return render_date_en(int(g["y3"]), int(g["m3"]))
        if g["mrange"]:
            return f"{render_date_en(None, int(g['m4']))}–{render_date_en(None, int(g['m5']))}"
        if g["md"]:
            return render_date_en(None, int(g["m6"]), int(g["d6"]))
        if g["year"]:
            return g["y7"]
        return render_date_en(None, int(g["m8"]))
    except ValueError:  # 13月, 2月30日: not a date; the digits are protected as they stand
        return None


def _literal_en(digits: str) -> str:
    """A digit run no fact explains (22号线, 171中学, a figure the extractor skipped) keeps its value:
    万/亿 multiplied out, written the English way."""
    if digits.endswith("%"):
        return digits
    value = Decimal(digits.rstrip("万亿"))
    for char in digits[len(digits.rstrip("万亿")) :]:
        value *= SCALES_ZH[char]
    return number_en(value) if value >= 10000 else digits


def unmask(translated: str, masked: Masked) -> str | None:
    """The MT output with placeholders replaced; None when any placeholder is missing, repeated or mangled."""
    seen = [int(m.group(1)) for m in PLACEHOLDER_RE.finditer(translated)]
    if sorted(seen) != list(range(len(masked.items))):
        return None
    restored = PLACEHOLDER_RE.sub(lambda m: "\0" + m.group(1) + "\0", translated)
    if _PLACEHOLDER_TRACE.search(restored):
        return None
    restored = re.sub(r"\0(\d+)\0", lambda m: f" {masked.items[int(m.group(1))].en} ", restored)
    return tidy(restored)


def is_punctuation(text: str) -> bool:
    """Nothing for a model to translate: punctuation, spaces, digits."""
    return _PUNCTUATION_ONLY.fullmatch(text) is not None


def punctuation_en(text: str) -> str:
    return "".join(PUNCTUATION_EN.get(char, char) for char in text)


def tidy(text: str) -> str:
    """Spacing of joined English: single spaces, none before closing punctuation, capital first letter."""
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"\s+([,.;:!?%)\]])", r"\1", text)
    text = re.sub(r"([(\[])\s+", r"\1", text)
    text = re.sub(r"([,;:])(?=[^\s\d])", r"\1 ", text)
    text = re.sub(r"([,;:.])\1+", r"\1", text)
    if text[:1].islower():
        text = text[0].upper() + text[1:]
    return text
