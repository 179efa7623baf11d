"""CC-CEDICT, the open Chinese–English dictionary, for words of a label the termbase does not know.

`data/cedict.tsv` holds one English sense per simplified word, chosen from CC-CEDICT (CC BY-SA 4.0,
© MDBG and the CC-CEDICT contributors; see data/LICENSE-CEDICT.txt) by `tools/make_cedict_index.py`,
which says how the sense is chosen. It is read on the first lookup only, once per process: most labels
are composed from termbase words alone and never need it. It ships uncompressed and is searched as
bytes (UTF-8 keeps the order of code points) where it lies: gunzipping and decoding it took ~0.02 s.
"""

from __future__ import annotations

import mmap
from functools import cache

from briefing.resources import DATA_DIR
from briefing.translate.datafile import load_mapped

INDEX_PATH = DATA_DIR / "cedict.tsv"


@cache
def index() -> bytes | mmap.mmap:
    """The index file, mapped: its header line, then `word<TAB>sense` lines (neither field holds a tab or
    a line break) sorted by word, in UTF-8. Lookups search it by bisection: building a dict of its
    97,000 entries took 3 times as long as reading it, for the few hundred words a run looks up, and a
    mapped file is not even read whole. A file without its header or its last line break was cut short
    (datafile.DamagedDataError)."""
    return load_mapped(INDEX_PATH, _checked)


def _checked(data: mmap.mmap) -> mmap.mmap:
    if data[:1] != b"#" or data[-1:] != b"\n":
        raise ValueError(f"cut short at {len(data)} bytes")
    return data


def lookup(word: str) -> str | None:
    """The sense of `word`, found by bisection over the sorted lines of `index()`."""
    lines = index()
    key = word.encode("utf-8") + b"\t"
    first = lines.find(b"\n") + 1  # after the header
    lo, hi = first, len(lines)  # line starts before lo hold smaller words; those from hi on, not smaller
    while lo < hi:
        mid = (lo + hi) // 2
        newline = lines.find(b"\n", mid - 1, hi)
        start = mid if mid == lo else hi if newline < 0 else newline + 1  # first line start from mid on
        if start >= hi:
            hi = mid
            continue
        if lines[start : lines.find(b"\t", start) + 1] < key:
            lo = lines.find(b"\n", start) + 1
        else:
            hi = start
    if lines[lo : lo + len(key)] != key:
        return None
    end = lines.find(b"\n", lo)
    return lines[lo + len(key) : end if end >= 0 else len(lines)].decode("utf-8")


def dictionary() -> dict[str, str]:
    """The whole index as a table (for checks against the tool that makes it)."""
    text = index()[:].decode("utf-8").partition("\n")[2].rstrip("\n")
    fields = text.replace("\t", "\n").split("\n")  # word, sense, word, sense, ...
    return dict(zip(fields[::2], fields[1::2], strict=True))
