"""Compose at growing sizes: seconds and peak memory of `build` steps for a text and the same text doubled.

Issue targets: doubling a ~290 KB document multiplies compose time by at most 2.4 and peak memory by at
most 1.6; a 100,000-character single line finishes. Each size runs in a fresh process (ingest, facts,
compose; no PDF) so one measurement's memory does not count in another's.

Usage: python bench/compose_scaling.py [SOURCE]   (default: the bundled report example)
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT = ROOT / "examples" / "004_976266724e1df7b4.txt"
TARGET_BYTES = 290_000


def measure(text: str) -> dict:
    from briefing.compose import compose_brief
    from briefing.ingest import document_from_text
    from briefing.pipeline import BuildOptions, extract, translation_layer

    layer = translation_layer(BuildOptions(use_cache=False))
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    document = document_from_text(text, "bench", "bench.txt")
    facts = extract(document, layer)
    extracted = time.perf_counter()
    brief = compose_brief(document, facts, layer)
    finished = time.perf_counter()
    return {
        "chars": len(text),
        "facts": len(facts),
        "sentences": sum(len(s.sentences) for s in brief.sections),
        "extract_s": round(extracted - started, 2),
        "compose_s": round(finished - extracted, 2),
        "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "start_mb": round(before / 1024, 1),
    }


def run(text: str) -> dict:
    code = f"import json,sys; sys.path.insert(0, {str(ROOT / 'bench')!r}); import compose_scaling as c; "
    code += "print(json.dumps(c.measure(sys.stdin.read())))"
    done = subprocess.run(
        [sys.executable, "-c", code], input=text, capture_output=True, text=True, check=True
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    base = source.read_text(encoding="utf-8")
    copies = max(1, TARGET_BYTES // len(base.encode("utf-8")))
    one, two = run(base * copies), run(base * copies * 2)
    print(json.dumps(one), json.dumps(two), sep="\n")
    time_ratio = (two["extract_s"] + two["compose_s"]) / max(one["extract_s"] + one["compose_s"], 1e-9)
    compose_ratio = two["compose_s"] / max(one["compose_s"], 1e-9)
    memory_ratio = two["peak_mb"] / one["peak_mb"]
    print(f"doubling: time x{time_ratio:.2f} (compose x{compose_ratio:.2f}), peak memory x{memory_ratio:.2f}")
    line = run(("全区新设企业31家，同比增长29.2%，" * 6000)[:100_000])
    print("100,000-character single line:", json.dumps(line))


if __name__ == "__main__":
    main()
