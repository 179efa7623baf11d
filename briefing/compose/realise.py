"""Sentence groups → Chinese and English sentences, through Jinja2 templates a user can restyle.

The templates (templates/zh/*.j2, templates/en/*.j2, or a folder passed as `templates`, whose files
override the shipped ones) decide word order and connecting words; numbers, units, qualifiers, changes
and periods come from briefing.render through filters, so a template cannot misstate a figure. Labels
(indicator and place names in English) come from the facts or the translation layer; how each part was
made decides the sentence's `en_by`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined

from briefing import render
from briefing.compose.group import Group, is_relative_change, subject_en, subject_zh
from briefing.compose.settings import settings
from briefing.model import Fact, Translation
from briefing.resources import shipped_dir

# How the English of a sentence was made, from most to least trustworthy; a sentence is as good as its
# weakest part.
EN_BY_ORDER = ("template", "glossary", "mt", "untranslated")
TARGET_CUES_ZH = ("力争", "确保", "争取", "计划")
_SPACE_BEFORE_PUNCTUATION = re.compile(r"\s+([,.;:])")
_LAYOUT_SPACE = re.compile(r"\s*\n\s*|\s{2,}")


def weakest(ways: list[str]) -> str:
    """The `en_by` of a sentence whose parts were made in `ways` (glossary labels in a template: template)."""
    worst = max((EN_BY_ORDER.index(w) for w in ways), default=0)
    way = EN_BY_ORDER[worst]
    return "template" if way == "glossary" else way


def lcfirst(label: str) -> str:
    """Lower-case a label's first letter when it moves into mid-sentence, unless it is a proper noun."""
    first = label.split(" ", 1)[0]
    if not first or first in settings().proper_words or not first[:1].isupper() or not first[1:].islower():
        return label
    return label[:1].lower() + label[1:]


def period_phrase(token: str) -> str:
    """The English period as an adverbial: "in the first half of 2025", "during the 14th …", "in total"."""
    text = render.render_period_en(token)
    if not text:
        return ""
    if token == "cumulative":
        return "in total"
    if text.startswith("by "):
        return text
    if text.startswith("the past"):
        return f"over {text}"
    if "Plan period" in text:
        return f"during {text}"
    return f"in {text}"


def in_sentence(fact: Fact) -> str:
    """English quantity after a label that already names what is counted ("651", not "651 enterprises")."""
    return render.render_en(fact, noun=False)


def environment(templates: Path | None = None) -> Environment:
    """Jinja2 environment over the custom folder (if any) then the shipped templates."""
    folders = [shipped_dir("templates")]
    if templates is not None:
        if not templates.is_dir():
            raise FileNotFoundError(f"{templates}: template folder not found")
        folders.insert(0, templates)
    env = Environment(
        loader=ChoiceLoader([FileSystemLoader(str(folder)) for folder in folders]),
        undefined=StrictUndefined,
        autoescape=False,  # plain text; the PDF stage escapes what it places in paragraphs
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.filters.update(render.JINJA_FILTERS)
    env.filters.update({"lcfirst": lcfirst, "period_phrase": period_phrase, "in_sentence": in_sentence})
    return env


@dataclass
class ItemView:
    """One stated figure as a template sees it."""

    fact: Fact
    label: str  # subject label in the template's language ("" when none could be made)
    short: str  # the label without the words it shares with the group's first label (zh)
    changes: list[Fact]
    action: bool = False  # the (Chinese) label opens with a verb: 受理热线诉求 takes no 为


@dataclass
class Realised:
    zh: str
    en: str
    en_by: str
    labels: list[str]  # the English labels placed in `en`: words, not figures the sentence states

    @property
    def figures_text(self) -> str:
        """`en` with its labels blanked, for the number check: a label's own numbers (a threshold of
        CNY 10 million in "Firms landed with CNY 10 million or more") are not the facts' figures."""
        text = self.en
        for label in sorted(self.labels, key=len, reverse=True):
            text = text.replace(label, "…") if label else text
        return text


class Realiser:
    """Writes sentence groups in both languages; one per brief, so label translations are asked once."""

    def __init__(self, layer, templates: Path | None = None, doc_year: int | None = None):
        self.layer = layer
        self.env = environment(templates)
        self.doc_year = doc_year
        self._labels: dict[str, Translation] = {}

    def prefetch(self, labels: list[str]) -> None:
        """Translate many labels in one batch (one model call rather than one per label)."""
        wanted = [zh for zh in dict.fromkeys(labels) if zh and zh not in self._labels]
        if wanted:
            for zh, found in zip(wanted, self.layer.sentences([(zh, []) for zh in wanted]), strict=True):
                self._labels[zh] = found if found.en else Translation("", "untranslated")

    def prefetch_groups(self, groups: list[Group]) -> None:
        self.prefetch([x for g in groups for f in g.facts for x in (f.indicator_zh, f.geo)])

    def label(self, zh: str) -> Translation:
        if not zh:
            return Translation("", "untranslated")
        if zh not in self._labels:
            found = self.layer.label(zh)
            if not found.en:
                found = Translation("", "untranslated")
            self._labels[zh] = found
        return self._labels[zh]

    def indicator_en(self, fact: Fact) -> Translation:
        """The fact's English label: its own (from the facts stage) or the layer's; how it was made."""
        asked = self.label(fact.indicator_zh)
        if fact.indicator_en:
            way = asked.en_by if asked.en == fact.indicator_en else "glossary"
            return Translation(fact.indicator_en, way)
        return asked

    def realise(
        self, group: Group, *, geo: bool = True, period: bool = True, target: bool = False
    ) -> Realised:
        """One sentence for `group`; `geo`/`period` False leave out what the previous sentence set."""
        lead = group.lead
        zh_items, en_items, ways = [], [], []
        for item in group.items:
            fact = item.figure.fact
            alone = is_relative_change(fact)
            label_en = self.indicator_en(fact)
            ways.append(label_en.en_by)
            en = subject_en(fact, label_en.en) if alone else label_en.en
            zh = subject_zh(fact) if alone else fact.indicator_zh
            changes = [c.fact for c in item.changes]
            zh_items.append(ItemView(fact, zh, zh, changes, zh.startswith(settings().action_prefixes_zh)))
            en_items.append(ItemView(fact, en or f"“{fact.indicator_zh}”", en, changes))
        _shorten(zh_items)
        geo = geo and bool(lead.geo) and not _names_place(zh_items[0].label, lead.geo)
        geo_label = self.label(lead.geo) if geo else Translation("", "template")
        geo_en = geo_label.en
        if geo_en:
            ways.append(geo_label.en_by)
        context = {
            "items": zh_items,
            "geo": lead.geo if geo else "",
            "period": lead.period if period else "unspecified",
            "doc_year": self.doc_year,
            "cue": _target_cue(lead),
            "cues": TARGET_CUES_ZH,
        }
        name = "target.j2" if target else "fact.j2"
        zh = self._render("zh/" + name, context)
        en = self._render("en/" + name, {**context, "items": en_items, "geo": geo_en})
        labels = [geo_en] + [form for i in en_items for form in (i.label, lcfirst(i.label))]
        return Realised(zh, en, weakest(ways), labels)

    def _render(self, name: str, context: dict) -> str:
        text = self.env.get_template(name).render(**context)
        if name.startswith("en/"):
            text = _SPACE_BEFORE_PUNCTUATION.sub(r"\1", " ".join(text.split()))
            return text[:1].upper() + text[1:]  # a label may come lower-case from the glossary
        return _LAYOUT_SPACE.sub("", text)  # Chinese: template layout is not text


def _shorten(items: list[ItemView]) -> None:
    """热线诉求响应率、解决率: later labels drop the subject they share with the first."""
    if len(items) < 2:
        return
    first = items[0].label
    for item in items[1:]:
        n = 0
        while n < min(len(first), len(item.label)) and first[n] == item.label[n]:
            n += 1
        if n >= 2 and len(item.label) - n >= 2:
            item.short = item.label[n:]


def _names_place(label: str, geo: str) -> bool:
    """Does the label already say where (世界银行预测全球经济增速 for 全球, 赴河北医院… for 河北省)?"""
    stem = geo
    for suffix in settings().geo_suffixes_zh:
        if geo.endswith(suffix) and len(geo) - len(suffix) >= 2:
            stem = geo[: -len(suffix)]
            break
    return stem in label


def _target_cue(fact: Fact) -> str:
    """The verb the source used for a target (力争, 确保 …), else 计划."""
    found = [cue for cue in TARGET_CUES_ZH if cue in fact.sentence]
    return min(found, key=fact.sentence.index) if found else "计划"
