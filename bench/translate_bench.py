"""Translation layer bench: throughput, translation-memory hit rate and number fidelity.

Runs the whole layer (masking, splitting, Argos/CTranslate2 batches, restoration, number check) on the
tiny random-weight test package from tests/argos_test_model.py, over every sentence of the sample
documents that states a fact. The test model's English is gibberish and its speed says little about a
real model's; what the numbers show is the layer's own overhead, the gain from batching, that a rebuild
is served from the translation memory, and that no published sentence carries a wrong figure.

    .venv/bin/python bench/translate_bench.py [SOURCE ...]
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))


def fact_sentences(sources: list[str]):
    from briefing.facts import extract_facts
    from briefing.ingest import load_document

    items = []
    for source in sources:
        document = load_document(source)
        by_sentence = defaultdict(list)
        for fact in extract_facts(document):
            by_sentence[fact.sentence].append(fact)
        items.extend(by_sentence.items())
    return items


def main(argv: list[str]) -> None:
    sources = argv or [str(p) for p in sorted((ROOT / "examples").glob("*.txt"))]
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["ARGOS_PACKAGES_DIR"] = str(Path(tmp) / "packages")
        from argos_test_model import build_package

        from briefing.translate import Glossary, TranslationLayer
        from briefing.translate.fidelity import check_numbers
        from briefing.translate.models import install_model
        from briefing.translate.protect import mask, unmask

        started = time.perf_counter()
        install_model(str(build_package(Path(tmp) / "build")))
        print(f"test model built and installed in {time.perf_counter() - started:.2f} s")

        glossary = Glossary.load()
        items = fact_sentences(sources)
        n_facts = sum(len(facts) for _, facts in items)
        print(f"{len(items)} sentences stating {n_facts} facts in {len(sources)} source(s)")

        # Warm up: load the model once so both timings below measure translation only.
        TranslationLayer(glossary, cache_path=None, use_cache=False).label("城市更新")

        batched = TranslationLayer(glossary, cache_path=None, use_cache=False)
        started = time.perf_counter()
        results = batched.sentences(items)
        batched_s = time.perf_counter() - started
        single = TranslationLayer(glossary, cache_path=None, use_cache=False)
        started = time.perf_counter()
        for item in items:
            single.sentences([item])
        single_s = time.perf_counter() - started
        print(
            f"throughput, batched:    {len(items) / batched_s:7.1f} sentences/s ({batched.mt_calls} MT texts)"
        )
        print(
            f"throughput, one a call: {len(items) / single_s:7.1f} sentences/s ({single.mt_calls} MT texts)"
        )

        cache = Path(tmp) / "tm.sqlite"
        TranslationLayer(glossary, cache_path=cache).sentences(items)
        rebuild = TranslationLayer(glossary, cache_path=cache)
        again = rebuild.sentences(items)
        lookups = rebuild.cache_hits + rebuild.mt_calls
        print(
            f"rebuild: cache hit rate {rebuild.cache_hits / max(lookups, 1):.1%}, {rebuild.mt_calls} MT calls"
        )
        assert [r.en for r in again] == [
            r.en for r in TranslationLayer(glossary, cache_path=cache).sentences(items)
        ]

        published = [(r, facts) for r, (_, facts) in zip(results, items, strict=True) if r.en]
        faithful = sum(1 for r, facts in published if not check_numbers(r.en, facts))
        located = sum(len(mask(zh, facts, glossary).facts) for zh, facts in items)
        round_trip = 0
        for zh, facts in items:  # an "MT" that returns its input: rendering + restoration + reading agree?
            masked = mask(zh, facts, glossary)
            restored = unmask(masked.text, masked)
            round_trip += restored is not None and not check_numbers(restored, facts)
        print(f"facts protected by a placeholder: {located}/{n_facts} ({located / max(n_facts, 1):.1%})")
        print(f"placeholder round trip with exact figures (identity MT): {round_trip}/{len(items)}")
        print(
            f"published with English: {len(published)}/{len(items)}; "
            f"number fidelity of published sentences: {faithful}/{len(published)} "
            f"({faithful / max(len(published), 1):.1%})"
        )
        by = defaultdict(int)
        for r in results:
            by[r.en_by] += 1
        print("en_by:", dict(by))


if __name__ == "__main__":
    main(sys.argv[1:])
