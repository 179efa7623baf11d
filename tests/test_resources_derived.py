"""resources.derived: program data derived from shipped files, kept in the user cache between runs. What
it gives must be what building it gives, whatever state the cache is in; the files here are written for
the test."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

import pytest

from briefing import resources
from briefing.resources import derived, toml_data, user_cache_dir


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache" / "briefing" / "derived"


class Counting:
    """A build function that counts its calls and derives its value from a file."""

    def __init__(self, source: Path) -> None:
        self.source = source
        self.calls = 0

    def __call__(self) -> dict[str, list[str]]:
        self.calls += 1
        return {"lines": self.source.read_text(encoding="utf-8").splitlines()}


def test_a_stored_value_is_read_back_until_its_source_changes(tmp_path: Path, cache_home: Path) -> None:
    source = tmp_path / "words.txt"
    source.write_text("甲乙\n丙丁\n", encoding="utf-8")
    build = Counting(source)
    assert derived("words", [source], build) == {"lines": ["甲乙", "丙丁"]}
    assert derived("words", [source], build) == {"lines": ["甲乙", "丙丁"]}
    assert build.calls == 1
    source.write_text("甲乙\n戊己\n", encoding="utf-8")  # same size: the modification time tells
    os.utime(source, ns=(1, 1))
    assert derived("words", [source], build) == {"lines": ["甲乙", "戊己"]}
    assert build.calls == 2


def test_each_call_gets_its_own_copy(tmp_path: Path, cache_home: Path) -> None:
    source = tmp_path / "words.txt"
    source.write_text("甲\n", encoding="utf-8")
    build = Counting(source)
    derived("words", [source], build)["lines"].append("乙")
    assert derived("words", [source], build) == {"lines": ["甲"]}


def test_another_key_is_another_value(tmp_path: Path, cache_home: Path) -> None:
    source = tmp_path / "words.txt"
    source.write_text("甲\n", encoding="utf-8")
    assert derived("n", [source], lambda: 1, key=("a",)) == 1
    assert derived("n", [source], lambda: 2, key=("b",)) == 2
    assert derived("n", [source], lambda: 3, key=("b",)) == 2


def test_sources_elsewhere_keep_a_file_of_their_own(tmp_path: Path, cache_home: Path) -> None:
    """Two checkouts of the same data, used in turn, each read their value back: neither rebuilds the
    other's."""
    builds = []
    for checkout in ("one", "two"):
        source = tmp_path / checkout / "words.txt"
        source.parent.mkdir()
        source.write_text(f"{checkout}\n", encoding="utf-8")
        builds.append(Counting(source))
    for _ in range(3):
        for build in builds:
            assert derived("words", [build.source], build) == {"lines": [build.source.parent.name]}
    assert [build.calls for build in builds] == [1, 1]
    assert len(list(cache_home.glob("words-*.marshal"))) == 2


def test_a_version_laying_files_out_otherwise_keeps_its_own(
    tmp_path: Path, cache_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two versions of briefing sharing the cache folder, their file layouts different, in turn: each
    reads its own file back; neither takes the other's for damaged and rewrites it."""
    source = tmp_path / "words.txt"
    source.write_text("甲\n", encoding="utf-8")
    build = Counting(source)
    derived("words", [source], build)
    (ours,) = cache_home.glob("words-*.marshal")
    kept = ours.read_bytes()
    with monkeypatch.context() as other_version:
        other_version.setattr(resources, "LAYOUT", "v0")
        derived("words", [source], build)
    assert derived("words", [source], build) == {"lines": ["甲"]}
    assert build.calls == 2  # once per layout, never again
    assert ours.read_bytes() == kept
    assert len(list(cache_home.glob("words-*.marshal"))) == 2


@pytest.mark.parametrize("damage", [b"", b"\x00garbage", "cut", "flipped"])
def test_a_damaged_cache_file_is_rebuilt(tmp_path: Path, cache_home: Path, damage: bytes | str) -> None:
    source = tmp_path / "words.txt"
    source.write_text("甲乙\n", encoding="utf-8")
    build = Counting(source)
    derived("words", [source], build)
    (stored,) = cache_home.glob("words-*.marshal")
    data = stored.read_bytes()
    if damage == "cut":
        data = data[: len(data) // 2]
    elif damage == "flipped":  # a changed byte in the stored value: the checksum tells
        at = data.rindex("甲".encode())
        data = data[:at] + "丙".encode() + data[at + 3 :]
    else:
        data = damage
    stored.write_bytes(data)
    assert derived("words", [source], build) == {"lines": ["甲乙"]}
    assert build.calls == 2


def test_an_unwritable_cache_costs_time_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    source = tmp_path / "words.txt"
    source.write_text("甲\n", encoding="utf-8")
    build = Counting(source)
    assert derived("words", [source], build) == derived("words", [source], build) == {"lines": ["甲"]}
    assert build.calls == 2


def test_a_missing_source_is_left_to_the_build_to_report(tmp_path: Path, cache_home: Path) -> None:
    missing = tmp_path / "gone.txt"
    with pytest.raises(FileNotFoundError, match=r"gone\.txt"):
        derived("gone", [missing], Counting(missing))


def test_a_value_marshal_cannot_store_is_a_bug_said_at_once(tmp_path: Path, cache_home: Path) -> None:
    source = tmp_path / "words.txt"
    source.write_text("甲\n", encoding="utf-8")
    with pytest.raises(ValueError):
        derived("odd", [source], lambda: {"when": object()})


def test_toml_data_is_what_tomllib_reads(tmp_path: Path, cache_home: Path) -> None:
    path = tmp_path / "rules.toml"
    path.write_text('[heads]\n"某某量" = { en = "amount of {x}" }\nlist = ["甲", "乙"]\nn = 1.5\n', "utf-8")
    expected = tomllib.loads(path.read_text(encoding="utf-8"))
    assert toml_data(path) == expected
    assert toml_data(path) == expected  # read back from the cache
    assert any(cache_home.iterdir())


def test_every_shipped_toml_file_reads_back_as_tomllib_reads_it(cache_home: Path) -> None:
    for path in sorted(resources.DATA_DIR.glob("*.toml")):
        with path.open("rb") as handle:
            expected = tomllib.load(handle)
        assert toml_data(path) == expected == toml_data(path), path.name


def test_cache_folder_follows_an_absolute_xdg_cache_home_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert user_cache_dir() == tmp_path / "briefing"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative")
    assert user_cache_dir() == Path.home() / ".cache" / "briefing"


def test_without_a_home_folder_values_are_built_each_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_home() -> Path:
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setattr(Path, "home", staticmethod(no_home))
    assert user_cache_dir() is None
    source = tmp_path / "words.txt"
    source.write_text("甲\n乙\n", encoding="utf-8")
    build = Counting(source)
    assert derived("words", [source], build) == derived("words", [source], build) == {"lines": ["甲", "乙"]}
    assert build.calls == 2


def test_a_write_leaves_only_the_file_whole(tmp_path: Path) -> None:
    target = tmp_path / "cache" / "value.marshal"
    assert resources.write_stamped(target, "stamp", {"甲": [1, 2]})
    assert [p.name for p in target.parent.iterdir()] == ["value.marshal"]
    assert resources.read_stamped(target, "stamp") == (True, {"甲": [1, 2]})
    assert resources.read_stamped(target, "another stamp") == (False, None)
