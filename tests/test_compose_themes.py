"""Theme one-pager material over several sources: each source clause is stated once."""

from __future__ import annotations

from conftest import EXAMPLES

from briefing.compose import compose_theme_briefs
from briefing.ingest import load_document
from briefing.pipeline import BuildOptions, extract, translation_layer


def test_two_figures_of_one_clause_make_one_bullet_not_two(tmp_path, monkeypatch):
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(tmp_path / "none"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    layer = translation_layer(BuildOptions())
    items = [
        (doc, extract(doc, layer)) for doc in map(load_document, map(str, sorted(EXAMPLES.glob("*.txt"))))
    ]
    briefs = compose_theme_briefs(items, layer)
    assert briefs
    for brief in briefs:
        texts = [bullet.zh for bullet in brief.bullets]
        assert len(texts) == len(set(texts)), brief.theme
        stated = [fact for bullet in brief.bullets for fact in bullet.facts]
        assert len(stated) == len(set(stated)), brief.theme
