"""CC-CEDICT, the open Chinese–English dictionary, for words of a label the termbase does not know.

`data/cedict.tsv` holds one English sense per simplified word, chosen from CC-CEDICT (CC BY-SA 4.0,
© MDBG and the CC-CEDICT contributors; see data/LICENSE-CEDICT.txt) by `tools/make_cedict_index.py`,
which says how the sense is chosen. It is read on the first lookup only, once per process: most labels
are composed from termbase words alone and never need it. It ships uncompressed and is searched as
bytes (UTF-8 keeps the order of code points) where it lies: gunzipping and decoding it took ~0.02 s, and
building a dict of its 97,000 entries three times as long as reading it.
"""

from __future__ import annotations

import mmap
from bisect import bisect_right
from functools import cache

from briefing.resources import DATA_DIR
from briefing.translate.datafile import load_mapped

INDEX_PATH = DATA_DIR / "cedict.tsv"


BLOCK = 2048
"""Bytes between the lines `Index` notes: a word is looked for in ~2 KB of lines, ~1,100 notes in all."""


class Index:
    """The index file: its header line, then `word<TAB>sense` lines (neither field holds a tab or a line
    break) sorted by word, in UTF-8; and the word and start of a line every BLOCK bytes.

    A word is found by bisecting those notes (in C) and searching its ~2 KB for the line (in C): the file
    is not read whole, and noting the lines costs ~1 ms once, where bisecting the file line by line in
    Python cost ~10 µs a word, for the few hundred a run looks up."""

    def __init__(self, data: bytes | mmap.mmap):
        self.data = data
        self._keys: list[bytes] = []  # word + tab of each noted line, in order
        self._starts: list[int] = []  # where each noted line starts, then the end of the file
        at = data.find(b"\n") + 1  # after the header
        while 0 < at < len(data):
            self._keys.append(data[at : data.find(b"\t", at) + 1])
            self._starts.append(at)
            at = data.find(b"\n", at + BLOCK) + 1
        self._starts.append(len(data))

    def lookup(self, word: str) -> str | None:
        """The sense of `word`, or None."""
        key = word.encode("utf-8") + b"\t"
        block = bisect_right(self._keys, key) - 1  # the last noted line not after the word's
        if block < 0:
            return None
        needle = b"\n" + key
        at = self.data.find(needle, self._starts[block] - 1, self._starts[block + 1])
        if at < 0:
            return None
        at += len(needle)
        return self.data[at : self.data.find(b"\n", at)].decode("utf-8")


@cache
def index() -> Index:
    """The index file, mapped and noted once a process. A file without its header or its last line
    break was cut short (datafile.DamagedDataError)."""
    return load_mapped(INDEX_PATH, _checked)


def _checked(data: mmap.mmap) -> Index:
    if data[:1] != b"#" or data[-1:] != b"\n":
        raise ValueError(f"cut short at {len(data)} bytes")
    return Index(data)


def lookup(word: str) -> str | None:
    """The sense of `word` in the dictionary, or None."""
    return index().lookup(word)


def dictionary() -> dict[str, str]:
    """The whole index as a table (for checks against the tool that makes it)."""
    text = index().data[:].decode("utf-8").partition("\n")[2].rstrip("\n")
    fields = text.replace("\t", "\n").split("\n")  # word, sense, word, sense, ...
    return dict(zip(fields[::2], fields[1::2], strict=True))
