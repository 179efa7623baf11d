"""Offsets of a run of characters, from the shared list of ints or made afresh, are the plain range."""

from __future__ import annotations

from briefing.ingest import cleanup
from briefing.ingest.cleanup import offset_run


def test_offset_runs_are_ranges_whatever_the_shared_list_holds():
    cases = [(0, 0), (0, 5), (7, 7), (3, 40_000), (39_990, 40_010), (10, cleanup._SHARED_INTS_MAX + 3)]
    for start, stop in cases:
        assert offset_run(start, stop) == list(range(start, stop))


def test_a_run_handed_out_is_its_own_list():
    first = offset_run(100, 110)
    first.append(-1)
    first[0] = -2
    assert offset_run(100, 110) == list(range(100, 110))
