"""Locate the files shipped beside the code (fonts, templates, data) in a checkout and in a wheel.

In a checkout (editable install) `fonts/` and `templates/` sit at the project root; a wheel carries them
inside the package (pyproject's force-include), so both places are tried.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
DATA_DIR = PACKAGE_DIR / "data"


def shipped_dir(name: str) -> Path:
    """The shipped folder `name` (e.g. "fonts", "templates")."""
    for candidate in (PACKAGE_DIR / name, PACKAGE_DIR.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"briefing is missing its {name}/ folder (looked in {PACKAGE_DIR})")
