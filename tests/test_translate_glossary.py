"""The glossary: built-in terms, user overrides, clear errors for bad files, longest-first matching."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from briefing.translate import Glossary, GlossaryError


@pytest.fixture(scope="module")
def builtin() -> Glossary:
    return Glossary.load()


def test_builtin_covers_the_genre(builtin: Glossary) -> None:
    assert len(builtin) >= 400
    assert builtin.lookup("疏整促") == "decongestion, rectification and improvement"
    assert builtin.lookup("接诉即办") == "immediate response to public complaints"
    assert builtin.lookup("规模以上") == "above designated size"
    assert builtin.lookup("京津冀") == "Beijing-Tianjin-Hebei"
    assert builtin.lookup("地区生产总值") == "GDP"
    assert builtin.lookup(" 延庆区 ") == "Yanqing District"
    assert builtin.lookup("不是词条") is None


def test_full_width_forms_match_half_width_entries(builtin: Glossary) -> None:
    assert builtin.lookup("细颗粒物(PM2.5)浓度") == builtin.lookup("细颗粒物（PM2.5）浓度")
    assert builtin.lookup("ＧＤＰ") == "GDP"


def test_find_is_longest_first_and_non_overlapping(builtin: Glossary) -> None:
    text = "东城区推进“十四五”规划和疏解整治促提升专项行动"
    found = builtin.find(text)
    assert [text[s:e] for s, e, _ in found] == ["东城区", "“十四五”规划", "疏解整治促提升专项行动"]
    assert found[0][2] == "Dongcheng District"
    assert all(a[1] <= b[0] for a, b in itertools.pairwise(found))


def test_user_tsv_and_toml_override_builtin(tmp_path: Path, builtin: Glossary) -> None:
    tsv = tmp_path / "mine.tsv"
    tsv.write_text(
        "# my terms\n疏整促\tdecongestion drive\n\n金角银边\tgolden corners and silver edges\n", "utf-8"
    )
    toml = tmp_path / "mine.toml"
    toml.write_text('[terms]\n"金角银边" = "leftover corners"\n', "utf-8")
    glossary = Glossary.load([tsv, toml])
    assert glossary.lookup("疏整促") == "decongestion drive"
    assert glossary.lookup("金角银边") == "leftover corners"
    assert glossary.lookup("京津冀") == "Beijing-Tianjin-Hebei"
    assert glossary.version != builtin.version
    flat = tmp_path / "flat.toml"
    flat.write_text('"两区" = "the two zones"\n', "utf-8")
    assert Glossary.load([flat]).lookup("两区") == "the two zones"


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("bad.tsv", "疏整促\tdecongestion\n没有制表符的行\n", "bad.tsv:2:"),
        ("empty_en.tsv", "# c\n\n京津冀\t \n", "empty_en.tsv:3:"),
        ("three.tsv", "a\tb\tc\n", "three.tsv:1:"),
        ("syntax.toml", '"a" = "b"\n"c" = \n', "line 2"),
        ("number.toml", '"a" = "b"\n"双碳" = 2\n', "number.toml:2:"),
    ],
)
def test_bad_user_glossaries_name_file_and_line(
    tmp_path: Path, name: str, content: str, expected: str
) -> None:
    path = tmp_path / name
    path.write_text(content, "utf-8")
    with pytest.raises(GlossaryError) as info:
        Glossary.load([path])
    assert expected in str(info.value)
    assert str(tmp_path) in str(info.value)
    assert "\n" not in str(info.value)


def test_unreadable_glossary_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "latin1.tsv"
    path.write_bytes("caf\xe9\tcafe\n".encode("latin-1"))
    with pytest.raises(GlossaryError, match=r"latin1\.tsv"):
        Glossary.load([path])
    with pytest.raises(GlossaryError, match=r"missing\.tsv"):
        Glossary.load([tmp_path / "missing.tsv"])
