"""The full brief of one document: summary, one section per theme, targets, risks, key figures, sources.

Order of work: score facts and sentences, merge repeated figures, group figures into sentences, decide
where each group belongs (a plan passage or a target → targets; a problem passage → risks; else its
theme), fill the sections within a sentence budget that grows with the source, then write every sentence
in both languages and check every English number.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from briefing.compose.chartspec import theme_chart
from briefing.compose.citations import Citations
from briefing.compose.english import problems, translate, warn_misstated
from briefing.compose.figures import key_figures
from briefing.compose.group import Group, group_figures
from briefing.compose.headlines import headline_gist
from briefing.compose.passages import passage_sentences
from briefing.compose.realise import Realiser
from briefing.compose.risks import risk_passage, risk_points
from briefing.compose.salience import fact_scores, sentence_of, sentence_scores
from briefing.compose.select import merge_duplicates
from briefing.compose.settings import settings
from briefing.compose.summary import is_context, leading_groups
from briefing.compose.titles import brief_title, contents_line, is_digest
from briefing.compose.trust import assess, document_place, is_target, stateable, trusted_score
from briefing.model import (
    Bilingual,
    Brief,
    BriefSection,
    BriefSentence,
    Document,
    Fact,
    Sentence,
    Translation,
)

if TYPE_CHECKING:
    from briefing.translate import Translator

QUALITATIVE_MIN_CHARS = 15
QUALITATIVE_MAX_CHARS = 120
SUMMARY_THEME_SENTENCES = 4
OUTLOOK_WHEN_TARGETS_BELOW = 3


@dataclass
class Entry:
    """A planned brief sentence: a group of figures, or a source sentence to translate."""

    position: tuple[int, int]  # where it comes from in the source, for reading order
    group: Group | None = None
    sentence: Sentence | None = None
    target: bool = False


def theme_names() -> dict[str, Bilingual]:
    from briefing.facts import load_themes

    return {key: Bilingual(v["zh"], v["en"]) for key, v in load_themes().items()}


def compose_brief(
    document: Document, facts: list[Fact], layer: Translator, *, templates: Path | None = None
) -> Brief:
    """The bilingual brief of `document` from its `facts` (see the module docstring for the steps)."""
    documents = {document.doc: document}
    realiser = Realiser(layer, templates, document.year, documents)
    plan = _Plan(document, facts, realiser, with_model=layer.has_model)
    citations = Citations()
    titles = settings().titles
    names = theme_names()

    sections: list[BriefSection] = []
    laid_out = [("summary", titles["summary"], "summary", plan.summary)]
    laid_out += [(t, names.get(t, Bilingual(t, t)), "theme", entries) for t, entries in plan.themes]
    laid_out += [("targets", titles["targets"], "targets", plan.targets)]
    laid_out += [("risks", titles["risks"], "risks", plan.risks)]
    realiser.prefetch([document.title, document.issuer, document.source])
    if is_digest(document):
        headlines = [a.headline for a in document.articles]
        realiser.prefetch(headlines)
        gists = [headline_gist(document, a.headline, facts, realiser, a.start) for a in document.articles]
        contents = contents_line(document, gists)
    realiser.prefetch_groups([e.group for *_, entries in laid_out for e in entries if e.group is not None])
    pending: list[tuple[BriefSentence, Sentence]] = []
    for section_id, title, kind, entries in laid_out:
        if not entries:
            continue
        section = BriefSection(section_id, title, kind=kind)
        if kind == "summary" and is_digest(document):
            section.sentences.append(contents)
        if kind != "summary":
            entries = sorted(entries, key=lambda e: e.position)
        previous: Fact | None = None
        for entry in entries:
            if entry.group is not None:
                lead = entry.group.lead
                before = None if kind == "summary" else previous  # a summary sentence stands alone
                made = realiser.faithful(
                    entry.group,
                    geo=before is None or lead.geo != before.geo,
                    period=before is None or lead.period != before.period,
                    target=entry.target,
                )
                if made is None:
                    continue
                section.sentences.append(
                    BriefSentence(
                        zh=made.zh,
                        en=made.en,
                        facts=entry.group.ids,
                        en_by=made.en_by,
                        citations=citations.facts(documents, entry.group.facts),
                    )
                )
                previous = lead
            elif entry.sentence is not None:
                brief_sentence = BriefSentence(
                    zh=entry.sentence.text,
                    en="",
                    en_by="untranslated",
                    citations=[citations.sentence(document, entry.sentence)],
                )
                section.sentences.append(brief_sentence)
                pending.append((brief_sentence, entry.sentence))
        sections.append(section)

    for (brief_sentence, _), translation in zip(
        pending, translate(layer, [(s.text, []) for _, s in pending]), strict=True
    ):
        if problems(translation.en, []):
            warn_misstated(document.doc, [], translation.en)
            continue  # no English rather than English with a figure the source sentence lacks
        brief_sentence.en, brief_sentence.en_by = translation.en, translation.en_by

    stated = [g for _, _, _, entries in laid_out for e in entries if (g := e.group) is not None]
    own_place = document_place(document)
    figures = key_figures(
        stated,
        realiser,
        partial(citations.facts, documents),
        settings().limits.key_figures_max,
        keep=lambda fact: not is_context(document, fact),
        name_place=lambda fact: bool(own_place) and fact.geo != own_place,
    )
    by_id = {f.id: f for f in facts}
    stated_ids = dict.fromkeys(i for s in sections for bs in s.sentences for i in bs.facts)
    stated_facts = [by_id[i] for i in stated_ids]
    sections = [
        replace(
            section,
            chart=theme_chart(
                [f for f in stated_facts if f.theme == section.id],
                title=section.title,
                subject=realiser.subject,
            ),
        )
        if section.kind == "theme"
        else section
        for section in sections
    ]
    return Brief(
        doc=document.doc,
        title=brief_title(document, realiser.label, _title_gist(document, facts, realiser)),
        issuer=_bilingual(realiser, document.issuer),
        date=document.date,
        source_path=document.path,
        sections=sections,
        key_figures=figures,
        citations=citations.items,
        facts=stated_facts,
        document=document.metadata(),
    )


def _title_gist(document: Document, facts: list[Fact], realiser: Realiser) -> Translation | None:
    """A single news article's headline gist, for a title with no English of its own."""
    if not (document.is_news and document.title) or is_digest(document):
        return None
    start = document.articles[0].start if document.articles else 0
    return headline_gist(document, document.title, facts, realiser, start)


def _bilingual(realiser: Realiser, zh: str) -> Bilingual:
    return Bilingual(zh, realiser.label(zh).en if zh else "")


class _Plan:
    """Which groups and sentences go into which section, within the document's sentence budget."""

    def __init__(self, document: Document, facts: list[Fact], realiser: Realiser, *, with_model: bool):
        self.document = document
        self.with_model = with_model
        cfg = settings()
        limits = cfg.limits
        planned = passage_sentences(document, cfg.target_heading_words)
        realiser.doubts.update(assess(document, facts, planned))
        self.with_facts = {s.index for f in facts if (s := sentence_of(document, f)) is not None}
        facts = [f for f in facts if stateable(f, realiser.doubts[f.id])]
        raw_scores = fact_scores(document, facts)
        scores = {f.id: trusted_score(f, raw_scores[f.id]) for f in facts}
        body = [s for s in document.sentences if not s.is_heading]
        self.ranks = sentence_scores(body)
        self.part_themes = _part_themes(document, facts)
        risky = risk_passage(document)

        places: dict[str, list[Group]] = {}
        groups = realiser.join_quoted(group_figures(merge_duplicates(facts, scores)))
        for group in (g for g in groups if g.stateable and realiser.writable(g)):
            places.setdefault(self._place(group, risky), []).append(group)
        risk_groups = places.pop("risks", [])
        target_groups = places.pop("targets", [])
        places.pop("", None)

        self.summary = self._summary(places, risk_groups, target_groups)
        self.targets = [self._entry(g, target=True) for g in target_groups[: limits.targets_max]]
        if len(self.targets) < OUTLOOK_WHEN_TARGETS_BELOW:
            self.targets += self._outlook(planned, limits.targets_max - len(self.targets))
        points = risk_points(document, risky, self.with_facts, self.ranks)[: limits.risks_max]
        self.risks = [self._sentence_entry(s) for s in points]
        self.risks += [self._entry(g) for g in risk_groups[: max(0, limits.risks_max - len(points))]]
        used = len(self.summary) + len(self.targets) + len(self.risks)
        self.themes = self._themes(places, limits.budget(len(document.text)) - used)

    def _place(self, group: Group, risky: set[int]) -> str:
        lead = group.lead
        sentence = sentence_of(self.document, lead)
        index = sentence.index if sentence is not None else -1
        if is_target(lead):
            return "targets"
        if index in risky:
            return "risks"
        return lead.theme

    def _entry(self, group: Group, *, target: bool = False) -> Entry:
        lead = group.lead
        sentence = sentence_of(self.document, lead)
        return Entry((sentence.index if sentence else -1, lead.span[0]), group=group, target=target)

    def _sentence_entry(self, sentence: Sentence) -> Entry:
        return Entry((sentence.index, sentence.start), sentence=sentence)

    def _summary(
        self, places: dict[str, list[Group]], risk_groups: list[Group], target_groups: list[Group]
    ) -> list[Entry]:
        """What the genre leads with (compose.summary): a report's headline indicators and main targets,
        a news article's headline figure, a digest's line per article. Otherwise, and to reach the
        minimum, the best group of each of the strongest themes, then the main problem and target."""
        limits = settings().limits
        results = sorted((g for groups in places.values() for g in groups), key=lambda g: -g.score)
        led = leading_groups(self.document, results, target_groups)
        if led is not None and any(led):
            lead_results, lead_targets = led
            for group in lead_results:
                places[group.lead.theme].remove(group)
            for group in lead_targets:
                target_groups.remove(group)
            entries = [self._entry(g) for g in lead_results]
            entries += [self._entry(g, target=True) for g in lead_targets]
            missing = limits.summary_min - len(entries)
            leaders = [
                groups[0]
                for groups in places.values()
                if groups and not is_context(self.document, groups[0].lead)
            ]
            for group in sorted(leaders, key=lambda g: -g.score)[: max(0, missing)]:
                places[group.lead.theme].remove(group)
                entries.append(self._entry(group))
            return entries
        leaders = sorted(
            (
                groups[0]
                for groups in places.values()
                if groups and not is_context(self.document, groups[0].lead)
            ),
            key=lambda g: -g.score,
        )
        extras = [g for g in (risk_groups[:1] + target_groups[:1])]
        room = max(limits.summary_min, limits.summary_max - len(extras))
        chosen = leaders[: min(room, SUMMARY_THEME_SENTENCES)]
        for group in chosen:
            places[group.lead.theme].remove(group)
        entries = [self._entry(g) for g in chosen]
        if risk_groups:
            entries.append(self._entry(risk_groups.pop(0)))
        if target_groups:
            entries.append(self._entry(target_groups.pop(0), target=True))
        return entries[: limits.summary_max]

    def _themes(self, places: dict[str, list[Group]], budget: int) -> list[tuple[str, list[Entry]]]:
        """Sections by theme, strongest first; the best groups across themes fill the budget.

        With a translation model, each theme keeps room for its best qualitative sentences; without
        one they would have no English, so figures (whose English comes from templates) fill the room.
        """
        limits = settings().limits
        qualitative = self._qualitative_by_theme() if self.with_model else {}
        wanted = {t: qualitative.get(t, [])[: limits.theme_qualitative_max] for t in places}
        reserved = min(sum(len(w) for w in wanted.values()), budget // 3)
        room = budget - reserved
        chosen: dict[str, list[Entry]] = {theme: [] for theme in places}
        pool = sorted(((g, t) for t, groups in places.items() for g in groups), key=lambda p: -p[0].score)
        for group, theme in pool:
            if room <= 0:
                break
            if len(chosen[theme]) < limits.theme_max - len(wanted[theme]):
                chosen[theme].append(self._entry(group))
                room -= 1
        strength = {t: sum(e.group.score for e in entries if e.group) for t, entries in chosen.items()}
        order = sorted((t for t in chosen if chosen[t]), key=lambda t: -strength[t])
        for theme in order:
            for sentence in wanted[theme]:
                if reserved <= 0:
                    break
                chosen[theme].append(self._sentence_entry(sentence))
                reserved -= 1
        return [(t, chosen[t]) for t in order]

    def _candidates(self, exclude: set[int]) -> list[Sentence]:
        """Body sentences without figures, of a length that states one point, best TextRank first."""
        found = [
            s
            for s in self.document.sentences
            if not s.is_heading
            and s.index not in self.with_facts
            and s.index not in exclude
            and QUALITATIVE_MIN_CHARS <= len(s.text) <= QUALITATIVE_MAX_CHARS
        ]
        return sorted(found, key=lambda s: (-self.ranks.get(s.index, 0.0), s.index))

    def _qualitative_by_theme(self) -> dict[str, list[Sentence]]:
        """Qualitative sentences per theme; a sentence takes the theme most facts of its part have."""
        cfg = settings()
        exclude = risk_passage(self.document) | passage_sentences(self.document, cfg.target_heading_words)
        out: dict[str, list[Sentence]] = {}
        for sentence in self._candidates(exclude):
            theme = self._theme_of_part(sentence)
            if theme:
                out.setdefault(theme, []).append(sentence)
        return out

    def _outlook(self, planned: set[int], room: int) -> list[Entry]:
        """Plan sentences without figures when a document states few targets: 力争…, 计划…."""
        cues = settings().target_cue_words
        found = [s for s in self._candidates(set()) if s.index in planned or any(c in s.text for c in cues)]
        return [self._sentence_entry(s) for s in found[: min(room, 2)]]

    def _theme_of_part(self, sentence: Sentence) -> str:
        counts = self.part_themes.get(_part(sentence))
        return counts.most_common(1)[0][0] if counts else ""


def _part(sentence: Sentence) -> tuple[str, int | None]:
    """The article (news) or innermost section (report) a sentence belongs to."""
    return ("article", sentence.article) if sentence.article is not None else ("section", sentence.section)


def _part_themes(document: Document, facts: list[Fact]) -> dict[tuple[str, int | None], Counter]:
    counts: dict[tuple[str, int | None], Counter] = {}
    for fact in facts:
        sentence = sentence_of(document, fact)
        if sentence is not None and fact.theme:
            counts.setdefault(_part(sentence), Counter())[fact.theme] += 1
    return counts
