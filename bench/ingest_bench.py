"""Ingest speed: CPU milliseconds per 10,000 characters to read sources into Documents.

Two modes:

- Sources (folders or files): `pipeline.load` (→ `load_document` → `document_from_text`) over every
  supported file, after one warm-up pass that pays for imports and rule compilation; CPU time
  (`time.process_time`), median of --repeat passes; Markdown and plain sources also apart. With
  --before PYTHON the same passes run in that interpreter (another checkout's venv: this script then
  imports that checkout's briefing), alternately with this one, since the machine may be shared.

      .venv/bin/python bench/ingest_bench.py /tmp/fb [--repeat 7] [--before ../main/.venv/bin/python]

- No source: one file per format (utf-8 and gb18030 text, HTML, PDF, DOCX) built from the bundled
  examples repeated to --chars characters, `load_document` timed on each.

      .venv/bin/python bench/ingest_bench.py [--chars N] [--repeat N]
"""

from __future__ import annotations

import argparse
import html
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import docx
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate

from briefing.ingest import load_document

ROOT = Path(__file__).resolve().parent.parent


def _paragraphs(chars: int) -> list[str]:
    lines = []
    for path in sorted((ROOT / "examples").glob("*.txt")):
        lines += [line.strip() for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    out: list[str] = []
    while sum(len(line) for line in out) < chars:
        out.extend(lines)
    return out


_FORMATS = {
    "txt (utf-8)": "utf8.txt",
    "txt (gb18030)": "gb18030.txt",
    "html": "html",
    "pdf": "pdf",
    "docx": "docx",
}


def _write_sources(folder: Path, paragraphs: list[str]) -> dict[str, Path]:
    text = "\n\n".join(paragraphs) + "\n"
    paths = {name: folder / f"source.{suffix}" for name, suffix in _FORMATS.items()}
    paths["txt (utf-8)"].write_text(text, encoding="utf-8")
    paths["txt (gb18030)"].write_bytes(text.encode("gb18030"))
    body = "".join(f"<p>{html.escape(p)}</p>\n" for p in paragraphs)
    page = f"<html><head><meta charset='utf-8'><title>{html.escape(paragraphs[0])}</title></head>"
    paths["html"].write_text(
        f"{page}<body><div class='nav'>首页 | 打印本页</div>{body}</body></html>", "utf-8"
    )
    word = docx.Document()
    for paragraph in paragraphs:
        word.add_paragraph(paragraph)
    word.save(str(paths["docx"]))
    pdfmetrics.registerFont(TTFont("NotoSansSC", str(ROOT / "fonts" / "NotoSansSC-Regular.ttf")))
    style = ParagraphStyle("zh", fontName="NotoSansSC", fontSize=10.5, leading=15, wordWrap="CJK")
    SimpleDocTemplate(str(paths["pdf"]), pagesize=A4).build(
        [Paragraph(html.escape(p), style) for p in paragraphs]
    )
    return paths


def _per_format(chars: int, repeat: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        paths = _write_sources(Path(tmp), _paragraphs(chars))
        print(f"{'format':<15}{'chars':>9}{'sentences':>11}{'ms/10k chars':>14}")
        for name, path in paths.items():
            load_document(str(path))  # warm-up: imports, rule compilation
            times = []
            for _ in range(repeat):
                started = time.process_time()
                document = load_document(str(path))
                times.append(time.process_time() - started)
            per_10k = statistics.median(times) * 1000 * 10_000 / len(document.text)
            print(f"{name:<15}{len(document.text):>9}{len(document.sentences):>11}{per_10k:>14.2f}")


def _sources(args: list[str]) -> list[str]:
    from briefing.ingest import SUPPORTED_SUFFIXES

    found: list[str] = []
    for arg in args:
        path = Path(arg)
        files = sorted(path.iterdir()) if path.is_dir() else [path]
        found += [str(f) for f in files if f.suffix.lower() in SUPPORTED_SUFFIXES]
    return found


KINDS = ("all", "markdown", "plain")


def measure(paths: list[str], repeat: int) -> dict[str, dict]:
    """{"seconds": CPU seconds of each pass, "chars": characters}, for all sources and for the
    Markdown and the plain ones apart."""
    from briefing.ingest.markdown import looks_like_markdown
    from briefing.pipeline import Source, load

    sources = [Source(path, Path(path).stem) for path in paths]
    started = time.process_time()
    documents = [load(source) for source in sources]  # warm-up: rules compiled (or read from the cache)
    first = time.process_time() - started
    kinds = ["markdown" if looks_like_markdown(d.text) else "plain" for d in documents]
    chars = dict.fromkeys(KINDS, 0)
    for document, kind in zip(documents, kinds, strict=True):
        chars[kind] += len(document.text)
        chars["all"] += len(document.text)
    seconds: dict[str, list[float]] = {kind: [] for kind in KINDS}
    for _ in range(repeat):
        spent = dict.fromkeys(KINDS, 0.0)
        for source, kind in zip(sources, kinds, strict=True):
            started = time.process_time()
            load(source)
            spent[kind] += time.process_time() - started
        spent["all"] = spent["markdown"] + spent["plain"]
        for kind in KINDS:
            seconds[kind].append(spent[kind])
    return {"seconds": seconds, "chars": chars, "first": first}


def _report(label: str, result: dict[str, dict]) -> None:
    firsts = result["first"] if isinstance(result["first"], list) else [result["first"]]
    first = statistics.median(firsts) * 1000
    what = "lazy imports, gazetteer, rules compiled or read from the regex cache"
    print(f"{label:<8}first pass ({what}) {first:.1f} ms CPU")
    for kind in KINDS:
        chars, seconds = result["chars"][kind], result["seconds"][kind]
        if chars:
            median = statistics.median(seconds)
            print(
                f"{label:<8}{kind:<10}{chars:>8} chars {median * 1000:8.1f} ms CPU"
                f" (min {min(seconds) * 1000:.1f})  {median * 1000 * 10_000 / chars:6.2f} ms/10k chars"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sources", nargs="*", help="folders or files to ingest (none: one file per format)")
    parser.add_argument("--chars", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--before", help="another checkout's Python, measured alternately (A/B)")
    parser.add_argument("--json", action="store_true", help=argparse.SUPPRESS)  # one run, for --before
    args = parser.parse_args()
    if not args.sources:
        _per_format(args.chars, args.repeat)
        return
    paths = _sources(args.sources)
    if args.json:
        print(json.dumps(measure(paths, args.repeat)))
        return
    if not args.before:
        _report("this", measure(paths, args.repeat))
        return
    runs: dict[str, dict[str, dict]] = {}
    for _ in range(args.repeat):  # alternately, a process each (imports and warm-up), one timed pass
        for label, python in (("before", args.before), ("this", sys.executable)):
            command = [python, __file__, "--json", "--repeat", "1", *paths]
            result = json.loads(subprocess.run(command, check=True, capture_output=True, text=True).stdout)
            run = runs.setdefault(
                label, {"seconds": {kind: [] for kind in KINDS}, "chars": result["chars"], "first": []}
            )
            run["first"].append(result["first"])
            for kind in KINDS:
                run["seconds"][kind] += result["seconds"][kind]
    for label, result in runs.items():
        _report(label, result)
    before, this = (statistics.median(runs[label]["seconds"]["all"]) for label in ("before", "this"))
    print(f"speed-up {before / this:.2f}x")


if __name__ == "__main__":
    main()
