"""The label composer's segmenter (translate/segmenter.py) against rjieba, whose cut it reproduces, and
its word index (data/jieba_words.bin) against the tool that makes it.

Texts: the lines of the documents in tests/data (real text, see tests/data/README.md), stretches cut
from them at random, and random strings over an alphabet mixing their characters with Latin letters,
digits, full-width forms, spaces and punctuation (seeded, so a failure repeats).
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from conftest import load_tool

from briefing.translate import Glossary, segmenter
from briefing.translate.datafile import DamagedDataError
from briefing.translate.segmenter import INDEX_PATH, JiebaIndex, Segmenter, shipped_index
from briefing.translate.termbase import Termbase

ROOT = Path(__file__).resolve().parent.parent
USER_FREQ = 10**7  # what the composer gives termbase terms


def _texts() -> list[str]:
    lines = [
        line
        for path in sorted((ROOT / "tests" / "data").rglob("*.txt"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    rng = random.Random(16)
    joined = "".join(lines)
    stretches = []
    for _ in range(3000):
        start = rng.randrange(len(joined))
        stretches.append(joined[start : start + rng.randrange(1, 30)])
    odd = [*"ab XY09０Ａ（）·—-_.%+#&\t\r\n\u3000\xa0\x1c", "\r\n", "c++", "T恤", "\U00020001"]
    alphabet = [*joined[:3000], *odd]
    mixed = ["".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 25))) for _ in range(3000)]
    return lines + stretches + mixed


@pytest.fixture(scope="module")
def termbase_words() -> tuple[str, ...]:
    return tuple(word for word in Termbase(Glossary.load()).words() if len(word) > 1)


@pytest.mark.parametrize("with_termbase", [False, True])
def test_cuts_as_rjieba_does(with_termbase: bool, termbase_words: tuple[str, ...]) -> None:
    rjieba = pytest.importorskip("rjieba")
    reference = rjieba.Jieba()
    words = termbase_words if with_termbase else ()
    for word in words:
        reference.add_word(word, USER_FREQ, None)
    ours = Segmenter(shipped_index(), words, USER_FREQ)
    differ = [text for text in _texts() if ours.cut(text) != reference.cut(text, False)]
    assert differ == []


def test_a_given_replaced_frequency_is_the_one_the_index_gives(termbase_words: tuple[str, ...]) -> None:
    """labels.segmenter keeps the part of the total the user words replace in the user cache and hands it
    over: it must be what the index gives, and a segmenter made with it cuts as one without."""
    index = shipped_index()
    words = ("羊奶酪", "某某新区", "奶酪", *termbase_words[:200], "奶酪")
    own = segmenter.replaced_frequency(index, words)
    assert own == sum(index.frequencies(set(words)).values()) > 0
    given = Segmenter(index, words, USER_FREQ, replaced=own)
    computed = Segmenter(index, words, USER_FREQ)
    texts = _texts()[:2000]
    assert [given.cut(text) for text in texts] == [computed.cut(text) for text in texts]


def test_composer_segmenter_reads_its_replaced_frequency_back_from_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, termbase_words: tuple[str, ...]
) -> None:
    from briefing.translate import labels

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    reference = Segmenter(shipped_index(), termbase_words, USER_FREQ)
    texts = _texts()[:1000]
    for _ in ("cold", "warm"):
        labels.segmenter.cache_clear()
        try:
            ours = labels.segmenter(termbase_words)
        finally:
            labels.segmenter.cache_clear()
        assert ours._logtotal == reference._logtotal
        assert [ours.cut(text) for text in texts] == [reference.cut(text) for text in texts]
    assert list((tmp_path / "briefing" / "derived").glob("segmenter-replaced*"))


def test_a_user_word_joins_what_the_dictionary_splits() -> None:
    text = "羊奶酪厂"  # jieba's own words: 羊|奶酪|厂
    assert Segmenter(shipped_index()).cut(text) == ["羊", "奶酪", "厂"]
    assert Segmenter(shipped_index(), ["羊奶酪"], USER_FREQ).cut(text) == ["羊奶酪", "厂"]


def test_cut_keeps_every_character_and_joins_ascii_letters() -> None:
    text = "绿色GDP核算 与 R&D投入\r\n"
    words = Segmenter(shipped_index()).cut(text)
    assert "".join(words) == text
    assert "GDP" in words and "\r\n" in words and " " in words


@pytest.fixture(scope="module")
def index_tool():
    return load_tool("make_word_index")


def test_index_answers_every_word_and_its_frequency(index_tool) -> None:
    words = {"甲乙": 7, "甲乙丙": 3, "甲": 40, "乙丁": 5, "甲乙丙丁戊": 1}
    index = JiebaIndex(index_tool.index_bytes(words))
    assert index.total == sum(words.values())
    assert index.frequencies([*words, "甲丙", "乙"]) == words
    assert index.entries("甲乙") == {"甲乙": 7, "甲乙丙": 3, "甲乙丙丁戊": 1}
    assert index.entries("甲") == {"甲": 40}
    assert index.rests("甲乙") == {"": "7", "丙": "3", "丙丁戊": "1"} and index.rests("丙丁") == {}
    # one word at a time, as its digits, without parsing its key's line (a run's one-character words)
    assert {word: index.frequency(word) for word in words} == {w: str(f) for w, f in words.items()}
    assert [index.frequency(word) for word in ("甲丙", "乙", "甲乙丙丁", "丙丁")] == [None] * 4


def test_every_one_character_word_of_the_shipped_index_reads_as_its_table_says() -> None:
    """Segmenter reads a one-character word with JiebaIndex.frequency, where it used to read the key's
    table (rests): the same digits for every character of the CJK block, in the index or not."""
    index = shipped_index()
    chars = [chr(code) for code in range(0x4E00, 0x9FA6)]
    assert [index.frequency(char) for char in chars] == [index.rests(char).get("") for char in chars]


def test_index_refuses_a_word_the_reader_would_misread(index_tool) -> None:
    with pytest.raises(ValueError, match="space, tab or line break"):
        index_tool.index_bytes({"甲 乙": 3})


@pytest.mark.parametrize("keep", [0, 10, 20, -1])  # empty, inside the header, inside the table, last byte
def test_a_damaged_index_file_is_named_with_what_to_do(
    index_tool, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, keep: int
) -> None:
    """A damaged installation gives one error naming the file, not a traceback from mmap or struct."""
    path = tmp_path / "jieba_words.bin"
    path.write_bytes(index_tool.index_bytes({"甲乙": 7, "丙丁": 3})[:keep])
    monkeypatch.setattr(segmenter, "INDEX_PATH", path)
    shipped_index.cache_clear()
    try:
        with pytest.raises(DamagedDataError, match=f"^{path}: .*reinstall briefing$"):
            shipped_index()
    finally:
        shipped_index.cache_clear()


def test_shipped_index_is_what_the_tool_makes_from_jiebas_dictionary(index_tool) -> None:
    """Regenerate data/jieba_words.bin (tools/make_word_index.py) when jieba's dictionary changes."""
    pytest.importorskip("jieba")
    assert INDEX_PATH.read_bytes() == index_tool.index_bytes(index_tool.shipped_words())


def test_a_one_character_user_word_replaces_the_dictionarys_as_rjieba_does() -> None:
    """A user word of one character takes its user frequency, as jieba's add_word gives it (the segmenter
    reads one-character words apart from the tables of longer ones)."""
    rjieba = pytest.importorskip("rjieba")
    reference = rjieba.Jieba()
    words, frequency = ("奶", "总", "区"), 10**9
    for word in words:
        reference.add_word(word, frequency, None)
    ours = Segmenter(shipped_index(), words, frequency)
    texts = ["羊奶酪厂", "全区和全市的总和", "甲区的区别"]
    cuts = [ours.cut(text) for text in texts]
    assert cuts == [reference.cut(text, False) for text in texts]
    assert cuts != [Segmenter(shipped_index()).cut(text) for text in texts]  # the user words told
