"""Output names, all-or-nothing output groups and CSV cells: the small rules the build's outputs obey."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing import atomic
from briefing.facts.render import csv_cell
from briefing.pipeline import gather_sources, unique_names


def test_distinct_stems_keep_their_names() -> None:
    assert unique_names(["x/alpha.txt", "y/beta.html", "-"]) == ["alpha", "beta", "stdin"]


def test_same_stems_in_different_folders_take_the_folder_name() -> None:
    assert unique_names(["a/x.txt", "b/x.txt", "c/y.txt"]) == ["a-x", "b-x", "y"]


def test_same_stem_in_one_folder_takes_the_suffix() -> None:
    assert unique_names(["d/rep.txt", "d/rep.html"]) == ["rep-txt", "rep-html"]


def test_stems_differing_only_in_case_are_told_apart() -> None:
    """Two names a case-insensitive file system would write to the same files."""
    assert unique_names(["a/Notes.txt", "b/notes.txt"]) == ["a-Notes", "b-notes"]


def test_a_made_name_never_takes_the_name_of_another_source() -> None:
    names = unique_names(["a/x.txt", "b/x.txt", "elsewhere/a-x.txt"])
    assert len({n.casefold() for n in names}) == 3 and names[2] == "a-x"


def test_when_nothing_else_tells_them_apart_a_number_does() -> None:
    assert unique_names(["f/x.txt", "g/f/x.txt", "f/x.txt"]) == ["x-1", "x-2", "x-3"]


def test_gathering_builds_the_same_file_once_and_says_what_was_renamed(tmp_path: Path) -> None:
    for folder in ("east", "west"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "report.txt").write_text("东区报告。", encoding="utf-8")
    east, west = str(tmp_path / "east" / "report.txt"), str(tmp_path / "west")
    gathered = gather_sources([east, west, east])
    assert [(s.path, s.doc) for s in gathered.items] == [
        (east, "east-report"),
        (str(tmp_path / "west" / "report.txt"), "west-report"),
    ]
    assert gathered.renamed == [f"{east} → east-report", f"{tmp_path / 'west' / 'report.txt'} → west-report"]


def test_an_output_group_appears_whole_or_not_at_all(tmp_path: Path) -> None:
    paths = [tmp_path / "b.pdf", tmp_path / "b.facts.jsonl"]
    with pytest.raises(RuntimeError), atomic.atomic_group(paths) as (pdf, facts):
        pdf.write_bytes(b"%PDF")
        raise RuntimeError("typesetting failed half way")
    assert list(tmp_path.iterdir()) == []
    with atomic.atomic_group(paths) as (pdf, facts):
        pdf.write_bytes(b"%PDF")
        facts.write_text("{}\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.facts.jsonl", "b.pdf"]


def test_write_errors_name_the_output_not_the_temporary_file(tmp_path: Path) -> None:
    with pytest.raises(OSError) as caught, atomic.atomic_path(tmp_path / "c.pdf") as tmp:
        raise OSError(28, "No space left on device", str(tmp))
    assert caught.value.filename == str(tmp_path / "c.pdf")


@pytest.mark.parametrize(
    ("cell", "escaped"),
    [
        ("=SUM(A1:A9)", "'=SUM(A1:A9)"),
        ("+86 10 1234", "'+86 10 1234"),
        ("-2+3", "'-2+3"),
        ("@cmd", "'@cmd"),
        ("\tindent", "'\tindent"),
        ("\rreturn", "'\rreturn"),
        ("-3.5", "-3.5"),
        ("+12", "+12"),
        ("增长5%", "增长5%"),
        (None, ""),
    ],
)
def test_csv_cells_that_a_spreadsheet_would_run_are_escaped(cell: str | None, escaped: str) -> None:
    assert csv_cell(cell) == escaped
