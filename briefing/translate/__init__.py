"""The zh→en translation layer: glossary first, then composed labels, then protected machine translation,
then nothing.

Short noun phrases (indicator labels, headings, titles) are composed from the termbase by rule
(labels.py): for a figure's label the composition wins over the model, which only gets the labels the
composer could not build; other phrases without figures are composed only from termbase words (a
heading built with dictionary words reads as a word list), else left to the model.

For each sentence: a whole glossary entry is looked up; otherwise quantities, dates, digit runs and
glossary terms are masked with placeholders (protect.py), the text is cut into model-sized pieces
(splitter.py), translated in batches by the installed Argos model (argos.py) through the translation
memory (memory.py), and the placeholders restored. If a placeholder does not come back exactly once, the
stretches between protected items are translated on their own and joined with the renderings. The result
is published only if its figures pass the number check (fidelity.py); otherwise, and when no model is
installed, the sentence comes back with en="" and en_by="untranslated" for compose to handle.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, runtime_checkable

from briefing.boundaries import CLAUSE_END
from briefing.model import Fact, Translation
from briefing.translate.argos import ArgosBackend
from briefing.translate.fidelity import check_numbers, read_numbers
from briefing.translate.glossary import Glossary, GlossaryError
from briefing.translate.labels import LabelComposer, LabelEnglish
from briefing.translate.memory import TranslationMemory
from briefing.translate.models import ModelError, find_zh_en
from briefing.translate.protect import (
    PLACEHOLDER_RE,
    Item,
    Masked,
    is_punctuation,
    mask,
    punctuation_en,
    tidy,
    unmask,
)
from briefing.translate.splitter import split_for_mt
from briefing.translate.termbase import Termbase

__all__ = ["Glossary", "GlossaryError", "LabelEnglish", "ModelError", "TranslationLayer", "Translator"]

INSTALL_HINT = "briefing models install zh-en"
_NOT_A_PHRASE = re.compile(f"{CLAUSE_END.pattern}|\n")
_BRIEF_EN_BY = {"termbase": "glossary", "dictionary": "composed"}  # a label's way, as brief.json says it
MAX_PHRASE = 24  # characters; longer texts are sentences, not labels or headings
_EDGES = re.compile(r"^([\W_]*)(.*?)([\W_]*)$", re.DOTALL)


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
            self._discovered = True
            try:
                info = find_zh_en(self.model_dir)
                self._backend = ArgosBackend(info) if info else None
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
        results: list[Translation | None] = [None] * len(items)
        plans: list[tuple[int, Masked, list[str]]] = []
        for index, (zh, facts) in enumerate(items):
            text = zh.strip()
            if not text:
                results[index] = Translation("", "untranslated")
                continue
            entry = self.glossary.lookup(text)
            if entry is not None:
                results[index] = Translation(entry, "glossary")
                continue
            composed = self._phrase(text) if compose and not facts else None
            if composed is not None:
                results[index] = composed
                continue
            masked = mask(text, facts, self.glossary)
            plans.append((index, masked, split_for_mt(masked.text, keep=PLACEHOLDER_RE)))

        whole = self._translate(c for _, _, chunks in plans for c in chunks if _needs_mt(c)) or {}
        retry: list[tuple[int, Masked]] = []
        for index, masked, chunks in plans:
            if any(_needs_mt(c) and c not in whole for c in chunks):
                results[index] = Translation("", "untranslated")
                continue
            joined = " ".join(whole[c] if _needs_mt(c) else punctuation_en(c) for c in chunks)
            en = unmask(joined, masked)
            if en is not None and _numbers_ok(en, masked):
                results[index] = Translation(en, "mt" if any(map(_needs_mt, chunks)) else "glossary")
            else:
                retry.append((index, masked))

        if retry:
            cores = [core for _, masked in retry for core in _piece_cores(masked)]
            chunked = {core: split_for_mt(core) for core in cores}
            pieces_en = self._translate(c for chunks in chunked.values() for c in chunks) or {}
            cores_en = {
                core: " ".join(pieces_en.get(c, "") for c in chunks) for core, chunks in chunked.items()
            }
            for index, masked in retry:
                en = _join_pieces(masked, cores_en)
                ok = en is not None and _numbers_ok(en, masked)
                results[index] = Translation(en, "mt") if ok and en else Translation("", "untranslated")
        return [r if r is not None else Translation("", "untranslated") for r in results]


def _needs_mt(chunk: str) -> bool:
    return not is_punctuation(PLACEHOLDER_RE.sub("", chunk))


def _numbers_ok(en: str, masked: Masked) -> bool:
    allowed = {value for item in masked.items if item.kind != "fact" for value, _, _ in read_numbers(item.en)}
    return not check_numbers(en, masked.facts, allowed=allowed)


def _edges(text: str) -> tuple[str, str, str]:
    match = _EDGES.match(text)
    assert match is not None  # the pattern matches any string
    return match[1], match[2], match[3]


def _piece_cores(masked: Masked) -> list[str]:
    """The stretches of text between protected items that need the model (punctuation at their edges
    is rendered directly)."""
    return [
        core for piece in masked.pieces() if isinstance(piece, str) for core in [_edges(piece)[1]] if core
    ]


def _join_pieces(masked: Masked, cores_en: dict[str, str]) -> str | None:
    """The sentence rebuilt from translated stretches and rendered items; None if a stretch has no English."""
    parts: list[str] = []
    for piece in masked.pieces():
        if isinstance(piece, Item):
            parts.append(piece.en)
            continue
        lead, core, trail = _edges(piece)
        if core and not cores_en.get(core):
            return None
        parts.extend([punctuation_en(lead), cores_en.get(core, ""), punctuation_en(trail)])
    return tidy(" ".join(parts))


if TYPE_CHECKING:
    _conforms: type[Translator] = TranslationLayer  # mypy checks the layer against the protocol
