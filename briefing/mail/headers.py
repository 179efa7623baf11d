"""Text bound for a mail header (subject, display names, attachment file names), made safe to fold.

A header line may not break, and Python's email package refuses (with ValueError) any value holding a
character that `str.splitlines` splits on: besides CR and LF, VT, FF, the file/group/record separators,
NEL, and the Unicode line and paragraph separators. Such characters come from document titles, so they
are replaced rather than refused: one odd title must not stop a mailing.
"""

from __future__ import annotations

import unicodedata

_AS_SPACE = {"Cc", "Zl", "Zp", "Zs"}  # controls, line/paragraph separators, every kind of space
_DROPPED = {"Cf"}  # invisible format characters (zero-width space, BOM, direction marks)


def header_text(text: str) -> str:
    """`text` on one line: controls and separators become spaces, invisible format characters go, lone
    surrogates (not encodable) become U+FFFD, runs of spaces shrink to one."""
    out = []
    for ch in text:
        category = unicodedata.category(ch)
        if category in _AS_SPACE:
            out.append(" ")
        elif category == "Cs":
            out.append("\ufffd")
        elif category not in _DROPPED:
            out.append(ch)
    return " ".join("".join(out).split())
