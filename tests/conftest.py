"""Shared fixtures: paths of the bundled examples and of the test data, and a one-time build of the examples.

Everything a test reads lives in this repository (`tests/data/`, origins in its README), so the suite
passes from a plain clone with nothing beside it."""

from __future__ import annotations

import atexit
import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

# Before any test module imports briefing: the compiled patterns and parsed data briefing keeps in the
# user cache folder (resources.user_cache_dir) are read at import, so a developer's cache (stale, of
# another checkout, damaged) must not be what the suite runs on, nor the suite write into it. The folder
# starts empty: the first runs take the cold path, later subprocesses the warm one. Removed at exit, after
# briefing's own exit-time writes (atexit runs the handlers registered later first).
_SESSION_CACHE = tempfile.mkdtemp(prefix="briefing-tests-cache-")
os.environ["XDG_CACHE_HOME"] = _SESSION_CACHE
atexit.register(shutil.rmtree, _SESSION_CACHE, ignore_errors=True)

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
DATA = ROOT / "tests" / "data"
SEEDS = DATA / "seeds"  # the two sample documents the gold facts annotate
GOLD = DATA / "gold"  # hand-annotated facts of SEEDS (one <doc>.jsonl each) and the scorer, score.py


def load_script(path: Path, name: str):
    """A script that is not part of the package (the scorer, a tool under tools/), loaded as a module."""
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load_tool(name: str):
    """tools/<name>.py, which builds a shipped data file, loaded as a module."""
    return load_script(ROOT / "tools" / f"{name}.py", name)


def gold_scorer():
    """The reviewers' fact scorer (tests/data/gold/score.py, a verbatim copy), loaded as a module."""
    return load_script(GOLD / "score.py", "gold_score")


def run_briefing(*args: str, cwd: Path | None = None, stdin: str | None = None, env: dict | None = None):
    """Run the installed command line as a user would, in a fresh process."""
    full_env = {**os.environ, "SOURCE_DATE_EPOCH": "1767225600", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "briefing", *args],
        cwd=cwd or ROOT,
        input=stdin,
        capture_output=True,
        text=True,
        env=full_env,
        timeout=600,
    )


def private_environment(home: Path) -> dict[str, str]:
    """The variables that give a run no translation model and its own cache and data folders under
    `home`, whatever the developer's machine has installed or cached."""
    return {
        "ARGOS_PACKAGES_DIR": str(home / "packages"),
        "XDG_CACHE_HOME": str(home / "cache"),
        "XDG_DATA_HOME": str(home / "data"),
    }


def use_private_environment(monkeypatch: pytest.MonkeyPatch, home: Path) -> dict[str, str]:
    """`private_environment(home)` set for this test and the processes it starts; returns it."""
    values = private_environment(home)
    for name, value in values.items():
        monkeypatch.setenv(name, value)
    return values


@pytest.fixture(scope="session")
def isolated_env(tmp_path_factory) -> dict:
    """No model installed and a private cache, whatever the developer's machine has."""
    return private_environment(tmp_path_factory.mktemp("home"))


@pytest.fixture(scope="session")
def built_examples(tmp_path_factory, isolated_env) -> Path:
    """`briefing build examples/` once per test session; returns the output folder."""
    out = tmp_path_factory.mktemp("out")
    result = run_briefing("build", str(EXAMPLES), "--out", str(out), "--quiet", env=isolated_env)
    assert result.returncode == 0, result.stderr
    return out
