"""Chinese administrative divisions: the full official name and level of a place as it is written.

Shared by ingest (the place a document is about) and facts (the place a figure is about). The gazetteer
is jionlp's dictionary of divisions (province → prefecture → county, with short forms and admin codes),
a maintained source kept current with the official code tables, rather than a hand-made list that only
knows the places of the samples. It ships flattened as `data/divisions.tsv` (made by
`tools/make_divisions.py`), so reading it costs milliseconds and no jionlp import. Forms that read like
a place but are not one, and the words for the whole country, are data (`data/gazetteer.toml`).
"""

from __future__ import annotations

import tomllib
from bisect import bisect_left
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import NamedTuple

import ahocorasick_rs

from briefing.resources import DATA_DIR, derived

PROVINCE, PREFECTURE, COUNTY = "province", "prefecture", "county"
LEVELS: tuple[str, ...] = (PROVINCE, PREFECTURE, COUNTY)


class Division(NamedTuple):
    """A division of the gazetteer. A named tuple, not a frozen dataclass: every process builds one for
    each of the ~3,400 divisions, and a tuple is made in a third of the time (~1 ms a process)."""

    name: str  # full official name: 广西壮族自治区, 海南藏族自治州, 东城区
    level: str  # province | prefecture | county
    province: str  # full name of the province-level division it lies in (itself for a province)
    code: str  # six-digit administrative code


@dataclass(frozen=True)
class Mention:
    """A place named in a text: where, as what form, and the division it names."""

    start: int
    end: int
    form: str
    division: Division


@dataclass(frozen=True)
class WordIndex:
    """A set of words (two characters or more) indexed by their first two characters, to find them in a
    text without trying each at every position: a regular expression of thousands of names does that,
    and Python's engine tries its alternatives one by one. Here an Aho-Corasick automaton of the words'
    first two characters (ahocorasick-rs, overlapping matches) lists in one pass over the text every
    position where a word may start; Python looks further only there, and tries only the lengths of the
    words so starting. An automaton of the pairs is six times smaller to build than one of the words."""

    words: frozenset[str]
    lengths: dict[str, tuple[int, ...]]  # first two characters → lengths of words so starting, longest first
    starts: ahocorasick_rs.AhoCorasick | None  # every first-two-characters pair; None without words

    @classmethod
    def of(cls, words: Iterable[str]) -> WordIndex:
        kept = frozenset(w for w in words if len(w) >= 2)
        lengths: dict[str, set[int]] = {}
        for word in kept:
            lengths.setdefault(word[:2], set()).add(len(word))
        pairs = {start: tuple(sorted(found, reverse=True)) for start, found in lengths.items()}
        return cls(kept, pairs, ahocorasick_rs.AhoCorasick(list(pairs)) if pairs else None)

    def find(
        self,
        text: str,
        accept: Callable[[str], bool] | None = None,
        *,
        within: tuple[int, int] | None = None,
        starts: list[int] | None = None,
    ) -> list[tuple[int, int, str]]:
        """(start, end, word): the longest word at each position (of those `accept` takes, if given),
        left to right, not overlapping. `within` (low, high) reads only that part of `text`, as if it
        were the whole text (what `find(text[low:high])` finds, at offsets of `text`), without copying
        it; `starts`, the `starts_of(text)` a caller has already listed, spares listing them again."""
        low, high = within or (0, len(text))
        if starts is None:
            starts = self.starts_of(text)
        found: list[tuple[int, int, str]] = []
        end = low
        for i in starts[bisect_left(starts, low) :] if low else starts:
            if i + 2 > high:
                break
            if i >= end:
                word = self.longest_at(text, i, accept, high)
                if word is not None:
                    end = i + len(word)
                    found.append((i, end, word))
        return found

    def starts_of(self, text: str) -> list[int]:
        """The positions of `text` whose two characters start a word (in order): `find` reads a part of
        `text` holding none of them as holding no word, and a caller can skip it."""
        if self.starts is None:
            return []
        # every pattern is two characters long: matches come in order of their end, so of their start
        return [start for _, start, _ in self.starts.find_matches_as_indexes(text, overlapping=True)]

    def longest_at(
        self, text: str, i: int, accept: Callable[[str], bool] | None = None, end: int | None = None
    ) -> str | None:
        """The longest word (that `accept` takes) starting at position `i` of `text` and ending by `end`
        (the end of `text` unless given), else None."""
        end = len(text) if end is None else end
        for length in self.lengths.get(text[i : i + 2], ()):
            if i + length <= end:
                word = text[i : i + length]
                if word in self.words and (accept is None or accept(word)):
                    return word
        return None


@dataclass(frozen=True)
class Gazetteer:
    by_form: dict[str, tuple[Division, ...]]  # full names and short forms → divisions, best first
    full_names: frozenset[str]
    longest: int
    not_places: frozenset[str]
    national: str  # the name of the whole country as a place (全国)
    national_cues: tuple[str, ...]  # words that speak of the whole country (全国, 我国)
    index: WordIndex  # every form and every non-place, for `find_places`


def _divisions() -> list[tuple[Division, list[str]]]:
    """Each division of data/divisions.tsv with its short forms, in the file's order."""
    out: list[tuple[Division, list[str]]] = []
    for line in (DATA_DIR / "divisions.tsv").read_text(encoding="utf-8").split("\n"):
        if line.startswith("#") or not line.strip():
            continue
        level, province, name, code, aliases = line.split("\t")
        out.append((Division(name, level, province, code), aliases.split(",") if aliases else []))
    return out


_AUTONOMOUS = ("自治州", "自治县")


def _marked_forms(division: Division, aliases: list[str]) -> list[str]:
    """Short forms of an autonomous prefecture or county that keep their level word (甘孜藏族自治州 →
    甘孜州, 某某族自治县 → 某某县). The level word makes them as plain as a full name: 海南州 is the
    prefecture in Qinghai, never the province 海南 followed by a stray character, so they count as full
    names wherever full names are read."""
    if not division.name.endswith(_AUTONOMOUS):
        return []
    level_word = division.name[-1]
    forms = (alias if alias.endswith(level_word) else alias + level_word for alias in aliases)
    return [form for form in forms if len(form) >= 3]


SOURCES = (DATA_DIR / "divisions.tsv", DATA_DIR / "gazetteer.toml", Path(__file__))
"""What the gazetteer is made from: its data files and this module, whose code reads them."""


@cache
def gazetteer() -> Gazetteer:
    """The divisions and their written forms. What `_tables` reads from the data files is kept between
    runs (resources.derived, checked against the files and this module): remaking the named tuples and
    the index's automaton from it costs two thirds of reading the files (~4 ms less a start)."""
    return _gazetteer_of(derived("gazetteer", SOURCES, _tables))


def _tables() -> tuple:
    """The gazetteer in plain values (what marshal keeps): the divisions as rows, each form's rows best
    first, the full names, the non-places, the country's name and cues, the index's words and lengths."""
    data = tomllib.loads((DATA_DIR / "gazetteer.toml").read_text(encoding="utf-8"))
    # written form → its readings (is it a full name, the division), in the file's order; built in one
    # pass with the set of full names (~3,400 divisions)
    readings: dict[str, list[tuple[bool, Division]]] = {}
    full_names: set[str] = set()
    for division, aliases in _divisions():
        name = division.name
        full_names.add(name)
        readings.setdefault(name, []).append((True, division))
        for alias in aliases:
            if len(alias) >= 2:
                readings.setdefault(alias, []).append((False, division))
        for form in _marked_forms(division, aliases) if name.endswith(_AUTONOMOUS) else ():
            full_names.add(form)
            readings.setdefault(form, []).append((True, division))
    for form, name in data.get("short_forms", {}).items():
        named = [(False, d) for full, d in readings.get(name, ()) if full]
        if named:
            readings.setdefault(form, []).extend(named)
    rank = {level: i for i, level in enumerate(LEVELS)}

    def best_first(item: tuple[bool, Division]) -> tuple[bool, int, str]:
        return (not item[0], rank[item[1].level], item[1].code)

    ordered = {  # most forms name one division: nothing to sort
        form: (items[0][1],)
        if len(items) == 1
        else tuple(dict.fromkeys(d for _, d in sorted(items, key=best_first)))
        for form, items in readings.items()
    }
    not_places = frozenset(data.get("not_places", []))
    rows: dict[Division, int] = {}  # division → its row, in order of first use
    forms = {form: tuple(rows.setdefault(d, len(rows)) for d in found) for form, found in ordered.items()}
    index = WordIndex.of([*ordered, *not_places])
    national = data["national"]
    return (
        [tuple(division) for division in rows],
        forms,
        sorted(full_names),
        sorted(not_places),
        national["name"],
        list(national["cues"]),
        sorted(index.words),
        index.lengths,
    )


def _gazetteer_of(tables: tuple) -> Gazetteer:
    """The gazetteer from its `_tables`."""
    rows, forms, full_names, not_places, national, cues, words, lengths = tables
    divisions = [Division._make(row) for row in rows]
    by_form = {form: tuple(divisions[i] for i in found) for form, found in forms.items()}
    return Gazetteer(
        by_form=by_form,
        full_names=frozenset(full_names),
        longest=max(map(len, by_form)),
        not_places=frozenset(not_places),
        national=national,
        national_cues=tuple(cues),
        index=WordIndex(
            frozenset(words), lengths, ahocorasick_rs.AhoCorasick(list(lengths)) if lengths else None
        ),
    )


def resolve_place(text: str, within: str = "") -> tuple[str, str] | None:
    """(full official name, level) of a place written as `text`, full or short: 广西 → (广西壮族自治区,
    province), 东城区 → (东城区, county); None when it names no division. Where a short form names
    several (朝阳: a district and a city), one inside the province `within` wins, else the full name,
    else the higher level."""
    division = division_of(text.strip(), within)
    return (division.name, division.level) if division else None


def division_of(form: str, within: str = "") -> Division | None:
    """The division a written form names (see `resolve_place`)."""
    lex = gazetteer()
    if form == lex.national:
        return None
    candidates = lex.by_form.get(form, ())
    if within:
        province = province_of(within) or within
        inside = [d for d in candidates if d.province == province]
        if inside:
            return inside[0]
    return candidates[0] if candidates else None


def province_of(name: str) -> str:
    """Full name of the province-level division a place lies in (广西 → 广西壮族自治区), "" if unknown."""
    division = division_of(name)
    return division.province if division else ""


def find_places(
    text: str, levels: tuple[str, ...] = LEVELS, short_levels: tuple[str, ...] = (PROVINCE, PREFECTURE)
) -> list[Mention]:
    """Places named in `text`, the longest form at each position, left to right, not overlapping.

    Short forms count only for the levels in `short_levels`: a county's short form (two characters) is
    too often an ordinary word. Forms listed as not places (北京时间) are skipped whole.
    """
    lex = gazetteer()

    def named(form: str) -> Division | None:
        full = form in lex.full_names
        for division in lex.by_form.get(form, ()):
            if division.level in levels and (full or division.level in short_levels):
                return division
        return None

    def taken(form: str) -> bool:
        return form in lex.not_places or named(form) is not None

    mentions: list[Mention] = []
    for start, end, form in lex.index.find(text, taken):
        division = None if form in lex.not_places else named(form)
        if division is not None:
            mentions.append(Mention(start, end, form, division))
    return mentions
