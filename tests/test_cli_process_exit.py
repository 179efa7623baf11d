"""`briefing facts` run as the program ends its process without the interpreter's shutdown (cli._end):
what it printed or wrote is all there, its exit status is the command's, and the exit handlers still
ran (the regex cache is saved). The text is invented for these tests."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import use_private_environment

from briefing.cli import main

TEXT = "".join(
    f"样例{n}区全年新建社区食堂{n + 3}个，同比增长{n}.5%，服务老年人{n * 7}万人次。\n" for n in range(1, 400)
)


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """A private cache and no translation model, for this process and the one it starts."""
    values = use_private_environment(monkeypatch, tmp_path)
    monkeypatch.chdir(tmp_path)
    Path("towns.txt").write_text(TEXT, encoding="utf-8")
    return {**os.environ, **values}


def program(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "briefing", "facts", *args], capture_output=True, env=env, timeout=120
    )


def test_the_program_prints_every_fact_the_command_gives_in_process(env: dict[str, str]) -> None:
    done = program("towns.txt", env=env)
    assert done.returncode == 0, done.stderr
    in_process = CliRunner().invoke(main, ["facts", "towns.txt"])
    assert in_process.exit_code == 0
    assert len(done.stdout) > 200_000  # more than one pipe buffer: nothing left unflushed
    assert done.stdout == in_process.stdout_bytes
    assert any((Path(env["XDG_CACHE_HOME"]) / "briefing").glob("regex-*.bin"))  # the exit handler ran


def test_the_program_exits_1_with_a_line_per_failed_source_and_keeps_the_rest(env: dict[str, str]) -> None:
    done = program("towns.txt", "missing.txt", env=env)
    assert done.returncode == 1
    assert done.stdout.count(b"\n") > 1000
    lines = done.stderr.decode().splitlines()
    assert [line for line in lines if "missing.txt" in line] == [lines[-1]]
    assert lines[-1].startswith("briefing: missing.txt")


def test_the_program_writes_the_whole_file_with_dash_o(env: dict[str, str]) -> None:
    done = program("towns.txt", "--format", "csv", "-o", "facts.csv", env=env)
    assert done.returncode == 0, done.stderr
    assert done.stdout == b""
    rows = Path("facts.csv").read_text(encoding="utf-8").splitlines()
    assert len(rows) == 1 + 3 * 399


def test_a_script_calling_main_goes_on_after_the_command(env: dict[str, str]) -> None:
    """Only `run` (the console script, `python -m briefing`) ends the process: a script that calls
    `main`, say to profile it, gets its SystemExit and carries on."""
    script = (
        "import sys\n"
        "from briefing.cli import main\n"
        "sys.argv = ['briefing', 'facts', 'towns.txt', '-o', 'facts.jsonl']\n"
        "try:\n"
        "    main()\n"
        "except SystemExit as exc:\n"
        "    print('carried on after exit status', exc.code)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, env=env, timeout=120)
    assert done.stdout == b"carried on after exit status 0\n", done.stderr
    assert len(Path("facts.jsonl").read_text(encoding="utf-8").splitlines()) == 3 * 399
