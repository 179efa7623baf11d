"""Outputs are written atomically (DESIGN.md, *Rules that hold everywhere*): a write that fails half-way
leaves the previous file as it was and no temporary file behind.

The failure is a real one from the operating system: the process's file-size limit (RLIMIT_FSIZE) is
lowered so that the kernel refuses the write part-way through, as a full disk would. A writer that
truncates the target and writes into it leaves a cut-off file; an atomic one leaves the old file.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from briefing import atomic

OLD = "the previous content, which must survive\n"
LIMIT = 4096  # bytes a file may grow to while the limit holds


@contextmanager
def file_size_limit(limit: int) -> Iterator[None]:
    """Writes past `limit` bytes fail with EFBIG (SIGXFSZ ignored, so the process lives on)."""
    resource = pytest.importorskip("resource")  # POSIX only
    import signal

    previous_handler = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
        signal.signal(signal.SIGXFSZ, previous_handler)


@pytest.fixture
def target(tmp_path: Path) -> Path:
    path = tmp_path / "out" / "brief.json"
    path.parent.mkdir()
    path.write_text(OLD, encoding="utf-8")
    return path


def test_the_size_limit_really_cuts_a_plain_write_short(tmp_path: Path) -> None:
    """The premise of the tests below: without atomic writing, this failure leaves a cut-off file."""
    path = tmp_path / "plain.txt"
    path.write_text(OLD)
    with file_size_limit(LIMIT), pytest.raises(OSError):
        path.write_bytes(b"x" * (LIMIT * 10))
    assert path.read_bytes() == b"x" * LIMIT


@pytest.mark.parametrize("write", [atomic.write_bytes, atomic.write_text], ids=["bytes", "text"])
def test_a_write_the_system_refuses_half_way_leaves_the_old_file_and_no_temporary(
    target: Path, write
) -> None:
    data = "新内容 new content " * LIMIT
    with file_size_limit(LIMIT), pytest.raises(OSError):
        write(target, data.encode() if write is atomic.write_bytes else data)
    assert target.read_text(encoding="utf-8") == OLD
    assert sorted(p.name for p in target.parent.iterdir()) == [target.name]


def test_a_writer_that_fails_leaves_the_old_file_and_no_temporary(target: Path) -> None:
    """How the PDF writers use it: the file is built at the temporary path, then an error is raised."""
    with pytest.raises(RuntimeError, match="typesetting failed"), atomic.atomic_path(target) as tmp:
        tmp.write_bytes(b"%PDF- half a document")
        raise RuntimeError("typesetting failed")
    assert target.read_text(encoding="utf-8") == OLD
    assert sorted(p.name for p in target.parent.iterdir()) == [target.name]


def test_readers_see_the_old_file_until_the_new_one_is_complete(target: Path) -> None:
    with atomic.atomic_path(target) as tmp:
        assert tmp.parent == target.parent  # same folder, so the final rename cannot cross file systems
        tmp.write_text("half", encoding="utf-8")
        assert target.read_text(encoding="utf-8") == OLD
        tmp.write_text("the whole new content", encoding="utf-8")
        assert target.read_text(encoding="utf-8") == OLD
    assert target.read_text(encoding="utf-8") == "the whole new content"
    assert sorted(p.name for p in target.parent.iterdir()) == [target.name]


def test_a_new_file_in_a_new_folder_is_written_whole(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "facts.jsonl"
    atomic.write_text(path, "第一行\n")
    assert path.read_text(encoding="utf-8") == "第一行\n"
    assert sorted(p.name for p in path.parent.iterdir()) == ["facts.jsonl"]
