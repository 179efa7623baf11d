"""Private APIs of other projects that briefing relies on, each with a guard that fails loudly, naming
the file to fix, when a new release changes it (rather than briefing silently misbehaving).

- `reportlab.platypus.paragraph._justifyDrawParaLineX` (ReportLab): `briefing/pdf/text.py` wraps it so
  justified Chinese lines are drawn with the character spacing that fills them; `reportlab.rl_config.
  _FUZZ` is ReportLab's layout tolerance, used to wrap lines exactly as ReportLab does. pyproject.toml
  caps ReportLab below the next minor release for this reason: raise the cap once these tests pass on it.

- `re._parser.parse`, `re._compiler._code` and `_sre.compile` (the standard library's regex compiler, step
  by step): `briefing/regex_cache.py` keeps the compiled opcodes of the shipped patterns between runs.
  Every failure there falls back to `re.compile` and an entry is kept only when the pattern it rebuilds
  equals re.compile's, so a new Python can only make runs slower, never wrong: the guard says so.

- `atexit._run_exitfuncs` (CPython: what the interpreter's exit calls) and `os._exit` (documented):
  `briefing/cli.py` ends `briefing facts` without the interpreter's shutdown; without the first it
  exits as usual.

A scan of the package makes sure no other private API creeps in without a guard here.
"""

from __future__ import annotations

import ast
import inspect
import io
import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "briefing"

KNOWN_PRIVATE_APIS = {
    "reportlab.platypus.paragraph._justifyDrawParaLineX": "briefing/pdf/text.py",
    "reportlab.rl_config._FUZZ": "briefing/pdf/text.py",
    "re._compiler": "briefing/regex_cache.py",
    "re._parser": "briefing/regex_cache.py",
    "atexit._run_exitfuncs": "briefing/cli.py",
    "os._exit": "briefing/cli.py",
}


def private_apis_used() -> dict[str, set[str]]:
    """{"module.name": {files}} for every `from mod import _name` and `mod._name` of a module imported
    from outside the package (instance attributes are not seen)."""
    used: dict[str, set[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        where = str(path.relative_to(PACKAGE.parent))
        bound: dict[str, str] = {}  # local name -> dotted name, for names imported from outside
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                for alias in node.names:
                    if not alias.name.startswith("briefing"):
                        # `import a.b` binds `a`; `import a.b as c` binds `c` to a.b
                        local = alias.asname or alias.name.split(".")[0]
                        bound[local] = alias.name if alias.asname else local
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                if node.module.split(".")[0] == "briefing":
                    continue
                for alias in node.names:
                    dotted = f"{node.module}.{alias.name}"
                    bound[alias.asname or alias.name] = dotted
                    if _private(alias.name):
                        used.setdefault(dotted, set()).add(where)
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id in bound
                and _private(node.attr)
                and not _private(bound[node.value.id].rsplit(".", 1)[-1])  # re._constants.X: counted once
            ):
                used.setdefault(f"{bound[node.value.id]}.{node.attr}", set()).add(where)
            elif (  # getattr(module, "_name", default): the same use, written to survive its removal
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "getattr"
                and len(node.args) >= 2
                and isinstance(node.args[0], ast.Name)
                and node.args[0].id in bound
                and isinstance(node.args[1], ast.Constant)
                and isinstance(node.args[1].value, str)
                and _private(node.args[1].value)
            ):
                used.setdefault(f"{bound[node.args[0].id]}.{node.args[1].value}", set()).add(where)
    return used


def _private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def test_every_private_api_in_use_is_known_and_guarded() -> None:
    used = private_apis_used()
    unknown = {api: sorted(files) for api, files in used.items() if api not in KNOWN_PRIVATE_APIS}
    assert not unknown, (
        f"new use of another project's private API: {unknown}. Prefer a public API; if there is none, "
        "add it to KNOWN_PRIVATE_APIS with a guard test here and an upper bound in pyproject.toml."
    )


def _in_use(api: str) -> None:
    if api not in private_apis_used():
        pytest.skip(f"{api} is no longer used: drop its entry and this guard")


# ---------------------------------------------------------------- ReportLab


def test_reportlab_still_draws_justified_lines_through_the_patched_function() -> None:
    _in_use("reportlab.platypus.paragraph._justifyDrawParaLineX")
    from reportlab.platypus import paragraph as rl_paragraph

    message = (
        "ReportLab's private _justifyDrawParaLineX changed; briefing/pdf/text.py patches it "
        "(_install_char_space_justification): check it against this ReportLab release"
    )
    assert hasattr(rl_paragraph, "_justifyDrawParaLineX"), message
    import briefing.pdf.text  # noqa: F401  (installs the wrapper)

    drawer = rl_paragraph._justifyDrawParaLineX
    assert getattr(drawer, "_briefing_char_space", False), message
    assert list(inspect.signature(drawer).parameters) == ["tx", "offset", "line", "last"], message


def test_justified_chinese_lines_are_drawn_with_character_spacing() -> None:
    """The behaviour the patch exists for: a justified Chinese paragraph's lines carry PDF `Tc`."""
    from reportlab.pdfgen.canvas import Canvas

    from briefing.pdf.styles import styles
    from briefing.pdf.text import para

    style = styles().body_zh
    text = "青禾县今年新建污水管网，覆盖沿河各乡镇，同步完成雨污分流改造，全县生活污水收集率明显提高。" * 3
    paragraph = para(text, style)
    paragraph.wrap(200, 10_000)
    assert len(paragraph.blPara.lines) > 2
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pageCompression=0)
    paragraph.drawOn(canvas, 50, 400)
    canvas.save()
    spacings = {float(v) for v in re.findall(rb"([-\d.]+) Tc", buffer.getvalue())}
    assert spacings - {0.0}, (
        "justified Chinese lines were drawn without character spacing: ReportLab no longer draws them "
        "through _justifyDrawParaLineX (see briefing/pdf/text.py)"
    )


def test_reportlab_layout_tolerance_is_still_there() -> None:
    _in_use("reportlab.rl_config._FUZZ")
    from reportlab import rl_config

    assert isinstance(getattr(rl_config, "_FUZZ", None), float), (
        "reportlab.rl_config._FUZZ is gone; briefing/pdf/text.py wraps lines with it"
    )


# ---------------------------------------------------------------- re (standard library)


def test_the_regex_cache_still_rebuilds_patterns_on_this_python(tmp_path, monkeypatch) -> None:
    _in_use("re._compiler")
    from briefing import regex_cache

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(regex_cache, "_state", {})
    pattern = "(?P<name>[\u4e00-\u9fff]{2,4})(?:镇|乡)"
    assert regex_cache.compile(pattern) == re.compile(pattern)
    assert regex_cache._entries().get((pattern, 0)) is not None, (
        "briefing/regex_cache.py no longer caches compiled patterns on this Python (re's private "
        "_parser.parse / _compiler._code / _sre.compile changed): runs stay correct but pay the full "
        "compile time again; adapt regex_cache._entry to this release"
    )


# ---------------------------------------------------------------- atexit (standard library)


def test_atexit_still_runs_and_clears_the_exit_handlers() -> None:
    """cli._end runs the handlers itself before os._exit: they must run once, and not again at exit."""
    _in_use("atexit._run_exitfuncs")
    import subprocess
    import sys

    script = (
        "import atexit, os\natexit.register(print, 'handler ran')\natexit._run_exitfuncs()\nprint('after')\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    assert done.stdout == "handler ran\nafter\n", (
        "atexit._run_exitfuncs no longer runs and clears the exit handlers on this Python: "
        "briefing/cli.py (_end) relies on it"
    )
