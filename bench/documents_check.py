"""Document-level reading (genre, own title, date, place, headlines) against ../shared's gold, fast.

Reads each source of a documents.jsonl gold file with ingest alone (no facts, no PDFs), writes the
`document` object of every brief.json the way `build` would (Document.metadata()) into a scratch folder,
and runs the shared scorer (../shared/gold/documents.py) on it, so the numbers are the scorer's own.

    .venv/bin/python bench/documents_check.py [--gold ../shared/dev/documents.jsonl] [--shared ../shared]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from briefing.ingest import load_document

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--gold", type=Path, default=None, help="documents.jsonl (default: <shared>/dev/)")
    args = parser.parse_args()
    gold = args.gold or args.shared / "dev" / "documents.jsonl"
    with tempfile.TemporaryDirectory() as scratch:
        for line in gold.read_text(encoding="utf-8").splitlines():
            entry = json.loads(line)
            source = args.shared / entry["dir"] / f"{entry['doc']}.txt"
            document = load_document(str(source))
            out = Path(scratch) / f"{entry['doc']}.brief.json"
            out.write_text(
                json.dumps({"document": document.metadata()}, ensure_ascii=False), encoding="utf-8"
            )
        scorer = args.shared / "gold" / "documents.py"
        return subprocess.run([sys.executable, str(scorer), scratch, str(gold)], check=False).returncode


if __name__ == "__main__":
    sys.exit(main())
