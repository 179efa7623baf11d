"""Composed-label bench: the CPU time of the labels step of `briefing facts`, and how labels were made.

The labels step is what `pipeline.extract` adds to fact extraction: `TranslationLayer.indicator_labels`
over each document's labels, through one layer, in a process that has composed nothing yet. It pays for
reading the termbase and the rules, setting up the segmenter (jieba's word index, every termbase term as
a user word), the word-index buckets and CC-CEDICT lookups its labels need, and the rule work. Each
repeat runs in a fresh process (CPU time, user + system, of the step alone; median of the repeats).

    .venv/bin/python bench/labels_bench.py [--repeat N] [SOURCE ...]   (default: the examples)
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def once(sources: list[str]) -> dict:
    """One measurement in this process, set up as the `facts` command sets itself up."""
    from briefing.cli import _quiet_collector
    from briefing.facts import extract_facts
    from briefing.pipeline import BuildOptions, gather_sources, load, translation_layer

    _quiet_collector()
    documents = [load(source) for source in gather_sources(sources).items]
    labels = [[fact.indicator_zh for fact in extract_facts(document)] for document in documents]
    started = time.process_time()
    layer = translation_layer(BuildOptions())
    found = [layer.indicator_labels(batch) for batch in labels]
    spent = time.process_time() - started
    distinct = {zh for batch in labels for zh in batch if zh}
    ways = Counter(english.by for batch in found for english in batch.values())
    return {"seconds": spent, "labels": len(distinct), "documents": len(documents), "by": dict(ways)}


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--once", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("sources", nargs="*")
    args = parser.parse_args(argv)
    sources = args.sources or [str(p) for p in sorted((ROOT / "examples").glob("*.txt"))]
    if args.once:
        print(json.dumps(once(sources)))
        return
    runs = [
        json.loads(
            subprocess.run(
                [sys.executable, __file__, "--once", *sources], capture_output=True, text=True, check=True
            ).stdout
        )
        for _ in range(args.repeat)
    ]
    last = runs[-1]
    seconds = statistics.median(run["seconds"] for run in runs)
    print(f"labels step: {seconds:.3f} s CPU (median of {len(runs)} fresh processes)")
    print(f"labels: {last['labels']} distinct from {last['documents']} documents")
    print("by: " + ", ".join(f"{way} {n}" for way, n in sorted(last["by"].items(), key=lambda kv: -kv[1])))


if __name__ == "__main__":
    main(sys.argv[1:])
