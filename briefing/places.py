"""Chinese administrative divisions: the full official name and level of a place as it is written.

Shared by ingest (the place a document is about) and facts (the place a figure is about). The gazetteer
is jionlp's dictionary of divisions (province → prefecture → county, with short forms and admin codes),
a maintained source kept current with the official code tables, rather than a hand-made list that only
knows the places of the samples. Forms that read like a place but are not one, and the words for the
whole country, are data (`data/gazetteer.toml`).
"""

from __future__ import annotations

import contextlib
import io
import tomllib
from dataclasses import dataclass
from functools import cache

from briefing.resources import DATA_DIR

PROVINCE, PREFECTURE, COUNTY = "province", "prefecture", "county"
LEVELS: tuple[str, ...] = (PROVINCE, PREFECTURE, COUNTY)


@dataclass(frozen=True)
class Division:
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
class Gazetteer:
    by_form: dict[str, tuple[Division, ...]]  # full names and short forms → divisions, best first
    full_names: frozenset[str]
    longest: int
    not_places: frozenset[str]
    national: str  # the name of the whole country as a place (全国)
    national_cues: tuple[str, ...]  # words that speak of the whole country (全国, 我国)


def _load_jionlp() -> dict:
    """jionlp's province → prefecture → county dictionary; its import banner goes to stdout, which must
    stay clean for `briefing facts`, so it is swallowed."""
    with contextlib.redirect_stdout(io.StringIO()):
        from jionlp.dictionary.dictionary_loader import china_location_loader  # type: ignore[import-untyped]

        return china_location_loader(detail=False)


def _aliases(entry: dict) -> list[str]:
    alias = entry.get("_alias") or []
    return [alias] if isinstance(alias, str) else list(alias)


@cache
def gazetteer() -> Gazetteer:
    data = tomllib.loads((DATA_DIR / "gazetteer.toml").read_text(encoding="utf-8"))
    found: list[tuple[str, bool, Division]] = []  # (form, is full name, division)

    def add(entry: dict, level: str, province: str) -> Division:
        division = Division(entry["_full_name"], level, province, entry.get("_admin_code", ""))
        found.append((division.name, True, division))
        found.extend((alias, False, division) for alias in _aliases(entry) if len(alias) >= 2)
        return division

    for province_name, province in _load_jionlp().items():
        add(province, PROVINCE, province_name)
        for city_name, city in province.items():
            if city_name.startswith("_"):
                continue
            if city_name != province_name:  # a municipality repeats itself as its only prefecture
                add(city, PREFECTURE, province_name)
            for county_name, county in city.items():
                if not county_name.startswith("_"):
                    add(county, COUNTY, province_name)
    for form, name in data.get("short_forms", {}).items():
        found.extend((form, False, d) for f, full, d in list(found) if full and f == name)
    rank = {level: i for i, level in enumerate(LEVELS)}
    by_form: dict[str, list[tuple[str, bool, Division]]] = {}
    for item in found:
        by_form.setdefault(item[0], []).append(item)

    def best_first(item: tuple[str, bool, Division]) -> tuple[bool, int, str]:
        return (not item[1], rank[item[2].level], item[2].code)

    ordered = {
        form: tuple(dict.fromkeys(d for _, _, d in sorted(items, key=best_first)))
        for form, items in by_form.items()
    }
    return Gazetteer(
        by_form=ordered,
        full_names=frozenset(f for f, full, _ in found if full),
        longest=max(map(len, ordered)),
        not_places=frozenset(data.get("not_places", [])),
        national=data["national"]["name"],
        national_cues=tuple(data["national"]["cues"]),
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
    mentions: list[Mention] = []
    i = 0
    while i < len(text):
        blocked = max((len(w) for w in lex.not_places if text.startswith(w, i)), default=0)
        match = None if blocked else _match_at(text, i, lex, levels, short_levels)
        if match is not None:
            mentions.append(match)
        i = match.end if match is not None else i + max(blocked, 1)
    return mentions


def _match_at(
    text: str, i: int, lex: Gazetteer, levels: tuple[str, ...], short_levels: tuple[str, ...]
) -> Mention | None:
    for length in range(min(lex.longest, len(text) - i), 1, -1):
        form = text[i : i + length]
        full = form in lex.full_names
        for division in lex.by_form.get(form, ()):
            if division.level in levels and (full or division.level in short_levels):
                return Mention(i, i + length, form, division)
    return None
