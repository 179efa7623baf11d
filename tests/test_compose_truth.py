"""Truth check on real documents: the figures a brief cites are meant right (scored against gold), and
its English names what each figure measures, with no translation model installed.

Data: tests/data/dev (two development documents, their gold and the project's scorer; see ORIGIN.md).
The bar is the issue's: at least 0.92 of cited figures meant right (correct value, unit and qualifier,
and the same target-or-not, period and place as the gold), with enough figures cited that a brief that
says little cannot pass.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import gold_scorer, use_private_environment

from briefing.compose import compose_brief
from briefing.ingest import load_document
from briefing.pipeline import BuildOptions, extract, translation_layer

DATA = Path(__file__).parent / "data" / "dev"
DOCS = ("hebei_gov_work_report_2026", "rmrb_2025-07-16_h1_economy")
MIN_PRECISION = 0.92
MIN_CITED = 40


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """(document, facts, brief) of each dev document, built with no translation model."""
    home = tmp_path_factory.mktemp("home")
    with pytest.MonkeyPatch.context() as patch:
        use_private_environment(patch, home)
        layer = translation_layer(BuildOptions(use_cache=False))
        assert not getattr(layer, "has_model", False)
        out = []
        for doc in DOCS:
            document = load_document(str(DATA / f"{doc}.txt"))
            facts = extract(document, layer)
            out.append((document, facts, compose_brief(document, facts, layer)))
    return out


def test_cited_figures_are_meant_right(built):
    cited = []
    for _document, facts, brief in built:
        ids = {i for section in brief.sections for sentence in section.sentences for i in sentence.facts}
        cited += [json.loads(json.dumps(f.to_record())) for f in facts if f.id in ids]
    result = gold_scorer().score(DATA, DATA / "gold", cited)
    assert result["predicted"] >= MIN_CITED
    assert result["meaning_precision"] >= MIN_PRECISION, [
        (doc, gold.get("raw"), gold.get("period"), gold.get("geo")) for doc, gold, _ in result["_wrong"]
    ]


def test_no_english_sentence_states_a_figure_without_its_subject(built):
    for _document, _facts, brief in built:
        for section in brief.sections:
            for sentence in section.sentences:
                assert not re.search(r"\b(Figure|Change|Share|Ranking|Multiple)s? reported\b", sentence.en)
                assert "#" not in sentence.zh and "**" not in sentence.zh  # no Markdown mark


def test_no_chart_bar_lacks_an_english_label(built):
    charts = [s.chart for _d, _f, brief in built for s in brief.sections if s.chart is not None]
    for chart in charts:
        assert len(chart.rows) >= 3
        for row in chart.rows:
            assert row.label.en and "not translated" not in row.label.en


def test_the_work_report_leads_with_its_headline_indicators(built):
    from briefing.compose.summary import headline_of

    document, facts, brief = built[0]
    assert document.genre == "government_work_report"
    by_id = {f.id: f for f in facts}
    summary = brief.sections[0]
    leads = [by_id[s.facts[0]] for s in summary.sentences[:3]]
    assert all(headline_of(fact) for fact in leads)
