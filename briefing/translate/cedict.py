"""CC-CEDICT, the open Chinese–English dictionary, for words of a label the termbase does not know.

`data/cedict.tsv.gz` holds one English sense per simplified word, chosen from CC-CEDICT (CC BY-SA 4.0,
© MDBG and the CC-CEDICT contributors; see data/LICENSE-CEDICT.txt) by `tools/make_cedict_index.py`,
which says how the sense is chosen. It is read on the first lookup only, once per process: most labels
are composed from termbase words alone and never need it.
"""

from __future__ import annotations

import gzip
from functools import cache

from briefing.resources import DATA_DIR

INDEX_PATH = DATA_DIR / "cedict.tsv.gz"


@cache
def dictionary() -> dict[str, str]:
    """Simplified word → English sense."""
    text = gzip.decompress(INDEX_PATH.read_bytes()).decode("utf-8")
    return dict(line.split("\t", 1) for line in text.splitlines() if line and not line.startswith("#"))


def lookup(word: str) -> str | None:
    return dictionary().get(word)
