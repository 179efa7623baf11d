"""The cache of derived set-up data (translate/derived.py): a value comes back from it only when it was
stored for the same inputs and arrived intact; anything else is computed again, and a cache that cannot
be written costs nothing but the time."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.translate import derived, termbase
from briefing.translate.labels import LabelRules
from briefing.translate.segmenter import Segmenter, shipped_index


@pytest.fixture(autouse=True)
def private_cache(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache" / "briefing"


class Counting:
    def __init__(self, value):
        self.value, self.calls = value, 0

    def __call__(self):
        self.calls += 1
        return self.value


def test_a_value_is_computed_once_for_the_same_inputs() -> None:
    compute = Counting([("甲", "a", "term")])
    first = derived.cached("sample", [b"one", b"two"], compute, lambda v: isinstance(v, list))
    again = derived.cached("sample", [b"one", b"two"], compute, lambda v: isinstance(v, list))
    assert first == again == [("甲", "a", "term")] and compute.calls == 1


def test_other_inputs_compute_the_value_again() -> None:
    compute = Counting(7)
    derived.cached("sample", [b"one", b"two"], compute, lambda v: True)
    derived.cached("sample", [b"onetwo"], compute, lambda v: True)  # the same bytes, split otherwise
    derived.cached("sample", [b"one", b"three"], compute, lambda v: True)
    assert compute.calls == 3


@pytest.mark.parametrize("damage", ["garbage", "flipped", "truncated"])
def test_a_damaged_file_is_computed_again(private_cache: Path, damage: str) -> None:
    compute = Counting(["煤炭", "钢铁"])
    derived.cached("sample", [b"in"], compute, lambda v: True)
    path = private_cache / "sample.marshal"
    data = path.read_bytes()
    if damage == "garbage":
        data = b"\x00not marshal at all"
    elif damage == "flipped":
        data = data[:-3] + bytes([data[-3] ^ 0x20]) + data[-2:]  # inside the value's bytes
    else:
        data = data[: len(data) // 2]
    path.write_bytes(data)
    assert derived.cached("sample", [b"in"], compute, lambda v: True) == ["煤炭", "钢铁"]
    assert compute.calls == 2


def test_a_value_of_the_wrong_shape_is_computed_again() -> None:
    derived.cached("sample", [b"in"], lambda: "text", lambda v: True)
    assert derived.cached("sample", [b"in"], lambda: 5, lambda v: isinstance(v, int)) == 5


def test_an_unwritable_cache_is_left_alone(tmp_path: Path, monkeypatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    compute = Counting(3)
    assert derived.cached("sample", [b"in"], compute, lambda v: True) == 3
    assert derived.cached("sample", [b"in"], compute, lambda v: True) == 3 and compute.calls == 2


def test_the_cached_termbase_is_the_parsed_one() -> None:
    termbase.shipped_terms.cache_clear()
    try:
        parsed = termbase.shipped_terms()  # an empty cache: parsed and stored
        termbase.shipped_terms.cache_clear()
        assert termbase.shipped_terms() == parsed  # read back from the cache
        assert list(termbase.shipped_terms()) == list(parsed)  # in the same order
    finally:
        termbase.shipped_terms.cache_clear()


def test_the_segmenters_total_counts_its_own_user_words() -> None:
    words = ["羊奶酪", "奶酪", "星湖港"]  # one new word, one jieba knows, one new again
    fresh = Segmenter(shipped_index(), words, 10**7)
    cached = Segmenter(shipped_index(), words, 10**7)  # the total from the cache
    other = Segmenter(shipped_index(), words[:1], 10**7)
    assert fresh._logtotal == cached._logtotal != other._logtotal
    assert fresh.cut("羊奶酪厂") == cached.cut("羊奶酪厂") == ["羊奶酪", "厂"]


def test_the_cached_label_rules_are_the_parsed_ones() -> None:
    parsed = LabelRules()  # an empty cache: parsed and stored
    cached = LabelRules()
    assert cached.heads == parsed.heads and cached.verbs == parsed.verbs
    assert [p.pattern for p in cached.noise_patterns] == [p.pattern for p in parsed.noise_patterns]


def _no_home(cls) -> Path:
    raise RuntimeError("Could not determine home directory.")  # as Path.home() says it


def test_without_a_home_folder_the_value_is_computed(monkeypatch) -> None:
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setattr(Path, "home", classmethod(_no_home))
    assert derived.cached("sample", [b"in"], lambda: 4, lambda v: True) == 4
