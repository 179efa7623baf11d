"""`build --jobs N` spreads documents over processes without changing a byte; `facts` starts light."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import EXAMPLES, use_private_environment

from briefing.cli import main


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    return {**use_private_environment(monkeypatch, tmp_path), "SOURCE_DATE_EPOCH": "1767225600"}


def files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def test_two_jobs_write_exactly_what_one_job_writes(tmp_path: Path, env: dict[str, str]) -> None:
    sources = sorted(str(p) for p in EXAMPLES.glob("*.txt"))
    missing = str(tmp_path / "missing.txt")
    runs = {}
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}"
        result = CliRunner().invoke(
            main, ["build", sources[0], missing, *sources[1:], "--out", str(out), "-j", jobs]
        )
        assert result.exit_code == 1, result.output
        assert f"briefing: {missing}: no such file" in result.stderr  # failures still one line each
        runs[jobs] = files(out)
    assert runs["1"] == runs["2"]
    assert any(name.startswith("themes/") for name in runs["2"])
    manifest = json.loads(runs["2"]["manifest.json"])
    assert [b["source"] for b in manifest["briefs"]] == sources  # in the order given, not of finishing


def test_facts_never_imports_the_drawing_typesetting_or_translation_libraries(env: dict[str, str]) -> None:
    source = sorted(EXAMPLES.glob("*.txt"))[0]
    harness = (
        "import sys\n"
        "from briefing.cli import main\n"
        "try:\n"
        f"    main(['facts', {str(source)!r}])\n"
        "except SystemExit as done:\n"
        "    assert done.code == 0, done.code\n"
        "heavy = ('matplotlib', 'reportlab', 'ctranslate2', 'svglib', 'torch')\n"
        "print(' '.join(m for m in heavy if m in sys.modules), file=sys.stderr)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", harness], capture_output=True, text=True, env={**env, "PATH": ""}, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.count("\n") > 10  # it did extract facts
    assert result.stderr.strip() == ""


@pytest.mark.parametrize(
    ("stage", "step"),
    [
        ("briefing.pipeline", "load"),  # a composing worker: it reads the document first
        ("briefing.pdf", "write_brief_pdf"),  # a typesetting worker, in the second pool
    ],
)
def test_a_worker_that_dies_costs_documents_not_the_run(
    stage: str, step: str, tmp_path: Path, env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A worker killed mid-document (as the kernel's OOM killer would), whether it composes or
    typesets, is one line per lost document, and no half-written outputs are left."""
    import importlib
    import os

    module = importlib.import_module(stage)
    real = getattr(module, step)

    def die_on_doomed(item, *args, **kwargs):
        if getattr(item, "doc", None) == "doomed":  # a Source while composing, a Brief while typesetting
            os._exit(9)
        return real(item, *args, **kwargs)

    monkeypatch.setattr(module, step, die_on_doomed)  # the forked workers inherit it
    doomed = tmp_path / "doomed.txt"
    doomed.write_text("示例县2030年财政收入增长3.1%，达到12亿元。", encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(
        main, ["build", str(doomed), str(tmp_path / "gone.txt"), "--out", str(out), "-j2"]
    )
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    assert result.exit_code == 1
    assert f"briefing: {doomed}: could not build the brief (a worker process died)" in result.stderr
    assert json.loads((out / "manifest.json").read_text())["briefs"] == []
    assert not list(out.glob("doomed*"))


def test_a_typesetting_host_that_dies_costs_the_briefs_not_the_run(
    tmp_path: Path, env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The process that typesets (and runs the typesetting pool) killed as it starts: every brief is one
    failure line, the run ends (no wait for a reader that is gone) and writes its manifest."""
    import os

    import briefing.pipeline

    def die(_context):
        os._exit(9)

    monkeypatch.setattr(briefing.pipeline, "_preload_typesetting", die)  # the host's first step
    sources = sorted(str(p) for p in EXAMPLES.glob("*.txt"))
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", *sources, "--out", str(out), "-j2"])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    assert result.exit_code == 1
    for source in sources:
        assert f"briefing: {source}: could not build the brief (a worker process died)" in result.stderr
    assert json.loads((out / "manifest.json").read_text()) == {
        "generated": "2026-01-01",
        "briefs": [],
        "themes": [],
    }


def test_ctrl_c_during_a_parallel_build_stops_every_process_and_leaves_no_half_outputs(
    tmp_path: Path, env: dict[str, str]
) -> None:
    """Ctrl-C reaches the whole foreground process group (the main process, its composing pool, the
    typesetting host and its pool) while briefs are being typeset: the run must end promptly, leave no
    process behind and no half-written brief or manifest."""
    import os
    import signal
    import time

    started = tmp_path / "typesetting-started"
    harness = (
        "import time, briefing.pdf\n"
        "from briefing.cli import main\n"
        "def slow(brief, path, **kwargs):\n"
        f"    open({str(started)!r}, 'a').close()\n"
        "    time.sleep(120)\n"
        "briefing.pdf.write_brief_pdf = slow\n"
        f"main(['build', *{[str(p) for p in sorted(EXAMPLES.glob('*.txt'))]!r}, '--out', "
        f"{str(tmp_path / 'out')!r}, '-j2', '--quiet'])\n"
    )
    process = subprocess.Popen(
        [sys.executable, "-c", harness],
        env={**os.environ, **env},
        start_new_session=True,  # its own process group, as a shell gives a foreground job
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 120
        while not started.exists():
            assert process.poll() is None, process.stderr.read() if process.stderr else ""
            assert time.monotonic() < deadline, "typesetting never started"
            time.sleep(0.05)
        os.killpg(process.pid, signal.SIGINT)
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
    assert process.returncode != 0
    time.sleep(0.5)  # let the kernel reap what was told to exit
    with pytest.raises(ProcessLookupError):
        os.killpg(process.pid, 0)  # nothing of the group is left running
    out = tmp_path / "out"
    assert not (out / "manifest.json").exists()
    assert not [p for p in out.rglob("*") if p.is_file() and p.suffix in (".pdf", ".part", ".jsonl", ".json")]


def test_where_processes_cannot_fork_the_workers_start_fresh_and_write_the_same(
    tmp_path: Path, env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """macOS and Windows start processes by spawning a fresh interpreter: nothing is inherited, each
    worker and the typesetting host make their own context from the options."""
    import multiprocessing

    sources = sorted(str(p) for p in EXAMPLES.glob("*.txt"))
    monkeypatch.setattr(multiprocessing, "get_all_start_methods", lambda: ["spawn"])
    previous = multiprocessing.get_start_method(allow_none=True)
    multiprocessing.set_start_method("spawn", force=True)
    try:
        runs = {}
        for jobs in ("1", "2"):
            out = tmp_path / f"out{jobs}"
            result = CliRunner().invoke(main, ["build", *sources, "--out", str(out), "-j", jobs, "-q"])
            assert result.exit_code == 0, (result.output, result.exc_info)
            runs[jobs] = files(out)
    finally:
        multiprocessing.set_start_method(previous, force=True)
    assert runs["1"] == runs["2"]
    assert any(name.startswith("themes/") for name in runs["2"])
