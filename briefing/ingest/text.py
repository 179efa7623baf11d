"""Plain-text sources: decode the bytes exactly, detecting the encoding rather than guessing it.

The decoded text is `Document.text` and the gold scorer reads offsets against the file as decoded, so
nothing is normalised here: a UTF-8 byte-order mark stays in the text as U+FEFF (what Python's "utf-8"
codec yields) and line ends stay as written.
"""

from __future__ import annotations

import codecs

from briefing.ingest.extracted import Extracted, SourceError

_SUPERSETS = {"gb2312": "gb18030", "gbk": "gb18030", "big5": "cp950", "ascii": "utf-8"}
"""Detected or declared encodings decoded with the codec that extends them, so that rarer characters
survive (the one map of them: HTML pages' declared charsets go through `superset` too)."""

_CHINESE = ("gb18030", "gbk", "gb2312", "big5", "cp950", "big5hkscs", "utf_16", "utf_32")
"""Sources are Chinese documents: detection looks among the Chinese encodings first (on a short text
a Japanese or Cyrillic code page can score as well) and among all others only when none fits."""

_UTF16_BOMS = ((codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def decode(data: bytes, name: str) -> tuple[str, str]:
    """(text, encoding name) of `data`; SourceError when no encoding reads it as text."""
    if data.startswith(codecs.BOM_UTF8):
        return data.decode("utf-8", errors="strict"), "utf-8-sig"
    for bom, encoding in _UTF16_BOMS:
        if data.startswith(bom):
            return data.decode(encoding), encoding
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes  # only for a file that is not UTF-8 (~10 ms to import)

    best = from_bytes(data, cp_isolation=list(_CHINESE)).best() or from_bytes(data).best()
    if best is None or b"\x00" in data:
        raise SourceError(f"{name}: not a text file (no character encoding decodes it)")
    encoding = superset(best.encoding)
    try:
        return data.decode(encoding), encoding
    except UnicodeDecodeError:
        return str(best), best.encoding


def superset(encoding: str) -> str:
    """The codec to decode text labelled `encoding` with: the one that extends it, else itself."""
    return _SUPERSETS.get(encoding, encoding)


def read_text(data: bytes, name: str) -> Extracted:
    text, encoding = decode(data, name)
    return Extracted(text, encoding)
