"""Python's regex compiler spared building the same character class twice in a process.

`re` turns each character class of a pattern into a lookup table by visiting every code point the class
holds (`re._compiler._optimize_charset`): a CJK range such as [\\u4e00-\\u9fff] costs ~1 ms, and the
patterns of ingest and the extractor hold ~700 classes, ~500 of them repeats of one already built: about
0.02 s, a sixth of the CPU of a one-line `briefing facts`. `share_class_tables` makes the compiler keep
the table of each class for the process and hand it back when the same class comes again (same items,
same case handling), so every pattern compiles to the code it compiled to before
(tests/test_charsets.py compares them).

It replaces a private function of the standard library, so only where that function is the one written
for (re._compiler of Python 3.11 on, with the same parameters and case tables); anywhere else `re` is
left alone and patterns compile as they always did. The CLI installs it before any stage is imported.
"""

from __future__ import annotations

import functools
import re
from typing import Any

_PARAMETERS = ("charset", "iscased", "fixup", "fixes")


def share_class_tables() -> bool:
    """Install the sharing (once a process); whether it is installed."""
    compiler: Any = getattr(re, "_compiler", None)
    original = getattr(compiler, "_optimize_charset", None)
    if original is None or not hasattr(original, "__code__"):
        return False
    if hasattr(original, "__wrapped__"):  # installed already
        return True
    if original.__code__.co_varnames[: len(_PARAMETERS)] != _PARAMETERS:
        return False
    case_tables = getattr(compiler, "_EXTRA_CASES", None)
    built: dict[tuple, tuple[list, bool]] = {}

    @functools.wraps(original)
    def shared(charset: list, iscased: Any = None, fixup: Any = None, fixes: Any = None) -> tuple[list, bool]:
        """`original`'s table of a class, built once per class. The key holds the class's items and the
        case functions; `fixes` is the compiler's one table of extra case pairs or nothing (any other
        table is built as before). The table is only read by the compiler, so one serves every pattern."""
        if fixes is not None and fixes is not case_tables:
            return original(charset, iscased, fixup, fixes)
        try:
            key = (tuple(charset), iscased, fixup, fixes is not None)
            found = built.get(key)
        except TypeError:  # an item that cannot be a key: built as before
            return original(charset, iscased, fixup, fixes)
        if found is None:
            found = built[key] = original(charset, iscased, fixup, fixes)
        return found

    compiler._optimize_charset = shared
    return True
