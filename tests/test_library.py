"""briefing used as a library, not through its command line: the entry points of `briefing/__init__.py`."""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import use_private_environment

import briefing

# Invented for this test.
SOURCE = (
    "青禾县2024年国民经济和社会发展统计公报\n\n"
    "2024年，青禾县实现地区生产总值86.5亿元，同比增长5.1%。\n"
    "全县新建污水管网12.5公里，城市生活污水集中收集率达到92%。\n"
)


@pytest.fixture
def source(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A source file; no translation model and a private cache, whatever the machine has."""
    use_private_environment(monkeypatch, tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    path = tmp_path / "qinghe.txt"
    path.write_text(SOURCE, encoding="utf-8")
    return path


def test_importing_the_package_loads_no_stage() -> None:
    """`import briefing` stays cheap: no stage, PDF, chart or model library until an entry point is used."""
    code = (
        "import sys, briefing; "
        "print(sorted(m for m in sys.modules if m.startswith(('briefing.', 'reportlab', 'matplotlib', "
        "'ctranslate2', 'click', 'jinja2', 'trafilatura'))))"
    )
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == "[]"


def test_every_entry_point_resolves_and_is_listed() -> None:
    assert set(briefing.__all__) == {"__version__", *briefing._ENTRY_POINTS}
    for name in briefing.__all__:
        assert getattr(briefing, name) is not None
        assert name in dir(briefing)
    assert briefing.Fact is briefing.model.Fact and briefing.Brief is briefing.model.Brief
    with pytest.raises(AttributeError, match="no_such_thing"):
        _ = briefing.no_such_thing  # type: ignore[attr-defined]


def test_load_a_document_and_extract_its_facts(source: Path) -> None:
    document = briefing.load_document(str(source))
    assert isinstance(document, briefing.Document)
    assert document.doc == "qinghe"
    facts = briefing.extract_facts(document)
    assert all(isinstance(f, briefing.Fact) for f in facts)
    by_raw = {f.raw: f for f in facts}
    assert by_raw["86.5亿元"].value == Decimal("8650000000") and by_raw["86.5亿元"].unit == "CNY"
    assert by_raw["5.1%"].kind == "change_pct"
    assert by_raw["12.5公里"].value == Decimal("12.5")
    for fact in facts:  # provenance: each figure points back into the source text
        assert document.text[fact.span[0] : fact.span[1]] == fact.raw


def test_build_writes_what_the_command_writes(source: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    report = briefing.build([str(source)], briefing.BuildOptions(out_dir=out, one_pagers=False))
    assert isinstance(report, briefing.BuildReport)
    assert report.failures == [] and report.documents == 1 and report.facts >= 4
    assert {p.name for p in report.written} == {"qinghe.pdf", "qinghe.facts.jsonl", "qinghe.brief.json"}
    assert (out / "qinghe.pdf").read_bytes().startswith(b"%PDF-")
    brief = json.loads((out / "qinghe.brief.json").read_text(encoding="utf-8"))
    assert brief["doc"] == "qinghe" and brief["sections"]


def test_build_reports_a_bad_source_and_builds_the_rest(source: Path, tmp_path: Path) -> None:
    missing = tmp_path / "missing.txt"
    report = briefing.build([str(missing), str(source)], briefing.BuildOptions(out_dir=tmp_path / "out"))
    assert report.documents == 1
    assert len(report.failures) == 1 and "missing.txt" in report.failures[0]
