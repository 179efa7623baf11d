"""Sentence groups → Chinese and English sentences, through Jinja2 templates a user can restyle.

The templates (templates/zh/*.j2, templates/en/*.j2, or a folder passed as `templates`, whose files
override the shipped ones) decide word order and connecting words; numbers, units, qualifiers, changes
and periods come from briefing.render through filters, so a template cannot misstate a figure. Labels
(indicator and place names in English) come from the facts or the translation layer; how each part was
made decides the sentence's `en_by`.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, StrictUndefined

from briefing import render
from briefing.compose.english import problems, warn_misstated
from briefing.compose.group import Group, per_year_en, subject_en, subject_zh
from briefing.compose.labels import (
    clause_span,
    first_person,
    label_problem,
    names_place,
    names_time,
    places_named,
    plain,
    raw_position,
    source_clause,
    source_link,
    subject_words,
)
from briefing.compose.salience import sentence_of
from briefing.compose.settings import settings
from briefing.compose.trust import SILENT_GEO, is_target
from briefing.model import Bilingual, Document, Fact, Sentence, Translation
from briefing.resources import shipped_dir

if TYPE_CHECKING:
    from briefing.translate import Translator

# How the English of a sentence was made, from most to least trustworthy; a sentence is as good as its
# weakest part.
EN_BY_ORDER = ("template", "glossary", "composed", "mt", "untranslated")
TARGET_CUES_ZH = ("力争", "确保", "争取", "预期", "计划")
MAX_LABEL = 200  # characters: longer "labels" (a title that is the whole text of a one-line source) are
# not labels, and translating them would cost more than the rest of the brief
_SPACE_BEFORE_PUNCTUATION = re.compile(r"\s+([,.;:])")
_OPENERS = "\"'“‘(["  # marks that may open an English sentence before its first letter
_LAYOUT_SPACE = re.compile(r"\s*\n\s*|\s{2,}")


def weakest(ways: list[str]) -> str:
    """The `en_by` of a sentence whose parts were made in `ways` (glossary labels in a template: template)."""
    worst = max((EN_BY_ORDER.index(w) for w in ways), default=0)
    way = EN_BY_ORDER[worst]
    return "template" if way == "glossary" else way


def lcfirst(label: str) -> str:
    """Lower-case a label's first letter when it moves into mid-sentence, unless it is a proper noun (a
    word of compose.toml's list, or the first word of a place's English name in the termbase)."""
    first = label.split(" ", 1)[0]
    if not first or first in settings().proper_words or not first[:1].isupper() or not first[1:].islower():
        return label
    if re.sub(r"(?:'s|[,;:])$", "", first) in _place_words():
        return label
    return label[:1].lower() + label[1:]


@cache
def _place_words() -> frozenset[str]:
    """First words of the English names of the termbase's places (Wuhan, Guangxi, Qinghai …)."""
    from briefing.translate.termbase import shipped_terms

    names = (t.en for t in shipped_terms().values() if t.is_place and t.en[:1].isupper())
    return frozenset(name.split()[0] for name in names)


def plural_subject(label: str) -> bool:
    """Is the English label's head noun plural ("Deaths", "Retail sales of goods"), so that it takes
    "were"? The head is the last word before "of"/"in"/"for"; a plural ends in -s, not -ss/-us/-is."""
    head = re.split(r"\s+(?:of|in|for|at|on|from|by)\s+", label, maxsplit=1)[0].split()
    word = head[-1].lower().strip("\"'”’)") if head else ""
    return len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is", "'s"))


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


def in_sentence(fact: Fact, label: str = "") -> str:
    """English quantity after a label that already names what is counted ("651", not "651 enterprises";
    "4,700", not "4,700 school places" after "School places added")."""
    text = render.render_en(fact, noun=False)
    unit = render.unit_name(fact.unit)
    if unit.symbol or not unit.plural or not label:
        return text
    for noun in (unit.plural, unit.singular):
        if noun and text.endswith(f" {noun}") and _names_noun(label, noun):
            return text[: -len(noun) - 1]
    return text


def _names_noun(label: str, noun: str) -> bool:
    """Does `label` name `noun` (or a word of its stem: "Visitors" for "visits")?"""
    if re.search(rf"\b{re.escape(noun)}\b", label, re.IGNORECASE):
        return True
    stem = noun.split()[-1].lower().removesuffix("s")
    return len(stem) >= 4 and " " not in noun and any(w.lower().startswith(stem) for w in label.split())


@cache
def environment(templates: Path | None = None) -> Environment:
    """Jinja2 environment over the custom folder (if any) then the shipped templates.

    One per folder and process: an environment keeps the templates it compiled (compiling one costs
    more than composing a brief's sentences with it), and still reloads a file that changes on disk."""
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
    env.filters.update(
        {
            "lcfirst": lcfirst,
            "period_phrase": period_phrase,
            "in_sentence": in_sentence,
            "plural_subject": plural_subject,
        }
    )
    return env


@dataclass
class ItemView:
    """One stated figure as a template sees it."""

    fact: Fact
    label: str  # subject label in the template's language ("" when none could be made)
    short: str  # the label without the words it shares with the group's first label (zh)
    changes: list[Fact]
    action: bool = False  # the (Chinese) label opens with a verb: 受理热线诉求 takes no 为
    link: str = ""  # the source's own joining verb between label and figure (达到, 控制在), "" if none
    named: bool = True  # False: `label` only says the measure has no English name (said after the figure)
    per_year: bool = False  # the change is yearly (English label "Annual growth of …"): "grew 5% a year"
    grown: bool = False  # a multiple whose label names a growth (Growth of output): "grew 5.1-fold"
    ranked: bool = False  # a rank said of its subject: "X ranked 2nd nationally", not "Ranking of X stood at"
    scope: str = ""  # where the rank holds, as an adverb ("nationally"), "" when the label does not say
    alone: bool = False  # said in a clause of its own: its sentence's figures are unlike things
    when: str = ""  # the item's own period, when the items of its sentence differ in period
    until: ItemView | None = None  # the end of a from–to pair this item starts ("rose from A to B")
    ended: bool = False  # this item is the end of a from–to pair, said with its start


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
    """Writes sentence groups in both languages; one per brief, so label translations are asked once.

    A group whose Chinese labels can all name their figures (compose.labels) is written from the
    templates; otherwise the Chinese quotes the source clause that states the figures. The English uses
    English labels (the fact's own or the glossary's); without them, machine translation of the Chinese
    sentence when a model is installed, else the same templates with the Chinese term in brackets as the
    subject, said plainly to have no English yet (en_by "untranslated"): never a figure without a subject.
    """

    def __init__(
        self,
        layer: Translator,
        templates: Path | None = None,
        doc_year: int | None = None,
        documents: dict[str, Document] | None = None,
    ):
        self.layer = layer
        self.env = environment(templates)
        self.doc_year = doc_year
        self.documents = documents if documents is not None else {}
        self._labels: dict[str, Translation] = {}
        # Fields of each fact (by id) the brief may not state (compose.trust); filled by the composer.
        self.doubts: dict[str, set[str]] = {}

    def prefetch(self, labels: list[str]) -> None:
        """Translate many labels in one batch (one model call rather than one per label)."""
        wanted = [
            zh for zh in dict.fromkeys(labels) if zh and zh not in self._labels and len(zh) <= MAX_LABEL
        ]
        if wanted:
            for zh, found in zip(wanted, self.layer.sentences([(zh, []) for zh in wanted]), strict=True):
                self._labels[zh] = found if found.en else Translation("", "untranslated")

    def prefetch_groups(self, groups: list[Group]) -> None:
        self.prefetch(
            [x for g in groups for f in g.facts for x in (f.indicator_zh, f.geo) if self.usable(f, x)]
        )

    def label(self, zh: str) -> Translation:
        if not zh or len(zh) > MAX_LABEL:
            return Translation("", "untranslated")  # a "title" that is a whole run-on text is no label
        if zh not in self._labels:
            found = self.layer.label(zh)
            if not found.en:
                found = Translation("", "untranslated")
            self._labels[zh] = found
        return self._labels[zh]

    def sentence(self, fact: Fact) -> Sentence | None:
        document = self.documents.get(fact.doc)
        return sentence_of(document, fact) if document is not None else None

    def usable(self, fact: Fact, label: str | None = None) -> bool:
        """Can `label` (the fact's subject label by default) name the fact in a template sentence?"""
        if label is None:
            label = subject_zh(fact)
        if label == fact.geo:
            return True  # place names are asked for their own English
        return not label_problem(fact, label, self.sentence(fact))

    def indicator_en(self, fact: Fact) -> Translation:
        """The fact's English label: its own (from the facts stage) or the layer's; how it was made.

        A Chinese label that is no noun phrase is not machine-translated: its English would be as
        broken as it is. Only a glossary entry (made by people for that very phrase) is trusted then.
        """
        if fact.indicator_en:
            asked = self._labels.get(fact.indicator_zh)
            way = asked.en_by if asked is not None and asked.en == fact.indicator_en else "glossary"
            return Translation(fact.indicator_en, way)
        if self.usable(fact):
            return self.label(fact.indicator_zh)
        return self._glossary(fact.indicator_zh)

    def subject(self, fact: Fact) -> Bilingual | None:
        """What the figure measures, in both languages, to stand alone (a chart bar, a tile): a label fit
        for a template or the subject words of its clause, and its English; None when either lacks."""
        zh = subject_zh(fact)
        if not (zh and self.usable(fact, zh)):
            zh = subject_words(fact, self.sentence(fact))
        en = self.bar_label(fact)
        return Bilingual(zh, en) if zh and en else None

    def bar_label(self, fact: Fact) -> str:
        """A chart bar's English label: the fact's subject in English, "" when it has none (the bar is
        then not drawn: a chart says in both languages what it measures). A yearly change or a growth
        multiple keeps its label whole: beside a bare figure, only the label says "annual" or "growth"."""
        found = self.indicator_en(fact)
        if not found.en or found.en_by == "untranslated" or self._only_place(fact, found.en):
            return ""  # a place alone ("Wuhan") says where, not what
        if fact.kind == "multiple" or per_year_en(fact, found.en):
            return found.en
        return self._subject_english(fact, found.en)

    def _subject_english(self, fact: Fact, label: str) -> str:
        """The English of what a change (or growth target) is a change of, for sentences whose verb
        states the change: the translation layer's own composition when it offers one (社会消费品零售总额
        增速 → total retail sales of consumer goods), else `label` without its change words."""
        if subject_en(fact, label) != label:
            found = self.layer.english_subject(fact.indicator_zh)
            if found.en and found.en_by != "untranslated":
                return subject_en(fact, found.en)
        return subject_en(fact, label)

    def _glossary(self, zh: str) -> Translation:
        """The glossary's entry for `zh` alone, without asking the model."""
        en = self.layer.glossary_entry(zh) if zh else None
        return Translation(en, "glossary") if en else Translation("", "untranslated")

    def writable(self, group: Group) -> bool:
        """Can the group be stated at all: by its labels, or by a source clause that names a subject?"""
        return all(self.usable(i.figure.fact) for i in group.items) or bool(self._clause(group))

    def join_quoted(self, groups: list[Group]) -> list[Group]:
        """Groups written from one source clause become one group: the clause states all their figures,
        and the brief must not quote the same words twice."""
        out: list[Group] = []
        quoting: dict[tuple, tuple[Group, tuple[int, int]]] = {}
        for group in sorted(groups, key=lambda g: (g.lead.doc, g.lead.span)):
            lead = group.lead
            key = (lead.doc, lead.sentence_index, lead.sentence)
            spans = [raw_position(f.fact, self.sentence(lead)) for f in group.figures]
            held = quoting.get(key)
            if held is not None and all(held[1][0] <= p < held[1][1] for p in spans):
                held[0].items.extend(group.items)
                continue
            if not all(self.usable(i.figure.fact) for i in group.items):
                span = clause_span([f.fact for f in group.figures], self.sentence(lead))
                if span is not None:
                    earlier = [g for g in out if (g.lead.doc, g.lead.sentence_index, g.lead.sentence) == key]
                    inside = [
                        g
                        for g in earlier
                        if all(
                            span[0] <= raw_position(f.fact, self.sentence(lead)) < span[1] for f in g.figures
                        )
                    ]
                    for g in inside:
                        out.remove(g)
                        group = Group([*g.items, *group.items])
                    quoting[key] = (group, span)
            out.append(group)
        out.sort(key=lambda g: (-g.score, g.lead.doc, g.lead.span))
        return out

    def _clause(self, group: Group) -> str:
        facts = [f.fact for f in group.figures]
        return source_clause(facts, self.sentence(group.lead))

    def faithful(
        self, group: Group, *, geo: bool = True, period: bool = True, target: bool = False
    ) -> Realised | None:
        """`realise`, with every English number checked: English that misstates a figure is withheld
        (the Chinese quotes the source clause, the figure as written), and the run warns once. None when
        not even the Chinese can be had."""
        made = self.realise(group, geo=geo, period=period, target=target)
        if not problems(made.figures_text, group.facts):
            return made
        warn_misstated(group.lead.doc, [f.raw for f in group.facts], made.en)
        clause = self._clause(group)
        zh = f"{first_person(clause, group.lead.geo)}。" if clause else made.zh
        return Realised(zh, "", "untranslated", [])

    def doubted(self, group: Group) -> set[str]:
        """Fields in doubt for any fact of the group: the sentence states none of them."""
        return {d for f in group.facts for d in self.doubts.get(f.id, ())}

    def realise(
        self, group: Group, *, geo: bool = True, period: bool = True, target: bool = False
    ) -> Realised:
        """One sentence for `group`; `geo`/`period` False leave out what the previous sentence set.

        A field in doubt (compose.trust) is never stated, and the Chinese then quotes the source clause,
        whose own words say what the source says about it."""
        lead = group.lead
        doubted = self.doubted(group)
        stated = [i.figure.fact for i in group.items]
        # one period and one place for the whole sentence, or none stated (从2020年的…增长到2025年的…)
        period = period and "period" not in doubted and len({f.period for f in stated}) == 1
        geo = geo and not doubted & {"geo", SILENT_GEO} and len({f.geo for f in stated}) == 1
        target = target and "kind" not in doubted and is_target(lead)
        zh_items, en_items, ways = [], [], []
        place_only = False  # an English label that only names a place: the place is said as a place
        for item in group.items:
            fact = item.figure.fact
            label_en = self.indicator_en(fact)
            en = self._subject_english(fact, label_en.en) if label_en.en else ""
            if en and self._only_place(fact, en):
                en, place_only, label_en = "", True, Translation("", "untranslated")
            elif en and set(en.lower().split()) <= settings().change_words_en:
                en, label_en = "", Translation("", "untranslated")  # "rising" names no subject
            ways.append(label_en.en_by)
            zh = subject_zh(fact)
            if not en:
                usable = bool(zh) and self.usable(fact, zh)
                term = zh if usable else subject_words(fact, self.sentence(fact))
                en = untranslated_subject(term, fact.geo)
            changes = [c.fact for c in item.changes]
            link = source_link(fact, zh, self.sentence(fact))
            zh_items.append(ItemView(fact, zh, zh, changes, _takes_figure_directly(zh), link))
            named = label_en.en_by != "untranslated"
            yearly = named and per_year_en(fact, label_en.en)
            grown = named and fact.kind == "multiple" and en != label_en.en
            view = ItemView(fact, en, en, changes, named=named, per_year=yearly, grown=grown)
            if named and (fact.kind == "rank" or fact.unit == "rank"):
                _rank_subject(view)
            en_items.append(view)
        _shorten(zh_items)
        unlike_periods = not period and "period" not in doubted and len({f.period for f in stated}) > 1
        if unlike_periods or len({(f.kind, f.unit) for f in stated}) > 1:
            _said_apart(en_items, periods=unlike_periods)
            # the end of a from–to pair is said with its start's label: its own does not count
            ways = [way for way, item in zip(ways, en_items, strict=True) if not item.ended]
        clause = "" if all(self.usable(i.fact) for i in zh_items) and not doubted else self._clause(group)
        stated_place = geo and bool(lead.geo)  # the place may be stated: established and not said before
        if clause:
            geo = stated_place and not names_place(clause, lead.geo) and not places_named(clause)
            own_words = clause
        else:
            geo = stated_place and (place_only or not names_place(zh_items[0].label, lead.geo))
            own_words = zh_items[0].label
        # 全省/全区 in the Chinese names the place by the issuer's word; the English names it outright
        own = stated_place and any(w in own_words for w in settings().labels.own_place_words)
        # in English, a figure whose measure has no English name is at least said of its place
        unnamed = not all(i.named for i in en_items)
        geo_label = (
            self.label(lead.geo) if geo or own or (stated_place and unnamed) else Translation("", "template")
        )
        if any(_names_en(i.label, geo_label.en) for i in en_items if i.named):
            geo_label = Translation("", "template")  # the English label names the place already
        generic = "untranslated" in ways
        if geo_label.en:
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
        if clause:
            zh = self._clause_sentence(clause, lead, context, target=target)
        else:
            zh = self._render("zh/" + name, context)
        en_context = {**context, "items": en_items, "geo": geo_label.en}
        if generic and clause and self.layer.has_model:
            made = self._machine(zh, group)
            if made is not None:
                return made
        en = self._render("en/" + name, en_context)
        labels = [geo_label.en] + [form for i in en_items for form in (i.label, lcfirst(i.label))]
        return Realised(zh, en, "untranslated" if generic else weakest(ways), labels)

    def _only_place(self, fact: Fact, en: str) -> bool:
        """Is the English label `en` nothing but the name of a place ("Wuhan" for 武汉市预计将)? Such a
        label names where, not what: it is no subject."""
        places = {fact.geo, *places_named(fact.indicator_zh)} - {""}
        names = {self.label(place).en.casefold() for place in places} - {""}
        words = en.casefold().split()
        return any(words and name.split()[: len(words)] == words for name in names)

    def _clause_sentence(self, clause: str, lead: Fact, context: dict, *, target: bool) -> str:
        """The source clause as a brief sentence: 〈period〉，〈place〉〈cue〉clause。 (each part only when
        the clause does not say it itself)."""
        period, geo = context["period"], context["geo"]
        clause = first_person(clause, lead.geo)
        when = ""
        if period != "unspecified" and not names_time(clause):
            when = render.render_period_zh(period, doc_year=self.doc_year)
        planned = any(c in clause for c in (*TARGET_CUES_ZH, *settings().target_cue_words))
        cue = context["cue"] if target and not planned else ""
        accrued = "累计" if period == "cumulative" and "累计" not in clause else ""
        opening = f"{when}，" if when and period != "cumulative" else ""
        return f"{opening}{geo}{accrued}{cue}{clause}。"

    def _machine(self, zh: str, group: Group) -> Realised | None:
        """Machine translation of a quoted clause, kept only when it states the group's figures exactly."""
        from briefing.translate.fidelity import check_numbers

        [found] = self.layer.sentences([(zh, group.facts)])
        if not found.en.strip() or check_numbers(found.en, group.facts):
            return None
        return Realised(zh, found.en, found.en_by, [])

    def _render(self, name: str, context: dict) -> str:
        text = self.env.get_template(name).render(**context)
        if name.startswith("en/"):
            text = _SPACE_BEFORE_PUNCTUATION.sub(r"\1", " ".join(text.split()))
            return _sentence_case(text)  # a label may come lower-case from the glossary
        return _LAYOUT_SPACE.sub("", text)  # Chinese: template layout is not text


def _sentence_case(text: str) -> str:
    """Capital first letter, after any opening quotes or brackets ("one spray" → "One spray")."""
    opening = len(text) - len(text.lstrip(_OPENERS))
    return text[:opening] + text[opening : opening + 1].upper() + text[opening + 1 :]


def untranslated_subject(zh: str, geo: str = "") -> str:
    """What a figure measures when its indicator has no English yet, said after the figure in brackets
    (the Chinese term, so a reader can look it up; none when the term is only a place). Such sentences
    keep en_by "untranslated" and are counted as such in brief.json."""
    term = plain(zh)
    if len(plain(_without_places(term, geo))) < 2:
        term = ""  # a place (and a stray character of its clause) is not what a figure measures
    words = settings().untranslated
    if term and len(term) <= settings().labels.max_chars + 4:
        return words["with_term"].format(term=term)
    return words["without_term"]


def _rank_subject(item: ItemView) -> None:
    """A rank whose English label names the ranking is said of the ranked subject ("National ranking of
    X" → "X", ranked … nationally)."""
    found = settings().rank_en.match(item.label)
    if found is None:
        return
    subject = found.group("subject") or found.group("subject2")
    item.label = item.short = subject[:1].upper() + subject[1:]
    item.scope = settings().rank_scope_en.get((found.group("scope") or "").lower(), "")
    item.ranked = True


def _said_apart(items: list[ItemView], *, periods: bool) -> None:
    """Items of one sentence that differ in kind, unit or period (`periods`: each then says its own)
    are said one clause each, and a from–to pair (从2020年的A增长到2025年的B) as one: never a
    "respectively" over unlike things."""
    for item in items:
        item.alone = True
        item.when = period_phrase(item.fact.period) if periods else ""
    for start, end in itertools.pairwise(items):
        if not start.ended and _from_to(start.fact, end.fact):
            start.until, end.ended = end, True


def _from_to(start: Fact, end: Fact) -> bool:
    """Are `start` and `end` one subject's levels at two times, joined in the source by 从…到…?"""
    cfg = settings()
    if (
        start.sentence != end.sentence
        or start.unit != end.unit
        or start.kind != "level"
        or end.kind != "level"
    ):
        return False
    a, b = start.sentence.find(start.raw), end.sentence.find(end.raw, start.sentence.find(start.raw) + 1)
    if a < 0 or b <= a:
        return False
    before, between = start.sentence[:a], start.sentence[a + len(start.raw) : b]
    opened = any(w in before[-12:] for w in cfg.from_words_zh)
    return opened and any(w in between for w in cfg.to_words_zh) and start.period < end.period


def _names_en(label: str, place: str) -> bool:
    """Does the English `label` name `place` ("Hebei" of "Hebei Province") already?"""
    core = place.split(" ", 1)[0]
    return bool(core) and re.search(rf"\b{re.escape(core)}\b", label) is not None


def _without_places(text: str, geo: str) -> str:
    """`text` without the names of places in it (`geo` and the gazetteer's)."""
    from briefing.facts.lexicon import places

    return places().pattern.sub("", text.replace(geo, "") if geo else text)


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


def _takes_figure_directly(label: str) -> bool:
    """A label that states an action (新增停车位, 组团整体实现区级税收) takes its figure without 为;
    one that ends in a measure's name (解决率, 进出口总额) is a noun phrase and takes 为."""
    cfg = settings()
    if label.endswith(cfg.noun_endings_zh):
        return False
    return label.startswith(cfg.action_prefixes_zh) or any(
        verb in label[1:] for verb in cfg.action_infixes_zh
    )


def _target_cue(fact: Fact) -> str:
    """The verb the source used for a target (力争, 确保 …), else 计划."""
    found = [cue for cue in TARGET_CUES_ZH if cue in fact.sentence]
    return min(found, key=fact.sentence.index) if found else "计划"
