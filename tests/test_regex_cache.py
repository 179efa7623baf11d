"""Patterns rebuilt from the on-disk cache are the patterns `re.compile` makes, and a cache that is
missing, damaged, foreign or unwritable only costs time."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from briefing import regex_cache
from briefing.resources import write_stamped

PATTERNS = [
    (r"[\u4e00-\u9fff]{2,4}(?:镇|乡)", 0),
    (r"(?P<year>(19|20)\d{2})年(?P<month>\d{1,2})月", 0),
    (r"(?<=[。！？])\s*[\u4e00-\u9fff·]{2,5}\s*摄(影)?$", 0),
    (r"^[一二三四五六七八九十]{1,3}\s*[、.．]", re.MULTILINE),
    (r"straße|[Α-Ωа-я]+示例", re.IGNORECASE),
    (r"(?P<_0>甲乙)|(?P<_1>[（(]\d+[)）])", 0),
]
TEXTS = ["示例镇通车。记者 王某 摄", "2031年7月", "三、目标\n四. 任务", "STRASSE ΑΒΓ示例", "（12）甲乙"]


@pytest.fixture
def cache_home(tmp_path, monkeypatch):
    """A private cache folder and a cache read afresh, as by a new process."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(regex_cache, "_state", {})
    return tmp_path


def new_process(monkeypatch) -> None:
    """Write what this 'process' compiled and forget it: the next call reads the file."""
    regex_cache.save()
    monkeypatch.setattr(regex_cache, "_state", {})


def same_behaviour(one: re.Pattern[str], other: re.Pattern[str]) -> None:
    assert one == other  # pattern, flags and compiled code
    assert one.groupindex == other.groupindex and one.groups == other.groups
    for text in TEXTS:
        assert [m.span() for m in one.finditer(text)] == [m.span() for m in other.finditer(text)]
        assert [m.groupdict() for m in one.finditer(text)] == [m.groupdict() for m in other.finditer(text)]


def test_patterns_read_back_from_the_cache_are_those_re_compiles(cache_home, monkeypatch):
    cold = [regex_cache.compile(p, f) for p, f in PATTERNS]
    new_process(monkeypatch)
    assert regex_cache.cache_path().is_file()
    calls = []
    monkeypatch.setattr(re, "compile", lambda *a: calls.append(a) or pytest.fail("recompiled"))
    warm = [regex_cache.compile(p, f) for p, f in PATTERNS]
    monkeypatch.undo()
    assert not calls
    for (pattern, flags), a, b in zip(PATTERNS, cold, warm, strict=True):
        same_behaviour(a, re.compile(pattern, flags))
        same_behaviour(b, re.compile(pattern, flags))


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],  # cut short
        lambda data: data[:-40] + bytes(40),  # bytes changed: the checksum no longer holds
        lambda data: b"not a cache",
    ],
)
def test_a_damaged_cache_is_ignored_and_rewritten(cache_home, monkeypatch, damage):
    regex_cache.compile(*PATTERNS[0])
    new_process(monkeypatch)
    path = regex_cache.cache_path()
    path.write_bytes(damage(path.read_bytes()))
    same_behaviour(regex_cache.compile(*PATTERNS[0]), re.compile(*PATTERNS[0]))
    new_process(monkeypatch)
    assert regex_cache._read(path)  # written anew


def test_a_cache_of_another_python_build_is_not_read(cache_home, monkeypatch):
    regex_cache.compile(*PATTERNS[0])
    new_process(monkeypatch)
    path = regex_cache.cache_path()
    entries = regex_cache._read(path)
    assert entries  # the premise: this build reads them
    assert write_stamped(path, "another build", entries)
    assert regex_cache._read(path) == {}


def test_an_entry_that_does_not_rebuild_is_compiled_again(cache_home, monkeypatch):
    regex_cache.compile(*PATTERNS[1])
    new_process(monkeypatch)
    entries = regex_cache._entries()
    entries[PATTERNS[1]] = (0, ["not opcodes"], 0, {}, ())
    same_behaviour(regex_cache.compile(*PATTERNS[1]), re.compile(*PATTERNS[1]))


def test_an_unwritable_cache_folder_costs_only_time(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("a file where the cache folder would go")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    monkeypatch.setattr(regex_cache, "_state", {})
    same_behaviour(regex_cache.compile(*PATTERNS[2]), re.compile(*PATTERNS[2]))
    regex_cache.save()
    assert not regex_cache.cache_path().exists()


def test_an_invalid_pattern_raises_as_re_compile_does(cache_home):
    with pytest.raises(re.error):
        regex_cache.compile("[\u4e00-")


def test_a_run_that_compiles_nothing_new_makes_no_cache_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(regex_cache, "_state", {})
    regex_cache._entries()  # what importing any module of briefing does
    regex_cache.save()
    assert list(tmp_path.iterdir()) == []
    regex_cache.compile(*PATTERNS[0])
    regex_cache.save()
    assert regex_cache.cache_path().is_file()


def test_without_a_home_folder_patterns_compile_and_nothing_is_kept(tmp_path, monkeypatch):
    def no_home():
        raise RuntimeError("Could not determine home directory.")

    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setattr(Path, "home", staticmethod(no_home))
    monkeypatch.setattr(regex_cache, "_state", {})
    assert regex_cache.cache_path() is None
    same_behaviour(regex_cache.compile(*PATTERNS[0]), re.compile(*PATTERNS[0]))
    regex_cache.save()


def test_entries_beyond_the_limit_age_out_those_of_this_run_first_kept(cache_home, monkeypatch):
    monkeypatch.setattr(regex_cache, "_MAX_ENTRIES", 3)
    for pattern, flags in PATTERNS[:4]:  # an earlier run
        regex_cache.compile(pattern, flags)
    new_process(monkeypatch)
    for pattern, flags in PATTERNS[4:]:  # this run: two new patterns
        regex_cache.compile(pattern, flags)
    new_process(monkeypatch)
    kept = regex_cache._entries()
    assert len(kept) == 3
    assert all((pattern, flags) in kept for pattern, flags in PATTERNS[4:])
