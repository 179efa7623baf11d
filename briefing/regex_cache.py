"""Compiled regular expressions kept on disk between runs: program data derived from shipped patterns.

Compiling a pattern that holds a CJK range ([\\u4e00-\\u9fff]) costs about a millisecond: re's compiler
walks every code point of the range in Python (`re._compiler._optimize_charset`) to build its character
map. The data-file rules of ingest hold dozens of such ranges, ~20 ms a process, as long as reading ten
documents takes. What the compiler makes of a pattern, the opcode list `_sre.compile` turns into a
`re.Pattern`, depends only on the pattern, the flags and the Python build; `compile` keeps it in one
file, $XDG_CACHE_HOME/briefing/regex-<build>-<layout>.bin, and reads it back (well under a millisecond).

Only patterns are keys, never document text, and only compiled patterns are kept, never results.
The opcodes are stored only when the pattern they rebuild is equal (same pattern, flags and code) to
what `re.compile` gives, checked when they are first made; the file holds a checksum and the Python
build it was made by, and is ignored when unreadable, corrupt or made by another build. Where the cache
folder cannot be written, or re's private API differs (another Python version), patterns are compiled
by `re.compile` as usual: the cache only ever saves time.
"""

from __future__ import annotations

import atexit
import os
import re
import sys
from pathlib import Path
from typing import Any

from briefing.resources import LAYOUT, read_stamped, user_cache_dir, write_stamped

_FORMAT = 1
"""Bumped when what an entry holds changes."""

_MAX_ENTRIES = 600
"""Entries written at most: those this process used first, then others from earlier runs, most recent
writer first. A `facts` or `build` run of this version compiles under 200 patterns (~550 KB, the CJK
character maps are most of it), so every command keeps its own; patterns of edited rule files or
glossaries age out instead of making every start read a bigger file."""

Entry = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]
"""(flags, opcodes, groups, group index, index group): the arguments of `_sre.compile` after the
pattern."""

_state: dict[str, Any] = {}  # "entries": loaded and new entries, "used": keys used, "dirty": new ones


def compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """`re.compile(pattern, flags)`, rebuilt from the cache's opcodes when it holds them."""
    entries = _entries()
    key = (pattern, int(flags))  # a plain int: marshal does not store re.RegexFlag
    entry = entries.get(key)
    if entry is not None:
        try:
            compiled = _build(pattern, entry)
        except Exception:  # an entry that does not build is recompiled
            entries.pop(key, None)
        else:
            _state["used"].append(key)
            return compiled
    compiled = re.compile(pattern, flags)
    if _state["writable"]:
        entry = _entry(pattern, flags, compiled)
        if entry is not None:
            entries[key] = entry
            _state["used"].append(key)
            _state["dirty"] = True
    return compiled


def _build(pattern: str, entry: Entry) -> re.Pattern[str]:
    import _sre  # type: ignore[import-not-found]  # no stub: the C half of re

    flags, code, groups, groupindex, indexgroup = entry
    return _sre.compile(pattern, flags, code, groups, groupindex, indexgroup)


def _entry(pattern: str, flags: int, compiled: re.Pattern[str]) -> Entry | None:
    """The opcodes re's compiler makes of the pattern (its own steps, `re._compiler.compile`), kept
    only when the pattern they rebuild equals `compiled`; None where re's private API differs."""
    try:
        from re import _compiler, _parser  # type: ignore[attr-defined]  # not in typeshed

        parsed = _parser.parse(pattern, flags)
        code = [int(op) for op in _compiler._code(parsed, flags)]
        groupindex = dict(parsed.state.groupdict)
        indexgroup: list[str | None] = [None] * parsed.state.groups
        for name, index in groupindex.items():
            indexgroup[index] = name
        entry = (
            int(flags | parsed.state.flags),
            code,
            parsed.state.groups - 1,
            groupindex,
            tuple(indexgroup),
        )
        return entry if _build(pattern, entry) == compiled else None
    except Exception:  # another Python's internals: no caching, nothing lost
        return None


def cache_path() -> Path | None:
    """regex-<build>-<layout>.bin in the user cache folder (`resources.user_cache_dir`); one file per Python
    build. None where there is no cache folder."""
    folder = user_cache_dir()
    return None if folder is None else folder / f"regex-{sys.implementation.cache_tag}-{LAYOUT}.bin"


def _build_id() -> str:
    import _sre

    return f"{_FORMAT} {sys.version} {getattr(_sre, 'MAGIC', '')}"


def _entries() -> dict[tuple[str, int], Entry]:
    """The cache's entries, read once a process (an empty dict for a missing, unreadable, corrupt or
    foreign file)."""
    entries = _state.get("entries")
    if entries is not None:
        return entries
    path = cache_path()
    entries = {} if path is None else _read(path)
    writable = path is not None and _writable(path.parent)
    _state.update(entries=entries, used=[], dirty=False, path=path, writable=writable)
    if writable:
        atexit.register(save)
    return entries


def _read(path: Path) -> dict[tuple[str, int], Entry]:
    found, entries = read_stamped(path, _build_id())
    return entries if found and isinstance(entries, dict) else {}


def _writable(folder: Path) -> bool:
    """Whether the cache folder, or the nearest folder above it that exists, may be written: asked
    without creating anything (a run that compiles nothing new, `--help` or `send`, makes no folder),
    so that a run which could never save does not pay for making entries."""
    for candidate in (folder, *folder.parents):
        if candidate.exists():
            return candidate.is_dir() and os.access(candidate, os.W_OK)
    return False


def save() -> None:
    """Write the entries when this process made new ones: the ones it used first, then the others
    up to `_MAX_ENTRIES`; atomically (a rename), so that a process reading it meanwhile sees the old
    file or the new one. An unwritable cache is left as it is."""
    if not _state.get("dirty"):
        return
    entries = _state["entries"]
    keys = list(dict.fromkeys([*_state["used"], *entries]))[:_MAX_ENTRIES]
    if write_stamped(_state["path"], _build_id(), {key: entries[key] for key in keys}):
        _state["dirty"] = False
