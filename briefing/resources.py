"""Locate the files shipped beside the code (fonts, templates, data) in a checkout and in a wheel, and keep
what a run derives from the shipped data between runs (`derived`).

In a checkout (editable install) `fonts/` and `templates/` sit at the project root; a wheel carries them
inside the package (pyproject's force-include), so both places are tried.
"""

from __future__ import annotations

import marshal
import os
import sys
import zlib
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path
from typing import Any, TypeVar, cast

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = PACKAGE_DIR / "data"

_T = TypeVar("_T")

LAYOUT = "v2"
"""The layout of the files `write_stamped` writes, part of their names (`derived/<name>-<paths>-v2.marshal`,
`regex-<python>-v2.bin`): versions of briefing that share a cache folder, and lay their files out
differently, each keep their own rather than taking the other's for damaged and rewriting it every run."""


def shipped_dir(name: str) -> Path:
    """The shipped folder `name` (e.g. "fonts", "templates")."""
    for candidate in (PACKAGE_DIR / name, PACKAGE_DIR.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"briefing is missing its {name}/ folder (looked in {PACKAGE_DIR})")


def user_cache_dir() -> Path | None:
    """$XDG_CACHE_HOME/briefing, else ~/.cache/briefing; a relative XDG_CACHE_HOME is ignored, as the XDG
    base directory spec says (it would put the cache wherever the command runs). None where there is no
    home folder either (a container run as a user without one): briefing then keeps nothing between runs,
    which costs time, never a result."""
    home = os.environ.get("XDG_CACHE_HOME", "")
    if os.path.isabs(home):
        return Path(home) / "briefing"
    try:
        return Path.home() / ".cache" / "briefing"
    except (RuntimeError, KeyError):  # no HOME and no passwd entry for this user
        return None


def derived(name: str, sources: Iterable[Path], build: Callable[[], _T], key: Any = ()) -> _T:
    """`build()`, a value made from the files `sources` alone (and `key`), kept between runs in the user
    cache folder (`derived/<name>-<paths>-<LAYOUT>.marshal`) as long as none of them changed.

    For program data every run rebuilds the same way: parsing the shipped TOML and TSV files costs a
    one-line `briefing facts` about a sixth of its CPU, reading back what they gave a tenth of that.
    `sources` must name the data files and the modules whose code derives the value from them; the
    stored value counts only if every path, size and modification time, `key` and the Python version
    (marshal's format) are what they were. The value must be made of what `marshal` stores (str, int,
    float, bytes, None, tuples, lists, dicts, sets): each call returns a fresh copy, which a caller may
    change. A missing, damaged or foreign cache file is rebuilt; one that cannot be written is left
    alone (the run only loses the time). The file's name carries a checksum of the source paths: two
    installs or checkouts of briefing on one machine keep a file each rather than rebuilding each
    other's in turn. Limit: a source is taken as unchanged while its size and modification time are,
    so an edit that keeps both (same size within the file system's clock tick, or a deployment that
    pins every mtime at one install path) needs the cache folder cleared."""
    try:
        stamp = tuple((str(path), *_stat(path)) for path in sources)
    except OSError:  # a source that cannot be read: `build` reports it in its own words
        return build()
    wanted = (sys.version, stamp, key)
    folder = user_cache_dir()
    if folder is None:
        return build()
    paths = zlib.crc32("\n".join(path for path, *_ in stamp).encode())
    file = folder / "derived" / f"{name}-{paths:08x}-{LAYOUT}.marshal"
    found, value = read_stamped(file, wanted)
    if found:
        return cast(_T, value)
    value = build()
    write_stamped(file, wanted, value)
    return value


def read_stamped(file: Path, stamp: Any) -> tuple[bool, Any]:
    """(True, the value) `write_stamped` left in `file` with an equal `stamp`; (False, None) for a
    missing, unreadable, damaged (checksum) or foreign file: the caller rebuilds what it holds.

    The file is a header, (stamp, checksum, size of the value), then the value, both marshalled: the
    value is read in place, where one marshalled tuple holding it as bytes would copy it first (~0.5 ms
    a `briefing facts` run for its ~1.3 MB of derived data)."""
    try:
        data = memoryview(file.read_bytes())
        stored, checksum, size = marshal.loads(data)  # marshal reads one object and ignores the rest
        payload = data[len(data) - size :] if 0 < size <= len(data) else b""
        if stored == stamp and payload and zlib.crc32(payload) == checksum:
            return True, marshal.loads(payload)
    except (OSError, EOFError, ValueError, TypeError):
        pass
    return False, None


def write_stamped(file: Path, stamp: Any, value: Any) -> bool:
    """Keep `value` (what `marshal` stores) in `file` under `stamp`, with a checksum, atomically: a run
    reading it meanwhile sees the old file or the new one. False where the folder cannot be written
    (the next run only loses the time); a value marshal cannot store is a ValueError, a bug said at
    once."""
    from briefing import atomic  # only a run that makes a cache file needs it (and tempfile, shutil)

    payload = marshal.dumps(value)
    try:
        atomic.write_bytes(file, marshal.dumps((stamp, zlib.crc32(payload), len(payload))) + payload)
    except OSError:
        return False
    return True


def toml_data(path: Path) -> dict[str, Any]:
    """`tomllib.load` of a data file, through `derived` (tomllib reads ~10 µs a line: the extractor's and
    composer's data files cost every run ~5 ms). Only for files without TOML dates or times, which
    marshal cannot store (a ValueError on first use: no shipped data file holds one)."""
    return derived(f"toml-{path.name}", (path,), partial(_parsed_toml, path))


def _parsed_toml(path: Path) -> dict[str, Any]:
    import tomllib

    with path.open("rb") as handle:
        return tomllib.load(handle)


def _stat(path: Path) -> tuple[int, int]:
    status = os.stat(path)
    return status.st_size, status.st_mtime_ns
