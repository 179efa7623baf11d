"""Compose: facts and sentences of a document (or of a whole run, per theme) → a bilingual brief.

`compose_brief` writes the full brief of one document; `compose_theme_briefs` gathers one-page material
per theme over every document of a run. Chinese comes from Jinja2 templates, English from the English
templates with glossary or machine-translated labels, or from the translation layer for qualitative
sentences; every English number is checked against its fact, and English that misstates one is
withheld (the source clause is quoted instead, with a warning): never a wrong number, never a lost brief.
"""

from __future__ import annotations

from typing import Any

from briefing.compose.brief import compose_brief
from briefing.compose.themes import ThemeMaterial, compose_theme_briefs
from briefing.model import Brief

__all__ = ["ThemeMaterial", "brief_to_json", "compose_brief", "compose_theme_briefs"]


def brief_to_json(brief: Brief) -> dict[str, Any]:
    """The brief.json record of DESIGN.md (Brief.to_json already holds every key it asks for)."""
    return brief.to_json()
