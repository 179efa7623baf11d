"""One-page material per theme over every document of a run: KPIs, bullets, chart facts and sources.

A figure reported by two sources is one bullet citing both (`merge_duplicates` works across documents).
Bullets always name their place and period, since each may come from a different source; periods carry
their year for the same reason.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import partial
from typing import TYPE_CHECKING

from briefing.compose.brief import theme_names
from briefing.compose.chartspec import theme_chart
from briefing.compose.citations import Citations
from briefing.compose.figures import key_figures
from briefing.compose.group import Group, group_figures
from briefing.compose.passages import passage_sentences
from briefing.compose.realise import Realiser
from briefing.compose.salience import fact_scores, sentence_of
from briefing.compose.select import merge_duplicates
from briefing.compose.settings import settings
from briefing.compose.summary import is_context
from briefing.compose.titles import brief_title, is_digest
from briefing.compose.trust import assess, is_target, stateable, trusted_score
from briefing.model import THEMES, Bilingual, BriefSentence, Document, Fact, ThemeBrief

if TYPE_CHECKING:
    from briefing.translate import Translator

MAX_KPIS = 8
MAX_BULLETS = 10
MAX_TARGET_BULLETS = 3  # a one-pager reports results first; plans may not crowd them out
CHART_ROWS = 5  # a one-page chart shows the theme's leading indicators


def compose_theme_briefs(
    items: list[tuple[Document, list[Fact]]],
    layer: Translator,
    *,
    themes: list[str] | None = None,
    min_facts: int = 3,
) -> list[ThemeBrief]:
    """One ThemeBrief per theme (all themes, or `themes`) that has at least `min_facts` distinct figures."""
    material = ThemeMaterial()
    for document, facts in items:
        material.add(document, facts)
    briefs = (material.compose(theme, layer, min_facts=min_facts) for theme in themes or list(THEMES))
    return [brief for brief in briefs if brief is not None]


@dataclass
class ThemeMaterial:
    """What the one-pagers draw on, gathered one document at a time, so that a build can gather each
    document as soon as it is composed, and compose each theme apart."""

    documents: dict[str, Document] = field(default_factory=dict)
    trusted: list[Fact] = field(default_factory=list)  # the facts a one-pager may state, in source order
    scores: dict[str, float] = field(default_factory=dict)
    planned: set[tuple[str, int]] = field(default_factory=set)  # (doc, sentence index) in plan passages
    doubts: dict[str, set[str]] = field(default_factory=dict)  # compose.trust, by fact id

    def __post_init__(self) -> None:
        self._made: Realiser | None = None

    def add(self, document: Document, facts: list[Fact]) -> None:
        self.documents[document.doc] = document
        in_plan = passage_sentences(document, settings().target_heading_words)
        self.planned |= {(document.doc, i) for i in in_plan}
        self.doubts.update(assess(document, facts, in_plan))
        facts = [f for f in facts if stateable(f, self.doubts[f.id])]
        self.trusted += facts
        raw = fact_scores(document, facts)
        self.scores.update({f.id: trusted_score(f, raw[f.id]) for f in facts})

    def compose(self, theme: str, layer: Translator, *, min_facts: int = 3) -> ThemeBrief | None:
        """The theme's one-pager, or None when it has fewer than `min_facts` distinct figures."""
        facts = [f for f in self.trusted if f.theme == theme]
        figures = merge_duplicates(facts, self.scores)
        if len(figures) < min_facts:
            return None
        documents = self.documents
        realiser = self._realiser(layer)
        groups_all = realiser.join_quoted(group_figures(figures))  # one bullet per quoted clause
        writable = [g for g in groups_all if g.stateable and realiser.writable(g)]
        groups = _bullet_groups(writable, lambda g: _is_plan(documents, self.planned, g))
        realiser.prefetch_groups(groups)
        citations = Citations()
        bullets = []
        for group in groups:
            made = realiser.faithful(group, target=_is_plan(documents, self.planned, group))
            if made is None:
                continue
            bullets.append(
                BriefSentence(
                    zh=made.zh,
                    en=made.en,
                    facts=group.ids,
                    en_by=made.en_by,
                    citations=citations.facts(documents, group.facts),
                )
            )
        kpis = key_figures(
            groups,
            realiser,
            partial(citations.facts, documents),
            MAX_KPIS,
            keep=lambda fact: not is_context(documents[fact.doc], fact),
        )
        contributing = dict.fromkeys(m.doc for figure in figures for m in figure.mentions)
        title = theme_names().get(theme, Bilingual(theme, theme))
        stated = {k.fact_id for k in kpis} | {i for b in bullets for i in b.facts}
        material = [f.fact for f in figures if f.fact.id in stated]  # each bar has its sentence or tile
        chart = theme_chart(material, title=title, subject=realiser.subject, max_rows=CHART_ROWS)
        return ThemeBrief(
            theme=theme,
            title=title,
            kpis=kpis,
            bullets=bullets,
            facts=[figure.fact for figure in figures],
            sources=[_source(realiser, documents[doc]) for doc in contributing],
            citations=citations.items,
            chart=chart,
        )

    def _realiser(self, layer: Translator) -> Realiser:
        """One realiser for every theme composed here (it keeps the labels it translated); no document
        year: every period has its year."""
        if self._made is None or self._made.layer is not layer:
            self._made = Realiser(layer, documents=self.documents)
            self._made.doubts = self.doubts
        return self._made


def _is_plan(documents: dict[str, Document], planned: set[tuple[str, int]], group: Group) -> bool:
    lead = group.lead
    sentence = sentence_of(documents[lead.doc], lead)
    return is_target(lead) or (sentence is not None and (lead.doc, sentence.index) in planned)


def _bullet_groups(groups: list[Group], is_plan) -> list[Group]:
    """The best groups, at most MAX_TARGET_BULLETS of them plans, best first."""
    out: list[Group] = []
    plans = 0
    for group in groups:
        plan = is_plan(group)
        if plan and plans >= MAX_TARGET_BULLETS:
            continue
        plans += plan
        out.append(group)
        if len(out) == MAX_BULLETS:
            break
    return out


def _source(realiser: Realiser, document: Document) -> Bilingual:
    """The document as the sources line names it: its title and date; a news digest, which has no title
    of its own, by the title its brief has (its source and date)."""
    if is_digest(document):
        return brief_title(document, realiser.label)
    title_en = realiser.label(document.title).en or document.title
    if not document.date:
        return Bilingual(document.title, title_en)
    return Bilingual(f"{document.title}（{document.date}）", f"{title_en} ({document.date})")
