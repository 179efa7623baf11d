"""The shared gazetteer: a place as written → its full official name and level (invented sentences)."""

from briefing.places import COUNTY, PREFECTURE, PROVINCE, find_places, province_of, resolve_place


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
