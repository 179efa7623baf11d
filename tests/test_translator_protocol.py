"""The Translator protocol: what compose may ask of the translation layer (mypy checks the full
signatures; this checks the layer at run time and the glossary-only lookup compose relies on)."""

from __future__ import annotations

from briefing.translate import Glossary, TranslationLayer, Translator


def test_the_translation_layer_is_a_translator() -> None:
    layer = TranslationLayer(Glossary({"柳岸镇": "Liu'an Town"}), cache_path=None, use_cache=False)
    assert isinstance(layer, Translator)


def test_glossary_entry_answers_from_the_glossary_alone() -> None:
    layer = TranslationLayer(Glossary({"柳岸镇": "Liu'an Town"}), cache_path=None, use_cache=False)
    assert layer.glossary_entry(" 柳岸镇 ") == "Liu'an Town"
    assert layer.glossary_entry("柳岸镇新建学校") is None  # a longer text is not the entry
    assert layer.glossary_entry("") is None


def test_an_object_without_the_methods_is_not_a_translator() -> None:
    class LabelsOnly:
        has_model = False

        def label(self, zh: str) -> None:
            return None

    assert not isinstance(LabelsOnly(), Translator)
