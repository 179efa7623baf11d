"""`briefing build` with the pipeline's tasks logged: one line per task (pid, task, start, end, CPU
seconds) appended to the file $TIMELINE_LOG, times in seconds since this process started. Forked
workers inherit the wrappers. Run by `build_bench.py timeline`; arguments are those of `briefing build`.
"""

from __future__ import annotations

import os
import runpy
import sys
import time
from collections.abc import Callable
from contextlib import suppress
from typing import Any

LOG = os.environ["TIMELINE_LOG"]
T0 = time.perf_counter() - time.process_time()  # the interpreter's start, as near as this can tell

# (module, function, task name, what to call the task after from its first argument)
TASKS: list[tuple[str, str, str, Callable[..., str]]] = [
    ("briefing.pipeline", "_context", "context", lambda *a: ""),
    ("briefing.pipeline", "_preload", "warm-up", lambda *a: ""),
    ("briefing.pipeline", "_preload_typesetting", "warm-up for typesetting", lambda *a: ""),
    ("briefing.pipeline", "compose_document", "document", lambda source, *a: source.doc),
    ("briefing.pipeline", "write_document", "typesetting", lambda composed, *a: composed.source.doc),
    ("briefing.compose.themes", "ThemeMaterial.compose", "composing one-pager", lambda m, theme, *a: theme),
    ("briefing.pipeline", "_write_theme", "one-pager", lambda brief, *a: brief.theme),
]


def write(name: str, start: float, end: float, cpu: float) -> None:
    with open(LOG, "a", encoding="utf-8") as log:
        log.write(f"{os.getpid()}\t{name}\t{start - T0:.3f}\t{end - T0:.3f}\t{cpu:.3f}\n")


def logged(name: str, function: Callable[..., Any], label: Callable[..., str]) -> Callable[..., Any]:
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start, cpu = time.perf_counter(), time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            write(f"{name} {label(*args)}".strip(), start, time.perf_counter(), time.process_time() - cpu)

    return wrapper


def main() -> None:
    from importlib import import_module

    for module_name, path, name, label in TASKS:
        owner: Any = import_module(module_name)
        *parents, attribute = path.split(".")
        for parent in parents:
            owner = getattr(owner, parent)
        if hasattr(owner, attribute):
            setattr(owner, attribute, logged(name, getattr(owner, attribute), label))
    write("start-up", T0, time.perf_counter(), time.process_time())
    sys.argv = ["briefing", "build", *sys.argv[1:]]
    with suppress(SystemExit):
        runpy.run_module("briefing", run_name="__main__")
    write("wait end", time.perf_counter(), time.perf_counter(), 0)


if __name__ == "__main__":
    main()
