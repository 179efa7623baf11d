"""CC-CEDICT, the open Chinese–English dictionary, for words of a label the termbase does not know.

`data/cedict.tsv` holds one English sense per simplified word, chosen from CC-CEDICT (CC BY-SA 4.0,
© MDBG and the CC-CEDICT contributors; see data/LICENSE-CEDICT.txt) by `tools/make_cedict_index.py`,
which says how the sense is chosen. It is read on the first lookup only, once per process: most labels
are composed from termbase words alone and never need it. It ships uncompressed and is searched as
bytes (UTF-8 keeps the order of code points): gunzipping and decoding it took ~0.02 s, reading it ~0.001.
"""

from __future__ import annotations

from functools import cache

from briefing.resources import DATA_DIR

INDEX_PATH = DATA_DIR / "cedict.tsv"


@cache
def index() -> bytes:
    """The index's `word<TAB>sense` lines (neither field holds a tab or a line break), sorted by word,
    as UTF-8 bytes. Lookups search it by bisection: building a dict of its 97,000 entries took 3 times as
    long as reading it, for the few hundred words a run looks up."""
    return INDEX_PATH.read_bytes().partition(b"\n")[2]


def lookup(word: str) -> str | None:
    """The sense of `word`, found by bisection over the sorted lines of `index()`."""
    lines = index()
    key = word.encode("utf-8")
    lo, hi = 0, len(lines)  # line starts before lo hold smaller words; those from hi on, not smaller
    while lo < hi:
        mid = (lo + hi) // 2
        newline = lines.find(b"\n", mid - 1, hi)
        start = mid if mid == lo else hi if newline < 0 else newline + 1  # first line start from mid on
        if start >= hi:
            hi = mid
            continue
        if lines[start : lines.find(b"\t", start)] < key:
            lo = lines.find(b"\n", start) + 1
        else:
            hi = start
    if not lines.startswith(key + b"\t", lo):
        return None
    end = lines.find(b"\n", lo)
    return lines[lo + len(key) + 1 : end if end >= 0 else len(lines)].decode("utf-8")


def dictionary() -> dict[str, str]:
    """The whole index as a table (for checks against the tool that makes it)."""
    text = index().decode("utf-8").rstrip("\n")
    fields = text.replace("\t", "\n").split("\n")  # word, sense, word, sense, ...
    return dict(zip(fields[::2], fields[1::2], strict=True))
