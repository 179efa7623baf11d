"""Places as the facts stage reads them: the shared gazetteer of administrative divisions
(briefing/places.py) read the way a document about one place reads it, plus the regions and zones of
briefing/data/places.toml that are not divisions (京津冀, 雄安新区).

A division's code says what contains what (220100 长春市 lies in 220000 吉林省), so a figure placed in
长春 counts as inside a Jilin report without a hand-kept list. A county's short form (海淀 for 海淀区) and
the short forms listed as `home_only` (大同, 北海: also ordinary words) are read only in a text about the
city around them, where they cannot mean a word.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache

from briefing.facts.tables import read_toml
from briefing.places import COUNTY, PREFECTURE, PROVINCE, Division, WordIndex
from briefing.places import gazetteer as divisions

MIN_FULL_NAME = 3
"""Full names of two characters (城区, 郊区) are too often plain words."""


Place = Division
"""A place as the facts stage reads it: `name` (canonical full name: 吉林省, 长春市, 海淀区, 京津冀), `code`
(administrative code; "" for a region that is not a division) and `level` (province | prefecture |
county | region). A division is the shared gazetteer's own tuple, not a copy (making ~3,400 copies cost
~4 ms a process); a region of data/places.toml is made as one, with no province."""


@dataclass(frozen=True)
class Gazetteer:
    places: dict[str, tuple[Place, ...]]  # written form → places it may name, best first
    local: dict[str, tuple[Place, ...]]  # short forms read only inside the home area
    by_name: dict[str, Place]
    within: dict[str, frozenset[str]]  # regions inside an area that codes cannot tell
    national: str  # the whole country (全国)
    national_forms: frozenset[str]
    not_places: frozenset[str]
    index: WordIndex  # every form, local form and non-place

    def find(
        self, text: str, within: tuple[int, int] | None = None, starts: list[int] | None = None
    ) -> list[tuple[int, int, str]]:
        """(start, end, word) of the words of `index` in `text` (in its part `within`, as
        `WordIndex.find` reads it), the longest at each position, left to right, not overlapping."""
        return self.index.find(text, within=within, starts=starts)

    def contains(self, area: str, name: str) -> bool:
        """Whether place `name` lies in `area` (or is it): by code prefix, or by the regions of the data."""
        if area == name:
            return True
        outer, inner = self.by_name.get(area), self.by_name.get(name)
        if outer is None or inner is None or not outer.code or not inner.code:
            return name in self.within.get(area, ())
        return outer.level != COUNTY and inner.code.startswith(self._prefix(area))

    def resolve(self, form: str, home: str) -> str | None:
        """Canonical name of written `form` in a document about `home`; None when it is not a place there."""
        if form in self.not_places:
            return None
        if form in self.national_forms:
            return self.national
        candidates = self.places.get(form, ())
        prefix = self._prefix(home)
        counties = self._reads_counties(home)
        inside = [
            p
            for p in (*candidates, *self.local.get(form, ()))
            if prefix and p.code.startswith(prefix) and (p.level != COUNTY or counties)
        ]
        if inside:
            return inside[0].name
        return candidates[0].name if candidates else None

    def forms_of(self, name: str) -> tuple[str, ...]:
        """Every written form of place `name` (河北省, 河北), the full name first."""
        return _forms_by_name().get(name, ())

    def level(self, name: str) -> str:
        place = self.by_name.get(name)
        return place.level if place is not None else "region"

    def _reads_counties(self, home: str) -> bool:
        """A city's or district's text names its districts by short form (海淀); a province's, no."""
        place = self.by_name.get(home)
        return place is not None and (place.level != PROVINCE or place.name.endswith("市"))

    def _prefix(self, area: str) -> str:
        """Code prefix of the area whose short forms a document about `area` uses: a county's city."""
        place = self.by_name.get(area)
        if place is None or not place.code:
            return ""
        return place.code[:2] if place.level == PROVINCE else place.code[:4]


@cache
def gazetteer() -> Gazetteer:
    data = read_toml("places.toml")
    shared = divisions()
    home_only = frozenset(data.get("home_only", []))
    places: dict[str, list[Place]] = {}
    local: dict[str, list[Place]] = {}
    by_name: dict[str, Place] = {}
    for form, found in shared.by_form.items():
        full = form in shared.full_names
        for place in found:
            if place.level not in (PROVINCE, PREFECTURE, COUNTY):
                continue
            by_name.setdefault(place.name, place)
            if full:  # a full name or one keeping its level word (海南藏族自治州, 海南州)
                if len(form) >= MIN_FULL_NAME:
                    places.setdefault(form, []).append(place)
            elif place.level == COUNTY or form in home_only:
                local.setdefault(form, []).append(place)
            else:
                places.setdefault(form, []).append(place)
    for name, forms in data["regions"].items():
        place = Place(name=name, level="region", province="", code="")
        by_name.setdefault(name, place)
        for form in forms:
            places.setdefault(form, []).insert(0, place)
    national_forms = frozenset(data.get("national_forms", []))
    not_places = frozenset(data.get("not_places", [])) | shared.not_places
    return Gazetteer(
        places={form: tuple(found) for form, found in places.items()},
        local={form: tuple(found) for form, found in local.items() if form not in places},
        by_name=by_name,
        within={area: frozenset(inside) for area, inside in data.get("within", {}).items()},
        national=data.get("national", shared.national),
        national_forms=national_forms,
        not_places=not_places,
        index=WordIndex.of([*places, *local, *national_forms, *not_places]),
    )


@cache
def _forms_by_name() -> dict[str, tuple[str, ...]]:
    """Place name → its written forms, the full name first."""
    forms: dict[str, list[str]] = {}
    for form, found in gazetteer().places.items():
        names = (found[0].name,) if len(found) == 1 else dict.fromkeys(p.name for p in found)  # most: one
        for place in names:
            forms.setdefault(place, []).append(form)
    return {name: tuple(sorted(written, key=lambda form: form != name)) for name, written in forms.items()}


@lru_cache(maxsize=8192)
def resolve(form: str, home: str) -> str | None:
    """`Gazetteer.resolve`, remembered: a document asks about the same few forms again and again."""
    return gazetteer().resolve(form, home)


@lru_cache(maxsize=8192)
def contains(area: str, name: str) -> bool:
    """`Gazetteer.contains`, remembered."""
    return gazetteer().contains(area, name)
