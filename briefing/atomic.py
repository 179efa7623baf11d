"""Atomic output files: write beside the target, then rename, so a crash never leaves half a file.

Temporary names carry the writing process's id (`.NAME.<pid>-<random>.part`; staging folders
`.installing-<pid>-<random>`), so a later run tells the leftovers of a killed process from the files of
one still writing, and sweeps them away before it writes into the same folder.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

_STARTED = time.time()
# `.NAME.<pid>-<random>.part`, `.installing-<pid>-<random>`, `.old-<pid>-<name>`; and the pid-less
# `.NAME.<random>.part` of earlier versions
_OURS = re.compile(
    r"^\..+\.(?:(?P<pid>\d+)-[a-z0-9_]+|[a-z0-9_]{8})\.part$|^\.(?:installing|old)-(?P<staging>\d+)-"
)
_TEMP = re.compile(r"^\.(.+)\.\d+-[a-z0-9_]+\.part$")
_swept: set[Path] = set()


def temp_prefix(name: str) -> str:
    """The prefix of this process's temporary files and folders for `name`."""
    return f".{name}.{os.getpid()}-"


@contextmanager
def atomic_group(paths: list[Path]) -> Iterator[list[Path]]:
    """Temporary paths for outputs that belong together (a brief's PDF, facts and brief.json): they
    replace their targets once every one was written, or none does.

    An OSError names the target, never the temporary file (which the user never asked for).
    """
    temps: list[Path] = []
    try:
        for path in paths:
            temps.append(_new_temp(path))
        yield temps
        for tmp in temps:
            os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes files private; outputs are ordinary files
        for tmp, path in zip(temps, paths, strict=True):
            os.replace(tmp, path)
    except OSError as exc:
        raise _about(exc) from None
    finally:
        for tmp in temps:
            tmp.unlink(missing_ok=True)


@contextmanager
def atomic_path(path: Path) -> Iterator[Path]:
    """Yield a temporary path in the target's folder; on success it replaces `path`, on error it goes."""
    with atomic_group([path]) as (tmp,):
        yield tmp


def _new_temp(path: Path) -> Path:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        sweep_leftovers(path.parent)
        fd, tmp = tempfile.mkstemp(prefix=temp_prefix(path.name), suffix=".part", dir=path.parent)
    except OSError as exc:
        raise _about(exc) from None
    os.close(fd)
    return Path(tmp)


def folder_problem(folder: Path) -> str | None:
    """Why files cannot be created in `folder` (made if missing), as one line naming it; None if they can."""
    existing = next(p for p in (folder, *folder.parents) if p.exists() or p == Path(p.anchor or "."))
    if existing.exists() and not existing.is_dir():
        return f"{existing}: cannot write there (a file is in the way)"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as exc:
        return f"{folder}: cannot write there ({exc.strerror or exc})"
    return None


def _about(exc: OSError) -> OSError:
    """The same kind of error, naming the output the user asked for rather than our temporary file."""
    if exc.errno is None or not exc.filename:
        return exc
    path = Path(str(exc.filename))
    name = path.name
    while match := _TEMP.match(name):
        name = match[1]
    return exc if name == path.name else OSError(exc.errno, exc.strerror, str(path.with_name(name)))


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_bytes(path: Path, data: bytes) -> None:
    with atomic_path(path) as tmp:
        tmp.write_bytes(data)


def write_text(path: Path, text: str) -> None:
    write_bytes(path, text.encode("utf-8"))


def is_leftover(path: Path, *, this_run: bool = False) -> bool:
    """A temporary file or staging folder of our naming whose writer is gone, from before this process
    (or, with `this_run`, from this run's own stopped workers too)."""
    match = _OURS.match(path.name)
    if match is None:
        return False
    try:
        if path.lstat().st_mtime >= _STARTED and not this_run:
            return False
    except OSError:
        return False
    owner = match["pid"] or match["staging"]
    return owner is None or not _alive(int(owner))


def sweep_leftovers(folder: Path) -> list[Path]:
    """Remove the leftovers of interrupted runs from `folder`, once per folder and process."""
    if folder in _swept:
        return []
    _swept.add(folder)
    return _sweep(folder, this_run=False)


def sweep_stopped_workers(folder: Path) -> list[Path]:
    """Remove from `folder` what this run's worker processes left when they were stopped (interrupted)."""
    return _sweep(folder, this_run=True)


def _sweep(folder: Path, *, this_run: bool) -> list[Path]:
    try:
        leftovers = [
            p for p in folder.iterdir() if p.name.startswith(".") and is_leftover(p, this_run=this_run)
        ]
    except OSError:
        return []
    for path in leftovers:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
    return leftovers


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True
