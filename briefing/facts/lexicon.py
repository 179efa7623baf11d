"""The data files of the extractor (briefing/data/*.toml), read once and compiled into patterns.

Lexicons are data so that users and later releases extend them without touching code; this module is
the only place that knows their layout. Its patterns are compiled through briefing.regex_cache: a
process after the first rebuilds them from the compiler's output kept on disk.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path

from briefing import regex_cache
from briefing.facts.places import contains, gazetteer
from briefing.facts.tables import alternation, read_toml

THEMES_ENV = "BRIEFING_THEMES"
"""Environment variable naming an extra themes TOML file merged over the shipped one."""


@dataclass(frozen=True)
class NounRule:
    measure_word: str
    unit: str
    keywords: tuple[str, ...]
    after_only: bool
    adjacent: bool  # the noun must follow the measure word directly (5个国家, not 5个通过国家备案的)
    not_before: tuple[str, ...]  # a keyword followed by one of these names something else (国家级)


@dataclass(frozen=True)
class MeasureWords:
    units: dict[str, str]
    factors: dict[str, int]
    framed: dict[str, str]
    ambiguous_after_year: frozenset[str]
    ordinal_counts: frozenset[str]
    nouns: tuple[NounRule, ...]
    nouns_of: dict[str, tuple[NounRule, ...]]  # measure word → its noun rules, in data order
    noun_finders: dict[str, str]  # measure word → pattern of any keyword of its noun rules (tables.compiled)
    bare: dict[str, tuple[str, ...]]
    qualifiers_before: dict[str, str]
    qualifiers_after: dict[str, str]
    rounding: str  # the one-character qualifiers after a number (余, 多), which may precede its magnitude
    range_signs: str  # the signs between the two numbers of a range (3-5万, 十至二十家)
    pattern: str  # alternation of every written form, longest first


@cache
def measure_words() -> MeasureWords:
    data = read_toml("measure_words.toml")
    units = dict(data["units"])
    factors = dict(data.get("factors", {}))
    for form in factors:
        units.setdefault(form, "percent")
    nouns = tuple(
        NounRule(
            n["measure_word"],
            n["unit"],
            tuple(n["keywords"]),
            bool(n.get("after_only")),
            bool(n.get("adjacent")),
            tuple(n.get("not_before", [])),
        )
        for n in data.get("nouns", [])
    )
    return MeasureWords(
        units=units,
        factors=factors,
        framed=dict(data.get("framed", {})),
        ambiguous_after_year=frozenset(data.get("ambiguous_after_year", [])),
        ordinal_counts=frozenset(data.get("ordinal_counts", [])),
        nouns=nouns,
        nouns_of={
            form: tuple(n for n in nouns if n.measure_word == form)
            for form in {n.measure_word for n in nouns}
        },
        noun_finders={
            form: alternation({k for n in nouns if n.measure_word == form for k in n.keywords})
            for form in {n.measure_word for n in nouns}
        },
        bare={unit: tuple(words) for unit, words in data.get("bare", {}).items()},
        qualifiers_before=dict(data["qualifiers"]["before"]),
        qualifiers_after=dict(data["qualifiers"]["after"]),
        rounding="".join(word for word in data["qualifiers"]["after"] if len(word) == 1),
        range_signs="".join(data["range_signs"]),
        pattern=alternation(set(units)),
    )


@dataclass(frozen=True)
class Exclusions:
    masks: re.Pattern[str]  # spans never read as quantities
    name_suffixes: re.Pattern[str]  # a number followed by one of these is part of a name or a date


@cache
def exclusions() -> Exclusions:
    data = read_toml("exclusions.toml")
    names = data.get("names", [])
    parts = [p for p in (*data.get("patterns", []), alternation(names)) if p]
    masks = "|".join(f"(?:{p})" for p in parts)
    starts = [_leading_chars(p) for p in data.get("patterns", [])] + [{w[0] for w in names if w}]
    guard = "" if any(s is None for s in starts) else _char_guard(set().union(*starts))
    return Exclusions(
        masks=regex_cache.compile(guard + f"(?:{masks})"),
        name_suffixes=regex_cache.compile(f"(?:{alternation(data.get('name_suffixes', []))})"),
    )


def _char_guard(chars: set[str]) -> str:
    """A lookahead on the characters a match can start with ("\\d" for any digit). The engine tests it at
    every position in one step, instead of trying every alternative of the masks."""
    return "(?=[" + "".join(c if c == "\\d" else re.escape(c) for c in sorted(chars)) + "])" if chars else ""


LEADING_CLASS = regex_cache.compile(r"\[((?:\\d|[^\\\]\[^-])*)\](?![?*]|\{0)")
"""A pattern opening with a required character class of plain characters and `\\d` ([一二三], [东西\\d])."""
LEADING_LITERAL = regex_cache.compile(r"[^\\\[\](){}|.^$?*+](?![?*]|\{0)")
"""A pattern opening with a required plain character (十[一二]五, 第…)."""


def _leading_chars(pattern: str) -> set[str] | None:
    """The characters a match of an exclusion pattern can start with, read from how the pattern opens
    (a plain character or a character class, not optional); None when it opens otherwise, and then the
    masks get no guard (slower, the same matches). exclusions.toml asks patterns to open this way."""
    found = LEADING_CLASS.match(pattern)
    if found:
        return _class_chars(found.group(1))
    found = LEADING_LITERAL.match(pattern)
    return {found.group()} if found else None


def _class_chars(body: str) -> set[str]:
    """The characters of a class body of plain characters and `\\d` (一二\\d → 一, 二 and "\\d")."""
    return {"\\d"} | set(body.replace("\\d", "")) if "\\d" in body else set(body)


@dataclass(frozen=True)
class Marker:
    pattern: re.Pattern[str]
    period: str
    scope: str  # clause | sentence
    weak: bool  # applies only where no section or document default period is set


@dataclass(frozen=True)
class Default:
    pattern: re.Pattern[str]
    period: str
    role: str  # model.ROLES: review | problems | targets | plan


@dataclass(frozen=True)
class Periods:
    markers: tuple[Marker, ...]
    sentence_markers: tuple[Marker, ...]  # those of scope "sentence", which open a passage (in data order)
    defaults: tuple[Default, ...]
    targets: re.Pattern[str]
    weak_targets: re.Pattern[str]
    base_year: re.Pattern[str]
    base_span: re.Pattern[str]
    stock_cues: re.Pattern[str]
    # matches where any marker matches (a quick test before the ordered scan); guarded by the characters a
    # marker's match starts with (data: marker_starts), it is tried only where one may start: 3-5 times
    # quicker on a clause, where the alternatives opening with a lookbehind were tried at every place
    any_marker: re.Pattern[str]
    marker_cues: re.Pattern[str] | None  # characters every marker's match holds one of (quicker still)

    def may_mark(self, text: str) -> bool:
        """False when no time marker can match in `text`: it holds none of the characters every marker
        needs (a single character-class scan, where `any_marker` tries each alternative at each place)."""
        return self.marker_cues is None or self.marker_cues.search(text) is not None

    def first_cue(self, text: str) -> int:
        """Where the first character a time marker needs stands in `text`: no marker can match in the text
        before it. The length of `text` when it holds none; -1 when no cue characters are set."""
        if self.marker_cues is None:
            return -1
        found = self.marker_cues.search(text)
        return found.start() if found else len(text)

    def names_time(self, text: str) -> bool:
        """Does any time marker match in `text`? The cheap character test first, then the alternation."""
        return self.may_mark(text) and self.any_marker.search(text) is not None


@cache
def periods() -> Periods:
    data = read_toml("periods.toml")
    unnamed = [re.sub(r"\(\?P<\w+>", "(?:", m["pattern"]) for m in data["markers"]]
    markers = tuple(
        Marker(
            regex_cache.compile(m["pattern"]), m["period"], m.get("scope", "sentence"), bool(m.get("weak"))
        )
        for m in data["markers"]
    )
    return Periods(
        markers=markers,
        sentence_markers=tuple(marker for marker in markers if marker.scope == "sentence"),
        defaults=tuple(
            Default(regex_cache.compile(d["pattern"]), d["period"], d.get("role", ""))
            for d in data["defaults"]
        ),
        targets=regex_cache.compile("|".join(data["targets"])),
        weak_targets=regex_cache.compile("|".join(data["weak_targets"])),
        base_year=regex_cache.compile(data["base_year"]),
        base_span=regex_cache.compile(data["base_span"]),
        stock_cues=regex_cache.compile("|".join(data["stock_cues"])),
        any_marker=regex_cache.compile(
            _char_guard(_class_chars(starts)) + "(?:" + "|".join(f"(?:{p})" for p in unnamed) + ")"
        )
        if (starts := data.get("marker_starts", ""))
        else regex_cache.compile("|".join(f"(?:{p})" for p in unnamed)),
        marker_cues=regex_cache.compile(f"[{re.escape(cues)}]")
        if (cues := data.get("marker_cues", ""))
        else None,
    )


@dataclass(frozen=True)
class Places:
    """The gazetteer (briefing/facts/places.py) as the facts and compose stages read it."""

    not_places: frozenset[str]
    regional: frozenset[str]  # always a cooperation partner (城市副中心, 雄安新区, 京津冀)
    national: str  # the whole country, home of national data news
    national_cues: re.Pattern[str]
    comparison: re.Pattern[str]  # words before a place that make it a yardstick (占全国, 高于全省)

    def is_partner(self, geo: str, home: str) -> bool:
        """Whether a fact placed at `geo` in a document about `home` is about regional cooperation."""
        if geo in self.regional:
            return True
        if not geo or geo in (self.national, "全球"):
            return False
        return not (contains(home, geo) or contains(geo, home))

    @cached_property
    def forms(self) -> dict[str, str]:
        """Written form → canonical name of its first reading (context decides: `resolve`). Made on first
        use: the facts stage reads places through the gazetteer and never asks."""
        found = gazetteer()
        forms = {form: named[0].name for form, named in (*found.local.items(), *found.places.items())}
        forms.update(dict.fromkeys(found.national_forms, found.national))
        return forms

    @cached_property
    def pattern(self) -> re.Pattern[str]:
        """Every written form and every non-place, longest first. Compiled on first use (thousands of
        names take a tenth of a second): the facts stage finds places with `gazetteer().find`."""
        return regex_cache.compile(alternation(gazetteer().index.words))


@cache
def places() -> Places:
    data = read_toml("places.toml")
    found = gazetteer()
    return Places(
        not_places=found.not_places,
        regional=frozenset(data.get("regional", [])),
        national=found.national,
        national_cues=regex_cache.compile(alternation(data.get("national_cues", [])) or "(?!)"),
        comparison=regex_cache.compile("(?:" + alternation(data.get("comparison_before", [])) + ")$"),
    )


def load_themes(extra: str | Path | None = None) -> dict[str, dict]:
    """Theme id → {"zh", "en", "keywords"}: the shipped themes, extended by a user file.

    The user file (argument, else $BRIEFING_THEMES) has the same shape; its keywords are added to a
    shipped theme of the same id, its names replace the shipped ones, and new ids add themes.
    """
    themes = {tid: dict(body) for tid, body in read_toml("themes.toml").items()}
    extra = extra or os.environ.get(THEMES_ENV)
    if extra:
        with Path(extra).open("rb") as handle:
            user = tomllib.load(handle)
        for tid, body in user.items():
            if not isinstance(body, dict):
                continue
            merged = themes.setdefault(tid, {"zh": tid, "en": tid, "keywords": []})
            merged.update({k: v for k, v in body.items() if k != "keywords"})
            merged["keywords"] = [*merged.get("keywords", []), *body.get("keywords", [])]
    return themes


@dataclass(frozen=True)
class Kinds:
    change_pct: re.Pattern[str]
    up: re.Pattern[str]
    down: re.Pattern[str]
    change_abs: re.Pattern[str]
    share: re.Pattern[str]  # rate words: a percentage after them is a share (贡献率为68.8%)
    reached: re.Pattern[str]  # a change verb reaching a level (提高到25.5%)
    flow_units: frozenset[str]
    window: int


@cache
def kinds() -> Kinds:
    data = read_toml("kinds.toml")
    return Kinds(
        change_pct=regex_cache.compile(alternation(data["change_pct"])),
        up=regex_cache.compile(alternation(data["up"])),
        down=regex_cache.compile(alternation(data["down"])),
        change_abs=regex_cache.compile(alternation(data["change_abs"])),
        share=regex_cache.compile(alternation(data["share"])),
        reached=regex_cache.compile(
            f"(?:{alternation(data['change_pct'])})(?:{alternation(data['reached'])})$"
        ),
        flow_units=frozenset(data["flow_units"]),
        window=int(data.get("window", 8)),
    )
