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
    """Simplified word → English sense. The file is one header line, then `word<TAB>sense` lines
    (neither holds a tab or a line break), read in one split: half the time of a loop over lines."""
    text = gzip.decompress(INDEX_PATH.read_bytes()).decode("utf-8")
    _header, _, body = text.partition("\n")
    fields = body.rstrip("\n").replace("\t", "\n").split("\n")  # word, sense, word, sense, ...
    return dict(zip(fields[::2], fields[1::2], strict=True))


def lookup(word: str) -> str | None:
    return dictionary().get(word)
