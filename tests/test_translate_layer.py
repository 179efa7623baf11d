"""The translation layer end to end on a real (tiny, random-weight) Argos package.

The model's English is gibberish, so these tests assert what must hold whatever the model says: figures
come out exactly as render_en writes them, glossary terms verbatim, no placeholder survives, the cache
removes every repeated model call, and nothing crashes without a model or on odd input.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from factories import make_fact

from briefing.model import Fact, Translation
from briefing.render import render_en
from briefing.translate import Glossary, TranslationLayer
from briefing.translate.fidelity import check_numbers
from briefing.translate.labels import LABEL_BY
from briefing.translate.memory import default_path

pytest_plugins = ["argos_test_model"]  # argos_archive, packages_dir, installed_model

S1 = "雄安新区中关村科技园入驻企业250余家，引聚创新人才超1900人，初步形成产业集聚效应。"
S2 = "“十四五”时期北京输出津冀技术合同成交额超2300亿元，较“十三五”实现翻番。"
S3 = "上半年，全区实现地区生产总值216.6亿元，同比增长5.2%。"
S4 = "12月17日，记者从新闻发布会上了解到，北京在疏解中不断优化提升首都功能。"


def fact(sentence: str, raw: str, value: str, unit: str, n: int, **extra) -> Fact:
    return make_fact(sentence, raw, value, unit, n, **extra)


ITEMS: list[tuple[str, list[Fact]]] = [
    (
        S1,
        [
            fact(S1, "250余家", "250", "enterprise", 1, measure_word="家", qualifier="over"),
            fact(S1, "超1900人", "1900", "person", 2, measure_word="人", qualifier="over"),
        ],
    ),
    (
        S2,
        [
            fact(S2, "超2300亿元", "230000000000", "CNY", 3, measure_word="亿元", qualifier="over"),
            fact(S2, "翻番", "2", "times", 4, kind="multiple", direction="up"),
        ],
    ),
    (
        S3,
        [
            fact(S3, "216.6亿元", "21660000000", "CNY", 5, measure_word="亿元"),
            fact(S3, "5.2%", "5.2", "percent", 6, measure_word="%", kind="change_pct", direction="up"),
        ],
    ),
    (S4, []),
]


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return Glossary.load()


def test_sentences_keep_every_figure_and_term(installed_model: Path, glossary: Glossary) -> None:
    layer = TranslationLayer(glossary, cache_path=None)
    assert layer.has_model and layer.missing_model_hint() is None
    results = layer.sentences(ITEMS)
    assert len(results) == len(ITEMS)
    assert layer.mt_calls > 0
    for (zh, facts), result in zip(ITEMS, results, strict=True):
        assert result.en_by in ("mt", "untranslated")
        if result.en_by == "untranslated":
            assert result.en == ""
            continue
        assert check_numbers(result.en, facts) == [], zh
        assert "ZQ" not in result.en.upper().replace(" ", "")
        for item in facts:
            assert render_en(item) in result.en
    by_zh = {zh: r for (zh, _), r in zip(ITEMS, results, strict=True)}
    if by_zh[S2].en:
        assert "the 14th five-year plan period" in by_zh[S2].en.lower() and "doubled" in by_zh[S2].en
    if by_zh[S4].en:
        assert by_zh[S4].en.startswith("December 17")


def test_labels(installed_model: Path, glossary: Glossary) -> None:
    layer = TranslationLayer(glossary, cache_path=None)
    assert layer.label("社会消费品零售总额").en == "total retail sales of consumer goods"
    assert layer.label("社会消费品零售总额").en_by == "glossary"
    assert layer.mt_calls == 0
    heading = layer.label("(三)产业提质步伐稳健,多点发力做强底座")
    assert heading.en_by == "mt" and heading.en
    assert layer.mt_calls > 0


def test_translation_memory_removes_repeated_calls(
    installed_model: Path, glossary: Glossary, tmp_path: Path
) -> None:
    cache = tmp_path / "cache" / "tm.sqlite"
    first = TranslationLayer(glossary, cache_path=cache)
    before = first.sentences(ITEMS)
    assert first.mt_calls > 0
    second = TranslationLayer(glossary, cache_path=cache)
    assert second.sentences(ITEMS) == before
    assert second.mt_calls == 0 and second.cache_hits > 0
    bypass = TranslationLayer(glossary, cache_path=cache, use_cache=False)
    assert bypass.sentences(ITEMS) == before
    assert bypass.mt_calls == first.mt_calls
    edited = Glossary({**{"疏整促": "x"}, "北京": "Peking"})
    assert edited.version != glossary.version
    other = TranslationLayer(edited, cache_path=cache)
    other.sentences(ITEMS[3:])
    assert other.mt_calls > 0  # another glossary never reuses English made under the old one


def test_corrupt_cache_file_is_not_fatal(installed_model: Path, glossary: Glossary, tmp_path: Path) -> None:
    cache = tmp_path / "tm.sqlite"
    cache.write_bytes(b"this is not a database" * 100)
    layer = TranslationLayer(glossary, cache_path=cache)
    assert len(layer.sentences(ITEMS[:1])) == 1
    assert layer.notices and str(cache) in layer.notices[0]


def test_odd_input_never_crashes(installed_model: Path, glossary: Glossary) -> None:
    layer = TranslationLayer(glossary, cache_path=None)
    long_text = ("东城区持续推进城市更新，完成老旧小区综合整治项目3个" * 400)[:10000]
    empty, blank, long_, only_terms = layer.sentences(
        [("", []), ("   ", []), (long_text, []), ("京津冀、雄安新区", [])]
    )
    assert empty.en == "" and empty.en_by == "untranslated"
    assert blank.en == "" and blank.en_by == "untranslated"
    assert long_.en_by in ("mt", "untranslated")
    assert only_terms.en == "Beijing-Tianjin-Hebei and Xiong'an New Area" and only_terms.en_by == "composed"


def test_without_a_model_everything_still_works(packages_dir: Path, glossary: Glossary) -> None:
    layer = TranslationLayer(glossary, cache_path=None)
    assert not layer.has_model
    hint = layer.missing_model_hint()
    assert hint and "briefing models install zh-en" in hint and "\n" not in hint
    assert layer.label("京津冀").en == "Beijing-Tianjin-Hebei"
    results = layer.sentences(ITEMS)
    assert [(r.en, r.en_by) for r in results] == [("", "untranslated")] * len(ITEMS)
    assert layer.sentences([("2025年", [])])[0].en == "2025"
    assert layer.mt_calls == 0


def test_broken_model_falls_back_with_a_hint(installed_model: Path, glossary: Glossary) -> None:
    (installed_model / "model" / "model.bin").write_bytes(b"garbage")
    layer = TranslationLayer(glossary, cache_path=None)
    results = layer.sentences(ITEMS)
    assert all(r.en_by == "untranslated" for r in results)
    hint = layer.missing_model_hint()
    assert hint and "cannot load" in hint and "briefing models install zh-en" in hint


def test_import_loads_no_model_runtime() -> None:
    code = (
        "import sys, briefing, briefing.translate, briefing.render, briefing.translate.models; "
        "print(sorted(m for m in ('torch', 'ctranslate2', 'stanza', 'spacy') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert out.stdout.strip() == "[]"


def test_labels_are_composed_without_a_model(packages_dir: Path, glossary: Glossary) -> None:
    layer = TranslationLayer(glossary, cache_path=None)
    assert layer.label("新建充电桩") == Translation("new charging piles built", "composed")
    assert layer.label("城镇调查失业率") == Translation("surveyed urban unemployment rate", "glossary")
    labels = layer.indicator_labels(["新建充电桩", "城镇调查失业率", "新建充电桩", "", "1234"])
    assert {zh: (found.en, found.by) for zh, found in labels.items()} == {
        "新建充电桩": ("new charging piles built", "composed"),
        "城镇调查失业率": ("surveyed urban unemployment rate", "termbase"),
    }
    assert layer.mt_calls == 0


def test_with_a_model_composed_labels_win(installed_model: Path, glossary: Glossary) -> None:
    layer = TranslationLayer(glossary, cache_path=None)
    labels = layer.indicator_labels(["新建充电桩", "𠀾𠁀"])
    assert labels["新建充电桩"].by == "composed"
    assert layer.mt_calls == 1  # only the label the composer could not build went to the model
    assert labels.get("𠀾𠁀") is None or labels["𠀾𠁀"].by == "mt"


def test_extract_fills_english_labels_and_how_they_were_made(packages_dir: Path, glossary: Glossary) -> None:
    from briefing.ingest import document_from_text
    from briefing.pipeline import extract

    layer = TranslationLayer(glossary, cache_path=None)
    text = "2031年，全省社会消费品零售总额增长4.2%，新建充电桩1.5万个。"
    facts = extract(document_from_text(text, doc="t"), layer)
    assert facts and all(f.indicator_en and f.indicator_en_by in LABEL_BY for f in facts if f.indicator_zh)
    by_label = {f.indicator_zh: f.indicator_en for f in facts}
    assert any("charging piles" in en for en in by_label.values())


def test_english_label_speaks_the_briefs_vocabulary(packages_dir: Path, glossary: Glossary) -> None:
    layer = TranslationLayer(glossary, cache_path=None)
    assert layer.english_label("全省新建充电桩") == Translation("new charging piles built", "composed")
    assert layer.english_label("社会消费品零售总额") == Translation(
        "total retail sales of consumer goods", "glossary"
    )
    assert layer.english_label("新建") == Translation("", "untranslated")


def test_english_subject_for_sentences_that_state_the_change(packages_dir: Path, glossary: Glossary) -> None:
    layer = TranslationLayer(glossary, cache_path=None)
    assert layer.english_subject("社会消费品零售总额增速") == Translation(
        "total retail sales of consumer goods", "glossary"
    )


def test_translation_memory_lives_under_an_absolute_xdg_cache_home_only(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The XDG spec says to ignore a relative XDG_CACHE_HOME: it would put the memory wherever the
    command happens to run."""
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    assert default_path() == tmp_path / "cache" / "briefing" / "translations.sqlite"
    for unusable in ("cache", ""):
        monkeypatch.setenv("XDG_CACHE_HOME", unusable)
        assert default_path() == tmp_path / "home" / ".cache" / "briefing" / "translations.sqlite"
