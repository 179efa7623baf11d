"""Font registration pauses the cyclic garbage collector only while ReportLab parses, and leaves it as
it found it (a build tunes the collector, a library user may have switched it off)."""

from __future__ import annotations

import gc

import pytest

from briefing import fonts


@pytest.mark.parametrize("enabled", [True, False])
def test_the_collector_is_paused_inside_and_left_as_it_was(enabled: bool) -> None:
    was = gc.isenabled()
    try:
        (gc.enable if enabled else gc.disable)()
        with fonts.collector_paused():
            assert not gc.isenabled()
        assert gc.isenabled() is enabled
        with pytest.raises(RuntimeError), fonts.collector_paused():
            raise RuntimeError("a font that cannot be parsed")
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()


def test_registered_faces_measure_text() -> None:
    """The faces registered with the collector paused are whole: both scripts have widths."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    fonts.register_reportlab_fonts()
    assert stringWidth("示例", fonts.CJK.regular, 10) == pytest.approx(20, abs=1)
    assert 0 < stringWidth("ill", fonts.LATIN.regular, 10) < stringWidth("WWW", fonts.LATIN.bold, 10)
