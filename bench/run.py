"""Whole-pipeline figures per bundled example: build seconds, facts per second, PDF size, peak memory.

Each example is built in a fresh process so start-up (imports, font loading) is measured apart from
the work itself. Usage: python bench/run.py [SOURCE ...]   (default: examples/*.txt)
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def measure_one(source: str, out: str) -> None:
    started = time.perf_counter()
    from briefing.pipeline import BuildOptions, build

    imported = time.perf_counter()
    report = build([source], BuildOptions(out_dir=Path(out), one_pagers=False, use_cache=False))
    finished = time.perf_counter()
    doc = Path(source).stem
    print(
        json.dumps(
            {
                "doc": doc,
                "chars": len(Path(source).read_text(encoding="utf-8")),
                "startup_s": imported - started,
                "build_s": finished - imported,
                "facts": report.facts,
                "pdf_kb": (Path(out) / f"{doc}.pdf").stat().st_size / 1024,
                "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                "failures": report.failures,
            }
        )
    )


def main(sources: list[str]) -> None:
    rows = []
    for source in sources:
        with tempfile.TemporaryDirectory() as out:
            result = subprocess.run(
                [sys.executable, __file__, "--one", source, out], capture_output=True, text=True, check=True
            )
            rows.append(json.loads(result.stdout.strip().splitlines()[-1]))
    print(
        f"{'document':<24}{'chars':>8}{'start-up s':>12}{'build s':>9}{'facts':>7}{'facts/s':>9}"
        f"{'PDF KB':>8}{'peak MB':>9}"
    )
    for r in rows:
        print(
            f"{r['doc'][:23]:<24}{r['chars']:>8}{r['startup_s']:>12.2f}{r['build_s']:>9.2f}{r['facts']:>7}"
            f"{r['facts'] / r['build_s']:>9.1f}{r['pdf_kb']:>8.0f}{r['peak_mb']:>9.0f}"
        )
        for failure in r["failures"]:
            print(f"  failed: {failure}")


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--one":
        measure_one(sys.argv[2], sys.argv[3])
    else:
        main(sys.argv[1:] or sorted(str(p) for p in (ROOT / "examples").glob("*.txt")))
