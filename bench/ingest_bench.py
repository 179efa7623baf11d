"""Seconds to ingest 100,000 characters of each source format.

Builds one file per format from the bundled examples (repeated to about 100,000 characters), times
`load_document` on each (best of --repeat runs, after one warm-up run that also pays for imports) and
prints a table. Usage: .venv/bin/python bench/ingest_bench.py [--chars N] [--repeat N]
"""

from __future__ import annotations

import argparse
import html
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chars", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        paths = _write_sources(Path(tmp), _paragraphs(args.chars))
        print(f"{'format':<15}{'chars':>9}{'sentences':>11}{'s/100k chars':>14}")
        for name, path in paths.items():
            load_document(str(path))  # warm-up: imports, rule compilation
            best = float("inf")
            for _ in range(args.repeat):
                started = time.perf_counter()
                document = load_document(str(path))
                best = min(best, time.perf_counter() - started)
            per_100k = best * 100_000 / len(document.text)
            print(f"{name:<15}{len(document.text):>9}{len(document.sentences):>11}{per_100k:>14.3f}")


if __name__ == "__main__":
    main()
