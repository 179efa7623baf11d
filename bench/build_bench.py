"""Whole `briefing build` runs as a user starts them, in fresh processes: CPU, wall time, peak memory.

    python bench/build_bench.py cpu SOURCE...      CPU seconds (user+sys) of one build, median of --runs
    python bench/build_bench.py jobs SOURCE...     wall time of --jobs 2 against --jobs 1, median of --runs,
                                                   and the CPU of the main process and of the workers
    python bench/build_bench.py double SOURCE...   one document of ~--kb KB made of the sources, and the
                                                   same text twice over: build time and peak memory ratios
    python bench/build_bench.py timeline SOURCE... --jobs N: when each process started and ended each
                                                   task (warm-up, documents, theme composing, one-pagers),
                                                   and how long the cores sat idle

Issue 16 targets: two samples ≤ 3.0 s CPU; --jobs 2 ≤ 0.65× the wall time of --jobs 1 on the 9 public
documents; doubling a ~290 KB document: time ×≤ 2.4, peak memory ×≤ 1.6. The machine is shared, so take
medians and run the variants alternately (which this script does).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, fields
from pathlib import Path

# Runs `briefing build` in this interpreter and prints its own CPU, its worker processes' CPU, peak memory.
_PROBE = (
    "import resource, runpy, sys\n"
    "sys.argv = ['briefing', 'build', *sys.argv[1:]]\n"
    "try:\n    runpy.run_module('briefing', run_name='__main__')\n"
    "except SystemExit:\n    pass\n"
    "me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "print(me.ru_utime + me.ru_stime, kids.ru_utime + kids.ru_stime, me.ru_maxrss / 1024)\n"
)


@dataclass(frozen=True)
class Run:
    wall: float  # seconds
    main_cpu: float  # CPU seconds of the main process: start-up, the warm-up of --jobs, theme composing
    worker_cpu: float  # CPU seconds of the worker processes (documents and one-pagers under --jobs N > 1)
    peak_mb: float  # of the main process

    @property
    def cpu(self) -> float:
        return self.main_cpu + self.worker_cpu

    def idle_wall(self, cores: int) -> float:
        """The wall time on an idle machine with `cores` CPUs if the main process's CPU ran alone and the
        workers' CPU spread over the cores: an upper bound, since the main process also works while the
        workers do (`timeline` shows how much of the run is serial)."""
        return self.main_cpu + self.worker_cpu / cores


def run_build(sources: list[str], *options: str) -> Run:
    """One `briefing build` in a fresh process."""
    with tempfile.TemporaryDirectory() as out:
        started = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-c", _PROBE, *sources, "--out", out, "--quiet", *options],
            check=True,
            capture_output=True,
            text=True,
            env={**os.environ, "SOURCE_DATE_EPOCH": "1767225600"},
        )
        wall = time.perf_counter() - started
    main_cpu, worker_cpu, peak_mb = map(float, done.stdout.split()[-3:])
    return Run(wall, main_cpu, worker_cpu, peak_mb)


def median_runs(runs: int, variants: dict[str, tuple[list[str], list[str]]]) -> dict[str, Run]:
    """Median of each variant's figures, the variants run alternately so load changes hit them alike."""
    samples: dict[str, list[Run]] = {name: [] for name in variants}
    for _ in range(runs):
        for name, (sources, options) in variants.items():
            samples[name].append(run_build(sources, *options))
    return {
        name: Run(*(statistics.median(getattr(r, f.name) for r in rows) for f in fields(Run)))
        for name, rows in samples.items()
    }


def cpu(args: argparse.Namespace) -> None:
    run = median_runs(args.runs, {"jobs 1": (args.sources, ["--jobs", "1"])})["jobs 1"]
    print(f"{len(args.sources)} source(s), briefs and one-pagers: {run.cpu:.2f} s CPU, {run.wall:.2f} s wall")


def jobs(args: argparse.Namespace) -> None:
    """On a shared machine the wall times say more about the other users than about briefing: the CPU
    split (main process, workers) gives what an idle machine with 2 cores would take as well."""
    result = median_runs(
        args.runs, {"jobs 1": (args.sources, ["--jobs", "1"]), "jobs 2": (args.sources, ["--jobs", "2"])}
    )
    one, two = result["jobs 1"], result["jobs 2"]
    for name, run in result.items():
        print(
            f"--{name}: {run.wall:.2f} s wall; CPU {run.cpu:.2f} s = main {run.main_cpu:.2f}"
            f" + workers {run.worker_cpu:.2f}"
        )
    print(f"measured ratio {two.wall / one.wall:.2f} (target ≤ 0.65)")
    print(
        f"idle 2-core machine, at most: --jobs 1 {one.idle_wall(1):.2f} s, --jobs 2 {two.idle_wall(2):.2f} s,"
        f" ratio {two.idle_wall(2) / one.idle_wall(1):.2f}"
    )


def timeline(args: argparse.Namespace) -> None:
    """Each task of a `build --jobs N` (bench/timeline_probe.py logs them) on its process's line, one
    character per 50 ms, and the seconds in which fewer processes worked than --jobs allows."""
    with tempfile.TemporaryDirectory() as out:
        log = Path(out) / "timeline.tsv"
        env = {**os.environ, "SOURCE_DATE_EPOCH": "1767225600", "TIMELINE_LOG": str(log)}
        probe = Path(__file__).with_name("timeline_probe.py")
        options = ["--out", out, "--quiet", "--jobs", str(args.jobs)]
        subprocess.run([sys.executable, probe, *args.sources, *options], check=True, env=env)
        rows = [line.split("\t") for line in log.read_text().splitlines()]
    tasks = sorted(
        ((pid, name, float(a), float(b), float(c)) for pid, name, a, b, c in rows), key=lambda t: t[2]
    )
    pids = list(dict.fromkeys(t[0] for t in tasks))
    for pid, name, start, end, cpu in tasks:
        print(f"p{pids.index(pid)} {start:5.2f}–{end:5.2f} s  CPU {cpu:4.2f}  {name}")
    step = 0.05
    slots = int(max(t[3] for t in tasks) / step) + 1
    busy = [0] * slots
    for number, pid in enumerate(pids):
        line = [" "] * slots
        for p, name, start, end, _cpu in tasks:
            if p != pid or name.startswith("wait"):
                continue
            mark = {"document": "#", "typesetting": "p", "one-pager": "t"}.get(name.split()[0], "=")
            for i in range(int(start / step), max(int(end / step), int(start / step) + 1)):
                line[i] = mark
        for i, mark in enumerate(line):
            busy[i] += mark != " "
        print(f"p{number} |{''.join(line)}|")
    under = sum(step for b in busy if b < args.jobs)
    print("   one character per 50 ms: = start-up, warm-up; # composing a brief, p typesetting, t one-pager")
    print(f"   {under:.2f} s of {slots * step:.2f} s with fewer than {args.jobs} processes at work")


def double(args: argparse.Namespace) -> None:
    texts = [Path(s).read_text(encoding="utf-8") for s in args.sources]
    body, number = "", 0
    while len(body.encode()) < args.kb * 1024:  # whole documents, one after another, round and round
        body += texts[number % len(texts)] + "\n\n"
        number += 1
    with tempfile.TemporaryDirectory() as folder:
        single, twice = Path(folder) / "single.txt", Path(folder) / "twice.txt"
        single.write_text(body, encoding="utf-8")
        twice.write_text(body + body, encoding="utf-8")
        rows = []
        for path in (single, twice):  # peak memory is per run: one fresh measurement each
            runs = [run_build([str(path)], "--jobs", "1") for _ in range(args.runs)]
            rows.append((statistics.median(r.wall for r in runs), statistics.median(r.peak_mb for r in runs)))
    (t1, m1), (t2, m2) = rows
    print(f"{len(body.encode()) // 1024} KB: {t1:.2f} s, {m1:.0f} MB; twice that: {t2:.2f} s, {m2:.0f} MB")
    print(f"time ×{t2 / t1:.2f} (target ≤ 2.4), peak memory ×{m2 / m1:.2f} (target ≤ 1.6)")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("what", choices=["cpu", "jobs", "double", "timeline"])
    parser.add_argument("sources", nargs="+")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--jobs", type=int, default=2, help="for timeline")
    parser.add_argument("--kb", type=int, default=290, help="size of the document `double` starts from")
    args = parser.parse_args()
    {"cpu": cpu, "jobs": jobs, "double": double, "timeline": timeline}[args.what](args)


if __name__ == "__main__":
    main()
