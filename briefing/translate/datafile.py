"""Shipped data files that are mapped into memory rather than read whole (segmenter.py, cedict.py): a run
touches only the pages it needs. A file that is missing, empty or cut short means a damaged installation,
said in one line naming the file, not a traceback from mmap or struct."""

from __future__ import annotations

import mmap
import struct
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

_T = TypeVar("_T")


class DamagedDataError(RuntimeError):
    """A shipped data file cannot be used: the installation is damaged."""


def load_mapped(path: Path, read: Callable[[mmap.mmap], _T]) -> _T:
    """`read` over `path` mapped read-only (the mapping stays open for the process). A file that cannot
    be mapped (missing, empty) or that `read` rejects with ValueError or struct.error (cut short, another
    format) raises DamagedDataError naming it."""
    try:
        with path.open("rb") as file:
            data = mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)
        return read(data)
    except (OSError, ValueError, struct.error) as exc:
        raise DamagedDataError(f"{path}: damaged data file ({exc}); reinstall briefing") from None
