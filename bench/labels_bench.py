"""Composed-label bench: start-up cost, labels per second and how each label's English was made.

Composes the English of every fact label of the given documents (the samples by default) without a
model, as `build` does: the first call pays for the segmenter (reading jieba's word index) and adding
every termbase term as a user word, and the first word the termbase lacks for reading the CC-CEDICT index
(data/cedict.tsv, ~0.001 s); later calls are plain rule work.

    .venv/bin/python bench/labels_bench.py [SOURCE ...]
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(argv: list[str]) -> None:
    from briefing.facts import extract_facts
    from briefing.ingest import load_document
    from briefing.translate import Glossary
    from briefing.translate.labels import LabelComposer
    from briefing.translate.termbase import Termbase

    sources = argv or [str(p) for p in sorted((ROOT / "examples").glob("*.txt"))]
    facts = [f for source in sources for f in extract_facts(load_document(source))]
    labels = sorted({f.indicator_zh for f in facts if f.indicator_zh})
    started = time.perf_counter()
    composer = LabelComposer(Termbase(Glossary.load()))
    composer.english("地区生产总值增速")
    warm = time.perf_counter() - started
    started = time.perf_counter()
    ways = Counter((found.by if found else "none") for found in map(composer.english, labels))
    spent = time.perf_counter() - started
    print(f"labels: {len(labels)} distinct from {len(sources)} documents")
    print(f"start-up (termbase, segmenter, first label): {warm:.2f} s")
    print(f"composing: {spent:.2f} s, {len(labels) / spent:.0f} labels/s (with reading the CC-CEDICT index)")
    print("by: " + ", ".join(f"{way} {n} ({n / len(labels):.0%})" for way, n in ways.most_common()))


if __name__ == "__main__":
    main(sys.argv[1:])
