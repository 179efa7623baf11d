"""Side by side: briefing's fact extractor and JioNLP's money extractor on the same texts.

Two comparisons:

- In process (default): for each tool, milliseconds per 10,000 characters (after import and one
  warm-up run), and strict F1 on the money subset of the gold facts (unit CNY or USD): a prediction counts
  when its span overlaps a gold money fact (one to one, largest overlap first) and value (relative
  tolerance 1e-6) and currency agree. JioNLP only finds money; briefing finds every unit.

      .venv/bin/python bench/facts_vs_jionlp.py [--text DIR] [--gold DIR] [--rounds 5]

  Defaults: the two samples and their gold in tests/data; for the development set pass
  `--text ../shared/dev --gold ../shared/dev/gold`.

- Whole process (`--process DIR ...`): CPU seconds (user + system, from getrusage(RUSAGE_CHILDREN)) of
  `briefing facts` over every .txt of the folders, copied `--repeat` times (default 10: the public texts
  ten times over, ~1.4 MB; distinct files, as `briefing facts` reads a file named twice once; with
  `--one-file` laid end to end in one file), against a process that imports JioNLP and runs its money
  extractor line by line over the same files. The two run alternately, `--runs` times each (default 5;
  the machine is shared, so both see the same load), and the medians are compared. Both packages' modules
  are compiled to bytecode first (`compile_bytecode`: with PYTHONDONTWRITEBYTECODE set, an editable
  checkout would otherwise be compiled again by every run).

      .venv/bin/python bench/facts_vs_jionlp.py --process ../shared/seeds ../shared/dev
          [--before OTHER_CHECKOUT/.venv/bin/briefing]

JioNLP is a dev-only dependency (`pip install jionlp`).
"""

from __future__ import annotations

import argparse
import contextlib
import importlib.util
import io
import math
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from briefing.facts import extract_facts
from briefing.ingest import document_from_text

ROOT = Path(__file__).resolve().parent.parent
MONEY = {"CNY", "USD"}
JIO_CURRENCY = {"元": "CNY", "人民币": "CNY", "美元": "USD"}


def load_scorer():
    """The project's fact scorer (a copy of shared/gold/score.py, kept with the test data)."""
    spec = importlib.util.spec_from_file_location("gold_score", ROOT / "tests" / "data" / "gold" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def ours(text: str, doc: str) -> list[tuple[int, int, float, str]]:
    facts = extract_facts(document_from_text(text, doc))
    return [(f.span[0], f.span[1], float(f.value), f.unit) for f in facts if f.unit in MONEY]


def ours_all(text: str, doc: str) -> int:
    return len(extract_facts(document_from_text(text, doc)))


def extraction_only(texts: list[tuple[str, str]], rounds: int) -> float:
    """ms per 10,000 characters of extract_facts alone, on documents ingested beforehand."""
    documents = [document_from_text(text, doc) for _ in range(rounds + 1) for text, doc in texts]
    extract_facts(documents.pop())
    started = time.perf_counter()
    for document in documents:
        extract_facts(document)
    elapsed = time.perf_counter() - started
    chars = sum(len(d.text) for d in documents)
    return elapsed * 1000 / chars * 10_000


def jionlp_money(jio, text: str) -> list[tuple[int, int, float, str]]:
    """JioNLP run line by line (its intended input is a short text); offsets mapped back to the text."""
    found = []
    offset = 0
    for line in text.split("\n"):
        if line.strip():
            for item in jio.ner.extract_money(line):
                num = item["detail"]["num"]
                value = float(num[0] if isinstance(num, list) else num)
                currency = JIO_CURRENCY.get(item["detail"].get("case", ""), item["detail"].get("case", ""))
                start, end = item["offset"]
                found.append((offset + start, offset + end, value, currency))
        offset += len(line) + 1
    return found


def money_f1(gold: list[tuple[int, int, float, str]], pred: list[tuple[int, int, float, str]]) -> float:
    pairs = sorted(
        (
            (min(g[1], p[1]) - max(g[0], p[0]), gi, pi)
            for gi, g in enumerate(gold)
            for pi, p in enumerate(pred)
            if min(g[1], p[1]) > max(g[0], p[0])
        ),
        reverse=True,
    )
    used_g, used_p, correct = set(), set(), 0
    for _, gi, pi in pairs:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        g, p = gold[gi], pred[pi]
        correct += math.isclose(g[2], p[2], rel_tol=1e-6) and g[3] == p[3]
    precision = correct / len(pred) if pred else 0.0
    recall = correct / len(gold) if gold else 0.0
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def ms_per_10k(run, texts: list[tuple[str, str]], rounds: int) -> float:
    for text, doc in texts:
        run(text, doc)
    started = time.perf_counter()
    for _ in range(rounds):
        for text, doc in texts:
            run(text, doc)
    elapsed = time.perf_counter() - started
    chars = sum(len(t) for t, _ in texts) * rounds
    return elapsed * 1000 / chars * 10_000


def jionlp_process(files: list[str]) -> None:
    """The JioNLP side of the whole-process comparison (run in a child process): import it, read the
    files and run its money extractor line by line, as `briefing facts` reads its files and extracts."""
    import jionlp as jio

    found = sum(len(jionlp_money(jio, Path(f).read_text(encoding="utf-8"))) for f in files)
    print(f"{found} money mentions", file=sys.stderr)


def child_cpu(command: list[str]) -> float:
    """CPU seconds (user + system) a child process running `command` used."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def compile_bytecode() -> list[str]:
    """Each tool's modules compiled to bytecode before it is timed, as pip leaves a package it installs:
    with PYTHONDONTWRITEBYTECODE set (this kind of machine sets it) nothing writes bytecode at import, so
    an editable checkout would be compiled again by every run — the Python compiler's time (~0.05 s of a
    `briefing facts` run), not the tool's; JioNLP, installed from a wheel, has its bytecode already. The
    packages compiled (nothing where the bytecode is up to date)."""
    import compileall
    import importlib.util

    done = []
    for name in ("briefing", "jionlp"):
        spec = importlib.util.find_spec(name)
        for folder in (spec.submodule_search_locations or []) if spec else []:
            compileall.compile_dir(folder, quiet=1)
            done.append(name)
    return done


def whole_process(folders: list[Path], repeat: int, runs: int, before: Path | None, one_file: bool) -> None:
    compiled = compile_bytecode()
    texts = [p.read_text(encoding="utf-8") for folder in folders for p in sorted(folder.glob("*.txt"))]
    with tempfile.TemporaryDirectory() as tmp:
        # `briefing facts` reads a file named twice once, so the copies are distinct files
        if one_file:
            files = [Path(tmp) / "all.txt"]
            files[0].write_text("\n\n".join(texts * repeat), encoding="utf-8")
        else:
            files = [Path(tmp) / f"copy{n}_{i}.txt" for n in range(repeat) for i in range(len(texts))]
            for path, text in zip(files, texts * repeat, strict=True):
                path.write_text(text, encoding="utf-8")
        names = [str(f) for f in files]
        chars = sum(len(f.read_text(encoding="utf-8")) for f in files)
        size = sum(f.stat().st_size for f in files)
        briefing = Path(sys.executable).with_name("briefing")
        commands = {
            "briefing facts (every unit)": [str(briefing), "facts", *names],
            "jionlp extract_money (line by line)": [sys.executable, __file__, "--jionlp-child", *names],
        }
        if before:  # another build of briefing (an earlier checkout's venv), to measure a change
            commands[f"before: {before}"] = [str(before), "facts", *names]
        times: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(runs):  # alternately, so both see the same load on a shared machine
            for name, command in commands.items():
                times[name].append(child_cpu(command))
    shape = "one file" if one_file else f"{len(files)} files"
    print(f"texts: {len(texts)} x {repeat} in {shape}, {chars} characters, {size} bytes")
    print(f"bytecode compiled before timing, as pip leaves installed packages: {', '.join(compiled)}")
    print(f"CPU seconds of the whole process (user + system), median of {runs} runs:")
    for name, found in times.items():
        print(f"  {name:<38}{statistics.median(found):6.2f} s   runs: {' '.join(f'{t:.2f}' for t in found)}")
    ours, theirs = (statistics.median(found) for found in list(times.values())[:2])
    print(f"ratio (jionlp / briefing): {theirs / ours:.2f}x")


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--jionlp-child":
        jionlp_process(sys.argv[2:])
        return
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--text", type=Path, default=ROOT / "tests" / "data" / "seeds")
    ap.add_argument("--gold", type=Path, default=ROOT / "tests" / "data" / "gold")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--process", type=Path, nargs="+", metavar="DIR", help="compare whole processes")
    ap.add_argument("--repeat", type=int, default=10, help="times each file is given (--process)")
    ap.add_argument("--runs", type=int, default=5, help="runs of each process (--process)")
    ap.add_argument("--before", type=Path, help="another `briefing` executable to time alongside (--process)")
    ap.add_argument(
        "--one-file", action="store_true", help="the copies laid end to end in one file (--process)"
    )
    args = ap.parse_args()
    try:
        with contextlib.redirect_stdout(io.StringIO()):  # its import banner
            import jionlp as jio
    except ImportError:
        sys.exit("bench: JioNLP is not installed (pip install jionlp)")
    if args.process:
        whole_process(args.process, args.repeat, args.runs, args.before, args.one_file)
        return
    scorer = load_scorer()
    texts, gold, doubtful, pred_ours, pred_jio = [], [], [], [], []
    for gold_file in sorted(args.gold.glob("*.jsonl")):
        text = (args.text / f"{gold_file.stem}.txt").read_text(encoding="utf-8")
        facts = scorer.load_jsonl(gold_file)
        spans = scorer.locate_all(text, facts)
        shift = sum(len(t) + 1 for t, _ in texts)  # documents laid end to end
        texts.append((text, gold_file.stem))
        for fact, span in zip(facts, spans, strict=True):
            if fact.get("unit") in MONEY and span:
                item = (shift + span[0], shift + span[1], float(fact["value"]), fact["unit"])
                (doubtful if fact.get("doubtful") else gold).append(item)
        pred_ours += [(shift + s, shift + e, v, u) for s, e, v, u in ours(text, gold_file.stem)]
        pred_jio += [(shift + s, shift + e, v, u) for s, e, v, u in jionlp_money(jio, text)]
    # like score.py: a prediction on a gold item marked doubtful is neither rewarded nor penalised
    pred_ours, pred_jio = (
        [p for p in preds if not any(min(d[1], p[1]) > max(d[0], p[0]) for d in doubtful)]
        for preds in (pred_ours, pred_jio)
    )
    speed_ours = ms_per_10k(ours_all, texts, args.rounds)
    speed_extract = extraction_only(texts, args.rounds)
    speed_jio = ms_per_10k(lambda text, _doc: jionlp_money(jio, text), texts, args.rounds)
    chars = sum(len(t) for t, _ in texts)
    print(f"texts: {len(texts)} documents, {chars} characters, {len(gold)} gold money facts")
    print(
        f"briefing (all units, ingest included): {speed_ours:8.1f} ms / 10k chars   money strict F1 "
        f"{money_f1(gold, pred_ours):.3f}"
    )
    print(f"  of which extract_facts alone:     {speed_extract:8.1f} ms / 10k chars")
    print(
        f"jionlp extract_money:                  {speed_jio:8.1f} ms / 10k chars   money strict F1 "
        f"{money_f1(gold, pred_jio):.3f}"
    )
    print(f"speed ratio (jionlp / briefing): {speed_jio / speed_ours:.2f}x")


if __name__ == "__main__":
    main()
