"""The shared gazetteer: a place as written → its full official name and level (invented sentences)."""

import random
import re

import pytest
from conftest import load_tool

from briefing.facts.tables import alternation
from briefing.places import COUNTY, PREFECTURE, PROVINCE, WordIndex, find_places, province_of, resolve_place
from briefing.resources import DATA_DIR


def test_short_province_name_resolves_to_the_full_official_name():
    assert resolve_place("广西") == ("广西壮族自治区", PROVINCE)
    assert resolve_place("内蒙古") == ("内蒙古自治区", PROVINCE)
    assert resolve_place("河南省") == ("河南省", PROVINCE)


def test_lower_levels_keep_their_level():
    assert resolve_place("东城区") == ("东城区", COUNTY)
    assert resolve_place("海南州") == ("海南藏族自治州", PREFECTURE)


def test_an_ambiguous_short_form_prefers_the_place_inside_the_given_province():
    assert resolve_place("朝阳", within="北京") == ("朝阳区", COUNTY)
    assert resolve_place("朝阳", within="辽宁省")[1] == PREFECTURE


def test_the_country_and_unknown_words_are_no_division():
    assert resolve_place("全国") is None
    assert resolve_place("蓝天") is None


def test_province_of_a_prefecture():
    assert province_of("海南藏族自治州") == "青海省"
    assert province_of("广西") == "广西壮族自治区"


def test_find_places_takes_the_longest_form_and_skips_county_short_forms():
    text = "去年，四川成都市新增绿道，共和县和江西的游客同比增长。"
    found = [(m.form, m.division.name) for m in find_places(text)]
    assert found == [("四川", "四川省"), ("成都市", "成都市"), ("共和县", "共和县"), ("江西", "江西省")]


def test_find_places_skips_forms_that_are_not_places():
    assert [m.form for m in find_places("北京时间上午九点，北京开幕。")] == ["北京"]


def test_a_longer_form_is_taken_over_the_short_one_it_starts_with_and_a_level_filter_falls_back():
    text = "他们从吉林市出发"
    assert [(m.form, m.division.name) for m in find_places(text)] == [("吉林市", "吉林市")]
    only_provinces = find_places(text, levels=(PROVINCE,))  # the city is not asked for: its province is
    assert [(m.form, m.division.name) for m in only_provinces] == [("吉林", "吉林省")]


def test_word_index_finds_the_longest_accepted_word_left_to_right():
    index = WordIndex.of(["青山", "青山湖", "湖光", "光明", "x"])  # one-character words are not indexed
    assert index.find("青山湖光明") == [(0, 3, "青山湖"), (3, 5, "光明")]
    assert index.find("青山湖光明", accept=lambda word: word != "青山湖") == [(0, 2, "青山"), (2, 4, "湖光")]
    assert index.longest_at("到青山", 1) == "青山" and index.longest_at("到青山", 0) is None
    assert index.find("x青") == []


def test_word_index_finds_what_a_longest_first_regular_expression_of_its_words_finds():
    words = ["东湖", "东湖区", "湖区", "新区", "东新", "区湖", "新东湖"]
    pattern = re.compile(alternation(words))
    index = WordIndex.of(words)
    for text in ("东湖区新区东新湖", "区区东东湖湖新新", "新东湖东新区", "湖东", "区湖区"):
        assert index.find(text) == [(m.start(), m.end(), m.group()) for m in pattern.finditer(text)], text


WORDS = ["东湖", "东湖区", "湖区", "新区", "东新", "区湖", "新东湖", "𠀀湖", "湖𠀀新"]
TEXTS = (
    "东湖区新区东新湖",
    "区区东东湖湖新新",
    "某县新建学校3所，东湖区增长5%",
    "湖东",
    "没有地名",
    "𠀀湖𠀀新区",
)
"""Invented texts (𠀀, outside the BMP, checks that positions count characters, not UTF-16 or bytes)."""


def pair_starts(words: list[str], text: str) -> list[int]:
    """By brute force: every position of `text` whose two characters are the first two of a word."""
    pairs = {word[:2] for word in words if len(word) >= 2}
    return [i for i in range(len(text) - 1) if text[i : i + 2] in pairs]


def test_starts_of_lists_every_position_where_a_word_begins():
    index = WordIndex.of(WORDS)
    assert index.starts_of("区东湖湖区东新") == [1, 3, 5]
    assert WordIndex.of([]).starts_of("东湖") == [] and index.starts_of("") == []
    rng = random.Random(16)
    randoms = ("".join(rng.choice("东湖区新𠀀，x") for _ in range(rng.randint(0, 12))) for _ in range(3000))
    for text in [*TEXTS, *randoms]:
        assert index.starts_of(text) == pair_starts(WORDS, text), text


def test_a_span_without_a_word_start_holds_no_word():
    """`starts_of` lists every place a word may start: a part of the text holding none of them, with room
    for a word's first two characters, is one where `find` finds nothing; every other part is read."""
    index = WordIndex.of(WORDS)
    for text in TEXTS:
        starts = pair_starts(WORDS, text)
        for low in range(len(text)):
            for high in range(low + 1, len(text) + 1):
                if not any(low <= s and s + 2 <= high for s in starts):
                    assert index.find(text[low:high]) == [], (text, low, high)


def test_the_shipped_divisions_are_jionlps_gazetteer_as_the_tool_flattens_it():
    """data/divisions.tsv is generated (tools/make_divisions.py): it must not drift from its source."""
    pytest.importorskip("jionlp")
    tool = load_tool("make_divisions")
    shipped = (DATA_DIR / "divisions.tsv").read_text(encoding="utf-8").splitlines()
    assert [line for line in shipped if not line.startswith("#")] == tool.rows()


def test_a_prefecture_short_form_with_its_level_word_names_the_autonomous_prefecture():
    # 海南州 is the prefecture in Qinghai even where only province short forms are read (a headline):
    # the longer form with 州 wins over the province 海南 it starts with.
    text = "海南州新建牧场12个，甘孜州、黔东南州和西双版纳州的游客增多。"
    found = [(m.form, m.division.name) for m in find_places(text, short_levels=(PROVINCE,))]
    assert found == [
        ("海南州", "海南藏族自治州"),
        ("甘孜州", "甘孜藏族自治州"),
        ("黔东南州", "黔东南苗族侗族自治州"),
        ("西双版纳州", "西双版纳傣族自治州"),
    ]
    assert resolve_place("延边州") == ("延边朝鲜族自治州", PREFECTURE)
    assert resolve_place("大理州") == ("大理白族自治州", PREFECTURE)
    assert [m.division.name for m in find_places("他去海南度假。")] == ["海南省"]


def test_finding_within_a_part_finds_what_finding_in_a_copy_of_it_finds():
    """`find(text, within=(low, high), starts=…)` reads text[low:high] in place, with the word starts of
    the whole text: a word cut by `high` is not there, one starting before `low` is not read."""
    index = WordIndex.of(WORDS)
    rng = random.Random(4)
    randoms = ["".join(rng.choice("东湖区新𠀀，x") for _ in range(rng.randint(0, 12))) for _ in range(400)]
    for text in [*TEXTS, *randoms]:
        starts = index.starts_of(text)
        for low in range(len(text) + 1):
            for high in range(low, len(text) + 1):
                copied = [(s + low, e + low, w) for s, e, w in index.find(text[low:high])]
                assert index.find(text, within=(low, high), starts=starts) == copied, (text, low, high)
                assert index.find(text, within=(low, high)) == copied, (text, low, high)


def test_the_gazetteer_kept_between_runs_is_the_one_read_from_the_files(tmp_path, monkeypatch):
    """The gazetteer's tables are kept in the user cache (resources.derived): one read back from there
    names the same divisions, full names and index as one made from the files."""
    from briefing import places
    from briefing.resources import derived

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    fresh = places._gazetteer_of(places._tables())
    stored = places._gazetteer_of(derived("gazetteer", places.SOURCES, places._tables))
    assert list((tmp_path / "briefing" / "derived").glob("gazetteer*"))  # kept for the next run
    again = places._gazetteer_of(derived("gazetteer", places.SOURCES, lambda: pytest.fail("not kept")))
    text = "广西南宁市新建学校3所，海南州、东城区和北京时间"
    for made in (stored, again, places.gazetteer()):
        assert list(made.by_form.items()) == list(fresh.by_form.items())
        assert (made.full_names, made.not_places, made.longest) == (
            fresh.full_names,
            fresh.not_places,
            fresh.longest,
        )
        assert (made.national, made.national_cues) == (fresh.national, fresh.national_cues)
        assert made.index.words == fresh.index.words and made.index.lengths == fresh.index.lengths
        assert made.index.find(text) == fresh.index.find(text) != []
