"""Generate `briefing/data/jieba_words.bin`: jieba's word list and frequencies, as briefing/translate/
segmenter.py reads them.

Source: `dict.txt` of the `jieba` package (MIT; a dev dependency of this project), the dictionary that
jieba-rs (and so rjieba) embeds. The segmenter looks a label's words up there without loading the whole
list: a run reads only the buckets of the characters its labels hold.

Layout (all integers little-endian):
- MAGIC (segmenter.py), the number of buckets N (uint32), the sum of all frequencies (uint64);
- N + 1 uint32 offsets into the file, bucket b spanning [offset[b], offset[b + 1]);
- the payload, UTF-8: "\\n", then per bucket a line per key, "key<TAB>rest frequency<TAB>rest frequency
  ...\\n", sorted. A word's key is its first two characters (one for a one-character word), its rest
  what follows them (often nothing); `bucket` in the segmenter gives a key's bucket.
The output is sorted, so the same dict.txt gives the same bytes.

Run from the project root: `.venv/bin/python tools/make_word_index.py`.
"""

from __future__ import annotations

import struct
from importlib import resources
from pathlib import Path

from briefing.translate.segmenter import BUCKETS, MAGIC, bucket

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "briefing" / "data" / "jieba_words.bin"


def shipped_words() -> dict[str, int]:
    """jieba's dict.txt (`word freq tag` lines) as word → frequency; a repeated word keeps its last
    frequency, as jieba does when it loads the file."""
    text = (resources.files("jieba") / "dict.txt").read_text(encoding="utf-8")
    words: dict[str, int] = {}
    for line in text.splitlines():
        fields = line.split()
        if fields:
            words[fields[0]] = int(fields[1])
    return words


def index_bytes(words: dict[str, int]) -> bytes:
    keyed: dict[str, list[str]] = {}
    for word, freq in words.items():
        if any(mark in word for mark in " \t\n"):
            raise ValueError(f"a space, tab or line break in the word {word!r}")
        keyed.setdefault(word[:2], []).append(f"{word[2:]} {freq}")
    buckets: list[list[str]] = [[] for _ in range(BUCKETS)]
    for key, entries in keyed.items():
        buckets[bucket(key.encode("utf-8"))].append("\t".join([key, *sorted(entries)]) + "\n")
    header = MAGIC + struct.pack("<IQ", BUCKETS, sum(words.values()))
    start = len(header) + 4 * (BUCKETS + 1)  # where the payload begins in the file
    payload = bytearray(b"\n")
    offsets = []
    for lines in buckets:
        offsets.append(start + len(payload))
        payload += "".join(sorted(lines)).encode("utf-8")
    offsets.append(start + len(payload))
    return header + struct.pack(f"<{len(offsets)}I", *offsets) + bytes(payload)


def main() -> None:
    words = shipped_words()
    OUT.write_bytes(index_bytes(words))
    print(f"{OUT.relative_to(ROOT)}: {len(words)} words, {OUT.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
