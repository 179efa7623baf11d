"""The zh→en translation layer: glossary first, then composed labels, then protected machine translation,
then nothing.

Short noun phrases (indicator labels, headings, titles) are composed from the termbase by rule
(labels.py): for a figure's label the composition wins over the model, which only gets the labels the
composer could not build; other phrases without figures are composed only from termbase words (a
heading built with dictionary words reads as a word list), else left to the model.

For each sentence (sentences.py): a whole glossary entry is looked up; otherwise quantities, dates, digit
runs and glossary terms are masked with placeholders (protect.py), the text is cut into model-sized pieces
(splitter.py), translated in batches by the installed Argos model (argos.py) through the translation
memory (memory.py), and the placeholders restored. If a placeholder does not come back exactly once, the
stretches between protected items are translated on their own and joined with the renderings. The result
is published only if its figures pass the number check (fidelity.py); otherwise, and when no model is
installed, the sentence comes back with en="" and en_by="untranslated" for compose to handle.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from briefing import regex_cache
from briefing.boundaries import CLAUSE_END
from briefing.model import Fact, Translation
from briefing.translate.glossary import Glossary, GlossaryError
from briefing.translate.labels import LabelComposer, LabelEnglish
from briefing.translate.termbase import Termbase

if TYPE_CHECKING:
    from briefing.translate.argos import ArgosBackend
    from briefing.translate.memory import TranslationMemory

__all__ = ["Glossary", "GlossaryError", "LabelEnglish", "ModelError", "TranslationLayer", "Translator"]


def __getattr__(name: str) -> Any:
    """`ModelError`, imported on first use: the models, backend, memory and masking modules load only
    when a model is looked for or a sentence translated, which a `facts` run whose labels all compose
    never does (they cost ~0.01 s to import)."""
    if name == "ModelError":
        from briefing.translate.models import ModelError

        return ModelError
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


INSTALL_HINT = "briefing models install zh-en"
_NOT_A_PHRASE = regex_cache.compile(f"{CLAUSE_END.pattern}|\n")
_BRIEF_EN_BY = {"termbase": "glossary", "dictionary": "composed"}  # a label's way, as brief.json says it
MAX_PHRASE = 24  # characters; longer texts are sentences, not labels or headings


@runtime_checkable
class Translator(Protocol):
    """What compose asks of the translation layer: the contract between the two stages. TranslationLayer
    is the implementation; a test can pass any object with these members."""

    @property
    def has_model(self) -> bool:
        """Whether a machine-translation model is installed (free sentences can get English)."""
        ...

    def label(self, zh: str) -> Translation:
        """A heading or table label in English, or Translation("", "untranslated")."""
        ...

    def sentences(self, items: list[tuple[str, list[Fact]]]) -> list[Translation]:
        """English for each (sentence, facts it states), in order."""
        ...

    def glossary_entry(self, zh: str) -> str | None:
        """The glossary's English for `zh` as a whole entry, without asking the model; None without one."""
        ...

    def english_subject(self, zh: str) -> Translation:
        """What a change label measures the change of (…增速 → what grew), or Translation("",
        "untranslated") when the layer cannot compose it."""
        ...


class TranslationLayer:
    def __init__(
        self,
        glossary: Glossary,
        *,
        cache_path: Path | None = None,
        use_cache: bool = True,
        model_dir: Path | None = None,
    ):
        self.glossary = glossary
        self.cache_path = cache_path
        self.use_cache = use_cache
        self.model_dir = model_dir
        self.mt_calls = 0  # texts the model actually translated (cache hits excluded)
        self.cache_hits = 0
        self._backend: ArgosBackend | None = None
        self._discovered = False
        self._model_problem: str | None = None
        self._memory: TranslationMemory | None = None

    # ------------------------------------------------------------ model

    def _get_backend(self) -> ArgosBackend | None:
        if not self._discovered:
            from briefing.translate.models import ModelError, find_zh_en

            self._discovered = True
            try:
                info = find_zh_en(self.model_dir)
                if info:
                    from briefing.translate.argos import ArgosBackend

                    self._backend = ArgosBackend(info)
            except (OSError, ValueError, ModelError) as exc:
                self._model_problem = f"translation model unusable ({exc})"
        return self._backend if self._model_problem is None else None

    @property
    def has_model(self) -> bool:
        return self._get_backend() is not None

    def missing_model_hint(self) -> str | None:
        """One line for the user when sentences cannot be machine-translated, else None."""
        if self._get_backend() is not None:
            return None
        if self._model_problem:
            return f"{self._model_problem}; reinstall it with `{INSTALL_HINT}`"
        return (
            "no Chinese→English translation model installed: free text is left without English; "
            f"install one with `{INSTALL_HINT}` (or `briefing models install FILE.argosmodel`)"
        )

    @property
    def notices(self) -> list[str]:
        """Problems worth one line on stderr (an unusable translation memory)."""
        return [self._memory.problem] if self._memory is not None and self._memory.problem else []

    def _translate(self, texts: Iterable[str]) -> dict[str, str] | None:
        """Model output for each text, through the translation memory; None without a working model."""
        backend = self._get_backend()
        if backend is None:
            return None
        from briefing.translate.memory import TranslationMemory
        from briefing.translate.models import ModelError

        wanted = sorted(set(texts))
        if not wanted:
            return {}
        found: dict[str, str] = {}
        if self.use_cache:
            if self._memory is None:
                self._memory = TranslationMemory(
                    self.cache_path, model=backend.identity, glossary=self.glossary.version
                )
            found = self._memory.get_many(wanted)
            self.cache_hits += len(found)
        misses = [text for text in wanted if text not in found]
        if misses:
            try:
                fresh = dict(zip(misses, backend.translate(misses), strict=True))
            except ModelError as exc:
                self._model_problem = str(exc)
                return None
            self.mt_calls += len(misses)
            if self._memory is not None:
                self._memory.put_many(fresh)
            found.update(fresh)
        return found

    # ------------------------------------------------------------ public

    @cached_property
    def composer(self) -> LabelComposer:
        return LabelComposer(Termbase(self.glossary))

    def english_label(self, zh: str) -> Translation:
        """A figure's label (or any noun phrase naming what is counted) in English, for compose: composed
        by rule, else the model's, else untranslated; `en_by` in the brief's vocabulary (glossary,
        composed, mt, untranslated). `indicator_labels` tells termbase, composed and dictionary apart."""
        found = self.indicator_labels([zh]).get(zh)
        if found is None:
            return Translation("", "untranslated")
        return Translation(found.en, _BRIEF_EN_BY.get(found.by, found.by))

    def english_subject(self, zh: str) -> Translation:
        """What a change label measures the change of (社会消费品零售总额增速 → total retail sales of
        consumer goods), for sentences whose verb states the change; other labels as `english_label`."""
        found = self.composer.subject(zh)
        if found is None:
            return self.english_label(zh)
        return Translation(found.en, _BRIEF_EN_BY.get(found.by, found.by))

    def indicator_labels(self, labels: Iterable[str]) -> dict[str, LabelEnglish]:
        """English for figures' labels, in one batch: composed ones win; the model, when installed, gets
        only the labels the composer could not build (`mt`). Labels with no English are left out."""
        found = {zh: self.composer.english(zh) for zh in dict.fromkeys(labels) if zh}
        missing = [zh for zh, en in found.items() if en is None]
        if missing and self.has_model:
            translated = self._sentences([(zh, []) for zh in missing], compose=False)
            for zh, done in zip(missing, translated, strict=True):
                if done.en:
                    found[zh] = LabelEnglish(done.en, "mt")
        return {zh: en for zh, en in found.items() if en is not None}

    def glossary_entry(self, zh: str) -> str | None:
        """The glossary's English for `zh` as a whole entry, without asking the model; None without one."""
        return self.glossary.lookup(zh) if zh else None

    def label(self, zh: str) -> Translation:
        """A heading or table label: the glossary's English, a composed label, MT, else ""."""
        return self.sentences([(zh, [])])[0]

    def _phrase(self, text: str) -> Translation | None:
        """A short phrase without figures composed from termbase words alone, or None."""
        if len(text) > MAX_PHRASE or _NOT_A_PHRASE.search(text):
            return None
        found = self.composer.english(text, indicator=False)
        return Translation(found.en, _BRIEF_EN_BY.get(found.by, found.by)) if found else None

    def sentences(self, items: list[tuple[str, list[Fact]]]) -> list[Translation]:
        """English for each (sentence, facts it states), in order; see the module docstring."""
        return self._sentences(items, compose=True)

    def _sentences(self, items: list[tuple[str, list[Fact]]], *, compose: bool) -> list[Translation]:
        from briefing.translate.sentences import translate_sentences

        return translate_sentences(items, self.glossary, self._phrase if compose else None, self._translate)


if TYPE_CHECKING:
    _conforms: type[Translator] = TranslationLayer  # mypy checks the layer against the protocol
