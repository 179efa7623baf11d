"""The organisation shown in every page header: its name and, optionally, its logo (PNG or SVG).

Read from the `[brand]` table of a TOML file (`--brand-config`), so a chamber or embassy desk can put its
own name on the briefs without touching code.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

LOGO_SUFFIXES = (".png", ".svg")


class BrandingError(ValueError):
    """The brand configuration cannot be used; the message names the file and the problem."""


@dataclass(frozen=True)
class Branding:
    organisation: str = ""
    logo: Path | None = None


def load_branding(path: Path) -> Branding:
    """Branding from `[brand] organisation = "...", logo = "..."`; a relative logo path is taken from the
    configuration file's folder."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise BrandingError(f"{path}: cannot read the brand configuration: {exc}") from exc
    brand = data.get("brand")
    if not isinstance(brand, dict):
        raise BrandingError(f"{path}: no [brand] table")
    organisation = brand.get("organisation", "")
    if not isinstance(organisation, str):
        raise BrandingError(f"{path}: [brand] organisation must be a string")
    logo_value = brand.get("logo")
    if logo_value is None or logo_value == "":
        return Branding(organisation.strip(), None)
    if not isinstance(logo_value, str):
        raise BrandingError(f"{path}: [brand] logo must be a file path")
    logo = Path(logo_value).expanduser()
    if not logo.is_absolute():
        logo = path.parent / logo
    if logo.suffix.lower() not in LOGO_SUFFIXES:
        raise BrandingError(f"{path}: logo {logo} must be a PNG or SVG file")
    if not logo.is_file():
        raise BrandingError(f"{path}: logo {logo} does not exist")
    return Branding(organisation.strip(), logo)
