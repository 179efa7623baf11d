"""The termbase: size, no duplicate or conflicting entries, agreement with the glossary, place names."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from conftest import load_tool

from briefing.translate import Glossary
from briefing.translate.glossary import fold
from briefing.translate.termbase import TERMBASE_PATHS, Termbase, read_termbase, shipped_terms

ROOT = Path(__file__).resolve().parent.parent
HAND_SOURCES = {"indicator", "place", "body", "policy", "sector", "product", "term", "unit", "function"}


def test_termbase_is_broad_and_every_entry_names_its_source() -> None:
    terms = shipped_terms()
    assert len(terms) >= 3000
    sources = Counter(term.source.split(":")[0] for term in terms.values())
    assert set(sources) <= HAND_SOURCES | {"gazetteer"}
    assert sources["gazetteer"] >= 2000 and sources["indicator"] >= 200


@pytest.mark.parametrize("path", TERMBASE_PATHS, ids=lambda p: p.name)
def test_no_term_is_listed_twice_in_a_file(path: Path) -> None:
    counts = Counter(term.zh for term in read_termbase(path))
    assert [zh for zh, n in counts.items() if n > 1] == []


def test_files_and_glossary_never_disagree() -> None:
    """A term in two places has one English: the files do not contradict each other or the glossary."""
    english: dict[str, set[str]] = {}
    for path in TERMBASE_PATHS:
        for term in read_termbase(path):
            english.setdefault(term.zh, set()).add(term.en)
    glossary = Glossary.load()
    for zh in glossary.entries():
        if zh in english:
            english[zh].add(glossary.lookup(zh) or "")
    assert {zh: en for zh, en in english.items() if len(en) > 1} == {}


def test_provinces_and_counties_are_places(tmp_path: Path) -> None:
    termbase = Termbase(Glossary.load())
    for zh in ("陕西省", "内蒙古自治区", "重庆市", "香港"):
        assert termbase.is_place(zh), zh
    assert termbase.lookup("陕西") == "Shaanxi"
    assert termbase.is_place("石家庄市") and termbase.lookup("石家庄") == "Shijiazhuang"
    assert not termbase.is_place("制造业")


def test_user_glossary_overrides_the_termbase(tmp_path: Path) -> None:
    user = tmp_path / "mine.tsv"
    user.write_text("充电桩\tEV chargers\n", encoding="utf-8")
    assert Termbase(Glossary.load()).lookup("充电桩") == "charging piles"
    assert Termbase(Glossary.load([user])).lookup("充电桩") == "EV chargers"


def test_malformed_termbase_line_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.tsv"
    path.write_text("# comment\n煤炭\tcoal\tsector\n钢铁\tsteel\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad\.tsv:3:"):
        list(read_termbase(path))


@pytest.mark.parametrize(
    "text",
    [
        "# comment\n煤炭\tcoal\tsector\n\n  \n纺织品\ttextiles\tproduct",  # plain: one expression reads it
        "煤炭\tcoal\tsector\n（ＰＭ２．５）浓度\tPM2.5 concentration\tindicator\n",  # full-width forms fold
        " 煤炭 \t coal\tsector \n纺织品\ttextiles\tproduct\n",  # edge spaces: read line by line
        "煤炭\tcoal\tsector\r\n纺织品\ttextiles\tproduct\r\n",  # other line breaks: read line by line
    ],
)
def test_every_way_of_reading_gives_the_entries_line_by_line(tmp_path: Path, text: str) -> None:
    path = tmp_path / "terms.tsv"
    path.write_text(text, encoding="utf-8", newline="")
    expected = [
        (fold(zh.strip()), en.strip(), source.strip())
        for zh, en, source in (
            line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")
        )
    ]
    assert [tuple(term) for term in read_termbase(path)] == expected


@pytest.fixture(scope="module")
def place_tool():
    pytest.importorskip("jionlp")
    return load_tool("make_place_termbase")


def test_place_generator_romanises_by_unit_suffix(place_tool) -> None:
    import tomllib

    rules = tomllib.loads((ROOT / "tools" / "place_suffixes.toml").read_text(encoding="utf-8"))
    assert place_tool.english("安平区", rules) == "Anping District"
    assert place_tool.english("西安县", rules) == "Xi'an County"  # apostrophe before a vowel syllable
    assert place_tool.english("白水朝鲜族自治县", rules) == "Baishui Korean Autonomous County"
    assert place_tool.english("宁安市", rules) == "Ning'an"
    assert place_tool.english("某省某市某某高新技术产业园区", rules) is None  # no plain place name


def test_shipped_terms_read_back_from_the_cache_are_the_files_entries(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The termbase is kept in the user cache (resources.derived); a cold and a warm read both give
    what parsing the files gives, first entry of a term winning, in file order."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    expected: dict[str, tuple[str, str, str]] = {}
    for path in TERMBASE_PATHS:
        for term in read_termbase(path):
            expected.setdefault(term.zh, tuple(term))
    for _ in ("cold", "warm"):
        shipped_terms.cache_clear()
        try:
            terms = shipped_terms()
        finally:
            shipped_terms.cache_clear()
        assert [(zh, tuple(term)) for zh, term in terms.items()] == list(expected.items())
        assert all(type(term).__name__ == "Term" and term.zh == zh for zh, term in terms.items())
