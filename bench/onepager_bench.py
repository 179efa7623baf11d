"""Theme one-pagers: seconds to write every theme's page after start-up, and the size of each PDF.

Start-up (imports, font registration for ReportLab and matplotlib, the fonts' character maps) is timed
apart from the writing, since a `build` pays it once per run. The material is every theme of the bundled
examples' gold facts (tests/test_onepager_material.py), plus a stress theme (200 facts and bullets, very
long labels, 50 sources) timed on its own. Target: all themes in at most 2 s. Times are CPU seconds of
this process (wall time on a shared machine measures the neighbours too).

Usage: python bench/onepager_bench.py [--png DIR]   (--png: also render each page at 80 dpi to look at)
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--png", type=Path, help="render every page to PNG (pdftoppm -r 80) in this folder")
    args = parser.parse_args()

    started = time.process_time()
    import matplotlib.backends.backend_svg  # noqa: F401  (the charts' renderer, imported on first chart)
    import svglib.svglib  # noqa: F401

    from briefing import fonts
    from briefing.pdf import onepager

    fonts.register_reportlab_fonts()
    fonts.register_matplotlib_fonts()
    for family in (fonts.CJK, fonts.LATIN):
        for face in {family.regular, family.bold, family.italic, family.bold_italic}:
            fonts.covers(face, "a")  # the character map glyph checks use
    startup = time.process_time() - started

    from test_onepager_material import realistic_briefs, stress_brief

    briefs = realistic_briefs()
    stress = stress_brief()
    stress.theme = "stress"

    with tempfile.TemporaryDirectory() as out:
        rows = []
        writing_started = time.process_time()
        for brief in briefs:
            page_started = time.process_time()
            path = Path(out) / f"{brief.theme}.pdf"
            onepager.write_theme_pdf(brief, path, generated="2026-01-01")
            rows.append((brief, path, time.process_time() - page_started))
        writing = time.process_time() - writing_started
        stress_started = time.process_time()
        stress_path = Path(out) / "stress.pdf"
        onepager.write_theme_pdf(stress, stress_path, generated="2026-01-01")
        rows.append((stress, stress_path, time.process_time() - stress_started))

        print(f"start-up (imports, fonts): {startup:.2f} s")
        print(f"{'theme':<20}{'s':>7}{'KB':>7}{'tiles':>7}{'bullets':>9}{'chart':>7}")
        for brief, path, seconds in rows:
            layout = onepager.plan_layout(brief, onepager.chart_slot(brief))
            print(
                f"{brief.theme:<20}{seconds:>7.3f}{path.stat().st_size / 1024:>7.0f}{len(layout.tiles):>7}"
                f"{len(layout.bullets):>9}{'yes' if layout.chart_height else 'no':>7}"
            )
        print(f"all {len(briefs)} themes: {writing:.2f} s (target <= 2 s)")
        if args.png:
            args.png.mkdir(parents=True, exist_ok=True)
            for brief, path, _ in rows:
                shutil.copy(path, args.png / path.name)
                subprocess.run(
                    ["pdftoppm", "-png", "-r", "80", "-singlefile", str(path), str(args.png / brief.theme)],
                    check=True,
                )
            print(f"pages rendered to {args.png}")


if __name__ == "__main__":
    main()
