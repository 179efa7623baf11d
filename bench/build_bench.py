"""Whole `briefing build` runs as a user starts them, in fresh processes: CPU, wall time, peak memory.

    python bench/build_bench.py cpu SOURCE...      CPU seconds (user+sys) of one build, median of --runs
    python bench/build_bench.py jobs SOURCE...     wall time of --jobs 2 against --jobs 1, median of --runs
    python bench/build_bench.py double SOURCE...   one document of ~--kb KB made of the sources, and the
                                                   same text twice over: build time and peak memory ratios

Issue 16 targets: two samples ≤ 3.0 s CPU; --jobs 2 ≤ 0.65× the wall time of --jobs 1 on the 9 public
documents; doubling a ~290 KB document: time ×≤ 2.4, peak memory ×≤ 1.6. The machine is shared, so take
medians and run the variants alternately (which this script does).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def run_build(sources: list[str], *options: str) -> tuple[float, float]:
    """(wall s, CPU s) of one `briefing build` in a fresh process, its worker processes included."""
    with tempfile.TemporaryDirectory() as out:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "briefing", "build", *sources, "--out", out, "--quiet", *options],
            check=False,
            capture_output=True,
            env={**os.environ, "SOURCE_DATE_EPOCH": "1767225600"},
        )
        wall = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def median_runs(runs: int, variants: dict[str, tuple[list[str], list[str]]]) -> dict[str, list[float]]:
    """Median (wall, CPU) of each variant, the variants run alternately so load changes hit them alike."""
    samples: dict[str, list[tuple[float, float]]] = {name: [] for name in variants}
    for _ in range(runs):
        for name, (sources, options) in variants.items():
            samples[name].append(run_build(sources, *options))
    return {name: [statistics.median(s[i] for s in rows) for i in range(2)] for name, rows in samples.items()}


def cpu(args: argparse.Namespace) -> None:
    result = median_runs(args.runs, {"jobs 1": (args.sources, ["--jobs", "1"])})
    wall, cpu_s = result["jobs 1"]
    print(f"{len(args.sources)} source(s), briefs and one-pagers: {cpu_s:.2f} s CPU, {wall:.2f} s wall")


def jobs(args: argparse.Namespace) -> None:
    result = median_runs(
        args.runs, {"jobs 1": (args.sources, ["--jobs", "1"]), "jobs 2": (args.sources, ["--jobs", "2"])}
    )
    (one, one_cpu), (two, two_cpu) = result["jobs 1"], result["jobs 2"]
    print(f"--jobs 1: {one:.2f} s wall ({one_cpu:.2f} s CPU)")
    print(f"--jobs 2: {two:.2f} s wall ({two_cpu:.2f} s CPU)  ratio {two / one:.2f} (target ≤ 0.65)")


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
            walls = [run_build([str(path)], "--jobs", "1")[0] for _ in range(args.runs)]
            rows.append((statistics.median(walls), _peak_mb(path)))
    (t1, m1), (t2, m2) = rows
    print(f"{len(body.encode()) // 1024} KB: {t1:.2f} s, {m1:.0f} MB; twice that: {t2:.2f} s, {m2:.0f} MB")
    print(f"time ×{t2 / t1:.2f} (target ≤ 2.4), peak memory ×{m2 / m1:.2f} (target ≤ 1.6)")


def _peak_mb(source: Path) -> float:
    """Peak resident memory (MB) of a build of `source` in one process."""
    probe = (
        "import resource, runpy, sys\n"
        "sys.argv = ['briefing', 'build', sys.argv[1], '--out', sys.argv[2], '--quiet', '--jobs', '1']\n"
        "try:\n    runpy.run_module('briefing', run_name='__main__')\n"
        "except SystemExit:\n    pass\n"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)\n"
    )
    with tempfile.TemporaryDirectory() as out:
        result = subprocess.run(
            [sys.executable, "-c", probe, str(source), out], capture_output=True, text=True, check=True
        )
    return float(result.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("what", choices=["cpu", "jobs", "double"])
    parser.add_argument("sources", nargs="+")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--kb", type=int, default=290, help="size of the document `double` starts from")
    args = parser.parse_args()
    {"cpu": cpu, "jobs": jobs, "double": double}[args.what](args)


if __name__ == "__main__":
    main()
