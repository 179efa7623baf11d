"""A disk cache of what the label composer derives from its data files at every start: the parsed termbase
and label rules, and the segmenter's total word frequency.

Parsing the termbase files (~6,000 entries) and the rules, and looking every termbase and glossary term up
in jieba's word index (the segmenter's total counts them) took ~0.02 s of every process, a quarter of
composing the labels of ten documents. All depend only on files, never on the documents of a run: they
are kept in `$XDG_CACHE_HOME/briefing/` (where the translation memory is), one file per value, with a
checksum of everything the value derives from (the caller's files and code, this module's format, the
Python version): a value stored for other inputs is computed again and replaces it. A missing, unreadable or
corrupt file, or one of the wrong shape, is ignored the same way; a cache that cannot be written is left
alone.
"""

from __future__ import annotations

import marshal
import os
import sys
import zlib
from collections.abc import Callable, Iterable
from pathlib import Path
from types import ModuleType
from typing import Any, TypeVar

_FORMAT = 2  # raise when the file layout or a cached value's shape changes
_T = TypeVar("_T")


def cache_home() -> Path:
    """$XDG_CACHE_HOME/briefing, else ~/.cache/briefing."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "briefing"


def code(*modules: ModuleType) -> list[bytes]:
    """The source of the modules whose code derives a value, for its checksum: a value made by other code
    is made again."""
    return [Path(module.__file__ or "").read_bytes() for module in modules]


def checksum(parts: Iterable[bytes]) -> str:
    """A checksum of `parts` (in order, each length-prefixed, so no two lists of parts run together)."""
    crc = zlib.crc32(f"{_FORMAT} {sys.version_info[:2]} {marshal.version}".encode())
    adler = 1
    for part in parts:
        framed = len(part).to_bytes(8, "little") + part
        crc, adler = zlib.crc32(framed, crc), zlib.adler32(framed, adler)
    return f"{crc:08x}{adler:08x}"


def cached(name: str, parts: Iterable[bytes], compute: Callable[[], _T], valid: Callable[[Any], bool]) -> _T:
    """The value `compute()` gives: from the cache file `name` when it was stored for the same `parts`
    (their checksum heads the file), arrived intact (the CRC of the value's bytes follows) and `valid`
    accepts it; else computed and stored over it (marshal: plain values only). The value's bytes are
    unmarshalled only once both checks pass."""
    key = checksum(parts).encode()
    try:
        path: Path | None = cache_home() / f"{name}.marshal"
    except RuntimeError:  # no home folder to find a cache in
        path = None
    try:
        data = path.read_bytes() if path else b""
        head, payload = data[: len(key) + 4], data[len(key) + 4 :]
        if head == key + zlib.crc32(payload).to_bytes(4, "little"):
            value = marshal.loads(payload)
            if valid(value):
                return value
    except (OSError, EOFError, ValueError, TypeError):
        pass
    value = compute()
    if path is None:
        return value
    try:
        from briefing import atomic

        payload = marshal.dumps(value)  # type: ignore[arg-type]  # plain values
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic.write_bytes(path, key + zlib.crc32(payload).to_bytes(4, "little") + payload)
    except (OSError, ValueError):
        pass
    return value
