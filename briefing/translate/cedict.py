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
def index() -> str:
    """The index's `word<TAB>sense` lines (neither field holds a tab or a line break), sorted by word,
    as one string. Lookups search it by bisection: building a dict of its 97,000 entries took 3 times as
    long as reading it, for the few hundred words a run looks up."""
    text = gzip.decompress(INDEX_PATH.read_bytes()).decode("utf-8")
    return text.partition("\n")[2]


def lookup(word: str) -> str | None:
    """The sense of `word`, found by bisection over the sorted lines of `index()`."""
    lines = index()
    lo, hi = 0, len(lines)  # line starts before lo hold smaller words; those from hi on, not smaller
    while lo < hi:
        mid = (lo + hi) // 2
        newline = lines.find("\n", mid - 1, hi)
        start = mid if mid == lo else hi if newline < 0 else newline + 1  # first line start from mid on
        if start >= hi:
            hi = mid
            continue
        if lines[start : lines.find("\t", start)] < word:
            lo = lines.find("\n", start) + 1
        else:
            hi = start
    if not lines.startswith(f"{word}\t", lo):
        return None
    end = lines.find("\n", lo)
    return lines[lo + len(word) + 1 : end if end >= 0 else len(lines)]


def dictionary() -> dict[str, str]:
    """The whole index as a table (for checks against the tool that makes it)."""
    fields = index().rstrip("\n").replace("\t", "\n").split("\n")  # word, sense, word, sense, ...
    return dict(zip(fields[::2], fields[1::2], strict=True))
