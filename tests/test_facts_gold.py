"""Regression floor: the extractor scored against the hand-annotated gold facts of the two samples."""

import pytest
from conftest import GOLD, SEEDS, gold_scorer

from briefing.facts import extract_facts
from briefing.ingest import load_document


@pytest.fixture(scope="module")
def result():
    predictions = []
    for gold in sorted(GOLD.glob("*.jsonl")):
        source = SEEDS / f"{gold.stem}.txt"
        predictions += [f.to_record() for f in extract_facts(load_document(str(source)))]
    return gold_scorer().score(SEEDS, GOLD, predictions)


def test_strict_and_detection_f1_floor(result):
    assert result["strict"]["f1"] >= 0.97
    assert result["detection"]["f1"] >= 0.98


@pytest.mark.parametrize(
    ("field", "floor"), [("period", 0.95), ("kind", 0.95), ("theme", 0.93), ("direction", 0.95)]
)
def test_field_accuracy_floor(result, field, floor):
    assert result["field_accuracy_on_detected"][field] >= floor
