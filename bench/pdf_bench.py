"""PDF bench: seconds to typeset a realistic 4-page brief (charts included) once the process has started
(fonts registered, libraries imported), and the size of the file. Targets: ≤ 1 s, ≤ 400 KB.

Times are CPU seconds of this process (wall time on a shared machine measures the neighbours too), and
a brief eight times as long shows that typesetting grows in step with the text.

Run: .venv/bin/python bench/pdf_bench.py [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # the realistic sample brief the PDF tests use


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    started = time.process_time()
    from pypdf import PdfReader
    from test_pdf_samples import sample_brief

    from briefing.pdf import write_brief_pdf

    brief = sample_brief()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "brief.pdf"
        write_brief_pdf(brief, path, generated="2025-10-01")  # start-up: imports, fonts, first charts
        startup = time.process_time() - started
        times = []
        for _ in range(args.runs):
            begin = time.process_time()
            write_brief_pdf(sample_brief(), path, generated="2025-10-01")
            times.append(time.process_time() - begin)
        size = path.stat().st_size
        pages = len(PdfReader(path).pages)
        long_brief = sample_brief(copies=8)
        begin = time.process_time()
        write_brief_pdf(long_brief, path, generated="2025-10-01")
        long_time = time.process_time() - begin
        long_pages = len(PdfReader(path).pages)
    print(f"start-up incl. first build: {startup:.2f} s CPU")
    print(
        f"build after start-up: median {statistics.median(times):.3f} s, max {max(times):.3f} s CPU "
        f"over {args.runs} runs (target ≤ 1 s)"
    )
    print(f"pages: {pages}, size: {size / 1024:.0f} KB (target ≤ 400 KB)")
    print(f"eight times the brief: {long_time:.3f} s CPU, {long_pages} pages")


if __name__ == "__main__":
    main()
