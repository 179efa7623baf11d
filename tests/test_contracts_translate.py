"""Two promises of the translation layer that no output of the tiny test model can show by itself:

- machine English is published only when its figures are the facts' figures (DESIGN.md: "Every number
  in English text equals the fact it states (checked in code, not only in tests)"): a model that invents
  a number gets the sentence marked untranslated;
- the translation memory never serves English made by another model or under another glossary.

The model here is the real test package (discovery, loading, memory are production paths) whose
`translate` is replaced by a scripted one, so the test decides what "the model" says.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from factories import make_fact

from briefing.render import render_en
from briefing.translate import Glossary, TranslationLayer
from briefing.translate.argos import ArgosBackend
from briefing.translate.memory import TranslationMemory

pytest_plugins = ["argos_test_model"]  # installed_model

# Invented for these tests.
SENTENCE = "青禾县新建污水管网12.5公里，覆盖人口超3万人。"
FACTS = [
    make_fact(SENTENCE, "12.5公里", "12.5", "km", 1, measure_word="公里"),
    make_fact(SENTENCE, "超3万人", "30000", "person", 2, measure_word="万人", qualifier="over"),
]
_CHINESE_RUN = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]+")


def faithful(self: ArgosBackend, texts: list[str]) -> list[str]:
    """A model that keeps every placeholder and invents nothing."""
    return [_CHINESE_RUN.sub(" words ", text).strip() for text in texts]


def inventive(self: ArgosBackend, texts: list[str]) -> list[str]:
    """The same model, but it adds a figure the source never gave (as real MT sometimes does)."""
    return [f"{english}, up 42 percent" for english in faithful(self, texts)]


@pytest.fixture
def layer(installed_model: Path) -> TranslationLayer:
    return TranslationLayer(Glossary({"青禾县": "Qinghe County"}), cache_path=None)


def test_english_with_the_facts_figures_is_published(layer, monkeypatch) -> None:
    monkeypatch.setattr(ArgosBackend, "translate", faithful)
    [result] = layer.sentences([(SENTENCE, FACTS)])
    assert result.en_by == "mt"
    for fact in FACTS:
        assert render_en(fact) in result.en


def test_english_with_an_invented_figure_is_not_published(layer, monkeypatch) -> None:
    monkeypatch.setattr(ArgosBackend, "translate", inventive)
    [result] = layer.sentences([(SENTENCE, FACTS)])
    assert layer.mt_calls > 0  # the model was asked
    assert (result.en, result.en_by) == ("", "untranslated")


def test_a_label_never_shows_an_invented_figure(layer, monkeypatch) -> None:
    """However the label's English is made (glossary, composed, machine), the model's figure stays out."""
    monkeypatch.setattr(ArgosBackend, "translate", inventive)
    result = layer.label("污水管网长度")
    assert "42" not in result.en


# ---------------------------------------------------------------- translation memory keys


@pytest.mark.parametrize(
    ("model", "glossary", "served"),
    [("model-a", "g1", True), ("model-b", "g1", False), ("model-a", "g2", False)],
    ids=["same-model-and-glossary", "other-model", "other-glossary"],
)
def test_memory_serves_only_english_of_the_same_model_and_glossary(
    tmp_path: Path, model: str, glossary: str, served: bool
) -> None:
    path = tmp_path / "tm.sqlite"
    writer = TranslationMemory(path, model="model-a", glossary="g1")
    writer.put_many({"污水管网": "sewage network"})
    writer.close()
    reader = TranslationMemory(path, model=model, glossary=glossary)
    assert reader.get_many(["污水管网"]) == ({"污水管网": "sewage network"} if served else {})
    reader.close()


def test_a_layer_with_another_glossary_asks_the_model_again(installed_model: Path, monkeypatch, tmp_path):
    """The two glossaries differ only in a term the sentence lacks, so the text sent to the model is the
    same: only the memory's key can tell the runs apart."""
    monkeypatch.setattr(ArgosBackend, "translate", faithful)
    cache = tmp_path / "tm.sqlite"
    first = TranslationLayer(Glossary({"青禾县": "Qinghe County"}), cache_path=cache)
    first.sentences([(SENTENCE, FACTS)])
    assert first.mt_calls > 0
    again = TranslationLayer(Glossary({"青禾县": "Qinghe County"}), cache_path=cache)
    again.sentences([(SENTENCE, FACTS)])
    assert again.mt_calls == 0 and again.cache_hits > 0  # the memory works...
    edited = TranslationLayer(Glossary({"青禾县": "Qinghe County", "白露湖": "Bailu Lake"}), cache_path=cache)
    edited.sentences([(SENTENCE, FACTS)])
    assert edited.mt_calls == first.mt_calls and edited.cache_hits == 0  # ...but not across glossaries
