"""`briefing facts` keeps its command-line contract (DESIGN.md, *Command line*), run in-process with
Click's runner so that coverage sees cli.py: `-o FILE` writes the facts there and nothing on stdout, and
the exit status says whether every source was read (0) or some failed (1, one stderr line each, the
rest still done)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import use_private_environment
from test_contracts_atomic import file_size_limit

from briefing.cli import main

# Invented for these tests: two figures in one sentence, one in the next.
SOURCE = "2024年，青禾县粮食总产量达到12.5万吨，同比增长3.2%。\n全县新建口袋公园18个。\n"
RAWS = ["12.5万吨", "3.2%", "18个"]


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder with one good source; no translation model and a private cache, whatever the machine has."""
    use_private_environment(monkeypatch, tmp_path)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "county.txt").write_text(SOURCE, encoding="utf-8")
    return tmp_path


def run(*args: str):
    return CliRunner().invoke(main, ["facts", *args])


def raws(jsonl: str) -> list[str]:
    return [json.loads(line)["raw"] for line in jsonl.splitlines() if line.strip()]


def test_facts_go_to_stdout_by_default_and_exit_0(workdir: Path) -> None:
    result = run("county.txt")
    assert result.exit_code == 0, result.output
    assert raws(result.stdout) == RAWS


def test_dash_o_writes_the_file_and_nothing_on_stdout(workdir: Path) -> None:
    result = run("county.txt", "-o", "facts.jsonl")
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert raws((workdir / "facts.jsonl").read_text(encoding="utf-8")) == RAWS


def test_dash_o_writes_the_chosen_format(workdir: Path) -> None:
    result = run("county.txt", "--format", "csv", "-o", "facts.csv")
    assert result.exit_code == 0, result.output
    lines = (workdir / "facts.csv").read_text(encoding="utf-8").splitlines()
    assert "raw" in lines[0].split(",")
    assert len(lines) == 1 + len(RAWS)


@pytest.mark.parametrize(
    ("name", "content"),
    [("missing.txt", None), ("binary.txt", b"\x00\x01\x02\xff\xfe\x00\x00\x9c")],
    ids=["missing", "not-text"],
)
def test_a_failed_source_exits_1_names_the_file_and_the_rest_is_done(
    workdir: Path, name: str, content: bytes | None
) -> None:
    if content is not None:
        (workdir / name).write_bytes(content)
    result = run("county.txt", name, "-o", "facts.jsonl")
    assert result.exit_code == 1, result.output
    problems = result.stderr.strip().splitlines()
    assert len(problems) == 1 and name in problems[0]
    assert raws((workdir / "facts.jsonl").read_text(encoding="utf-8")) == RAWS


def test_only_failed_sources_exit_1(workdir: Path) -> None:
    result = run("missing.txt")
    assert result.exit_code == 1
    assert "missing.txt" in result.stderr


def test_dash_o_failing_half_way_keeps_the_previous_file(workdir: Path) -> None:
    """Output written atomically: a write the system refuses (a full disk) leaves the old facts file."""
    (workdir / "long.txt").write_text(SOURCE * 40, encoding="utf-8")  # facts: about 50 KB of JSON lines
    previous = workdir / "facts.jsonl"
    previous.write_text("previous run\n", encoding="utf-8")
    # Room for anything else the command may write (a cache database starts at a few KB), not the facts.
    with file_size_limit(16_384):
        result = run("long.txt", "-o", "facts.jsonl")
    assert result.exit_code != 0
    assert previous.read_text(encoding="utf-8") == "previous run\n"
    assert sorted(p.name for p in workdir.iterdir() if p.name.startswith((".facts", "facts"))) == [
        "facts.jsonl"
    ]


def test_each_documents_facts_are_written_before_the_next_is_read(
    workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Memory bounded by a document, not the corpus: a run over many sources holds one at a time."""
    import click

    from briefing import pipeline

    (workdir / "town.txt").write_text("全镇新修村道7公里。\n", encoding="utf-8")
    events: list[str] = []
    real_load, real_echo = pipeline.load, click.echo
    monkeypatch.setattr(pipeline, "load", lambda source: events.append("read") or real_load(source))
    monkeypatch.setattr(click, "echo", lambda text, **kw: events.append("write") or real_echo(text, **kw))
    result = run("county.txt", "town.txt")
    assert result.exit_code == 0, result.output
    assert raws(result.stdout) == [*RAWS, "7公里"]
    assert events == ["read", "write", "read", "write"]
