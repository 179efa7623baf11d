"""Builders shared by the compose tests: documents, facts and a translation layer made by hand.

The compose stage is tested on inputs the tests control, so a change in ingest, the fact extractor or the
installed model cannot move these results.
"""

from __future__ import annotations

import re
from decimal import Decimal

from briefing.model import Document, Fact, Section, Sentence, Translation

_HEADING = re.compile(r"^([一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）])")
_END = re.compile(r"[^。！？；\n]+[。！？；]?")


def make_document(
    text: str, doc: str = "doc", date: str | None = "2025-09-28", issuer: str = "东城区"
) -> Document:
    """A report: lines opening with 一、/（一） are headings; sentences end at 。！？； or a line end."""
    document = Document(doc=doc, path=f"{doc}.txt", text=text, title=text.split("\n", 1)[0], date=date)
    document.issuer = issuer
    offset = 0
    for line in text.split("\n"):
        match = _HEADING.match(line)
        if match:
            level = 1 if line[0] != "（" and line[0] != "(" else 2
            document.sections.append(Section(line, level, offset, len(text)))
        offset += len(line) + 1
    for i, section in enumerate(document.sections):
        later = [s for s in document.sections[i + 1 :] if s.level <= section.level]
        section.end = later[0].start if later else len(text)
    for match in _END.finditer(text):
        start, end = match.span()
        section = max((k for k, s in enumerate(document.sections) if s.start <= start < s.end), default=None)
        document.sentences.append(
            Sentence(
                index=len(document.sentences),
                text=match.group(),
                start=start,
                end=end,
                offsets=list(range(start, end)),
                section=section,
                is_heading=any(s.start == start for s in document.sections) or start == 0,
            )
        )
    return document


def make_fact(
    document: Document,
    raw: str,
    value: str,
    unit: str,
    indicator_zh: str,
    indicator_en: str = "",
    *,
    kind: str = "level",
    qualifier: str = "exact",
    measure_word: str = "",
    period: str = "2025-H1",
    direction: str | None = None,
    geo: str = "东城区",
    theme: str = "economy",
    after: str = "",
    number: int | None = None,
) -> Fact:
    """A fact for the first `raw` in the document (after the text `after`, when given)."""
    start = document.text.index(raw, document.text.index(after) if after else 0)
    sentence = next(s for s in document.sentences if s.start <= start < s.end)
    number = number if number is not None else start
    return Fact(
        doc=document.doc,
        id=f"{document.doc}#{number}",
        raw=raw,
        span=(start, start + len(raw)),
        sentence=sentence.text,
        value=Decimal(value),
        unit=unit,
        measure_word=measure_word,
        qualifier=qualifier,
        indicator_zh=indicator_zh,
        indicator_en=indicator_en,
        period=period,
        kind=kind,
        direction=direction,
        geo=geo,
        theme=theme,
        sentence_index=sentence.index,
    )


class FakeLayer:
    """A `briefing.translate.Translator` for tests: glossary entries, optional 'machine translations', else
    nothing; it composes no change subjects."""

    def __init__(self, glossary: dict[str, str] | None = None, mt: dict[str, str] | None = None):
        self.glossary = glossary or {}
        self.mt = mt or {}
        self.has_model = bool(self.mt)  # a model is installed when there are 'machine translations'
        self.asked: list[str] = []

    def label(self, zh: str) -> Translation:
        return self.sentences([(zh, [])])[0]

    def glossary_entry(self, zh: str) -> str | None:
        return self.glossary.get(zh)

    def english_subject(self, zh: str) -> Translation:
        return Translation("", "untranslated")

    def sentences(self, items):
        out = []
        for zh, _facts in items:
            self.asked.append(zh)
            if zh in self.glossary:
                out.append(Translation(self.glossary[zh], "glossary"))
            elif zh in self.mt:
                out.append(Translation(self.mt[zh], "mt"))
            else:
                out.append(Translation("", "untranslated"))
        return out


GLOSSARY = {"东城区": "Dongcheng", "北京市": "Beijing"}


def test_the_fake_layer_offers_all_that_compose_asks_of_a_translator():
    """Compose calls the layer only through the `Translator` protocol: a fake missing a member would hide
    a call the real layer must answer."""
    from briefing.translate import Translator

    layer = FakeLayer({"东城区": "Dongcheng"})
    assert isinstance(layer, Translator)
    assert layer.glossary_entry("东城区") == "Dongcheng" and layer.glossary_entry("西城区") is None
