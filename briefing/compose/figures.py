"""Key figures: the few numbers a reader should take away, for the table at the top of a brief."""

from __future__ import annotations

from collections.abc import Callable

from briefing import render
from briefing.compose.english import problems
from briefing.compose.group import Group, Item, is_relative_change, subject_zh
from briefing.compose.labels import names_place
from briefing.compose.realise import Realiser
from briefing.compose.select import similar_indicators
from briefing.compose.summary import headline_of
from briefing.compose.trust import SILENT_GEO
from briefing.model import Bilingual, Fact, KeyFigure

CHANGE_BONUS = 1.0  # a figure with its change says more in a table cell
TARGET_PENALTY = 1.5  # the table shows results first; plans only when results are few
HEADLINE_BONUS = 1.0  # GDP, fiscal revenue, retail sales … (data/salience.toml) are what readers look for
PER_THEME_FIRST_ROUND = 2  # spread the table over themes before a theme gets a third row


def _rank(item: Item) -> float:
    best = max(f.score for f in item.figures)
    target = item.figure.fact.kind == "target"
    headline = bool(headline_of(item.figure.fact))
    return best + CHANGE_BONUS * bool(item.changes) - TARGET_PENALTY * target + HEADLINE_BONUS * headline


def _best_items(groups: list[Group], limit: int, keep: Callable[[Fact], bool]) -> list[Item]:
    """Best items with distinct subjects (one 工业增加值 figure, not three), spread over themes; only
    items whose figure `keep` accepts (not a national figure quoted in a local report)."""
    items = sorted(
        (item for group in groups for item in group.items if keep(item.figure.fact)),
        key=lambda i: (-_rank(i), i.figure.fact.doc, i.figure.fact.span),
    )
    chosen: list[Item] = []
    for per_theme in (PER_THEME_FIRST_ROUND, limit):
        for item in items:
            if len(chosen) == limit:
                return chosen
            label = subject_zh(item.figure.fact)
            theme = item.figure.fact.theme
            if item in chosen or sum(c.figure.fact.theme == theme for c in chosen) >= per_theme:
                continue
            if any(similar_indicators(label, subject_zh(c.figure.fact)) for c in chosen):
                continue
            chosen.append(item)
    return chosen


def key_figures(
    groups: list[Group],
    realiser: Realiser,
    cite: Callable[[list[Fact]], list[int]],
    limit: int,
    keep: Callable[[Fact], bool] = lambda fact: True,
    name_place: Callable[[Fact], bool] = lambda fact: True,
) -> list[KeyFigure]:
    """Up to `limit` key figures from the stated `groups`; `cite(facts)` gives their citation numbers.

    A key figure stands alone (a table row, a tile), so it says whose, what and when in both languages:
    its subject is a label fit for a template (or the subject words of its clause) with an English
    label, its period is known, and its place is named wherever `name_place(fact)` asks for it.
    """
    subjects: dict[str, Bilingual] = {}
    for group in groups:
        for item in group.items:
            fact = item.figure.fact
            subject = _subject(fact, realiser, name_place(fact))
            if subject is not None and fact.period != "unspecified":
                subjects[fact.id] = subject
    out: list[KeyFigure] = []
    for item in _best_items(groups, limit, lambda fact: keep(fact) and fact.id in subjects):
        fact = item.figure.fact
        if is_relative_change(fact):
            value = Bilingual(render.render_change_zh(fact), render.render_change_en(fact))
        else:
            value = Bilingual(render.render_zh(fact), render.render_en(fact))
        change = None
        if item.changes:
            moved = item.changes[0].fact
            change = Bilingual(render.render_change_zh(moved), render.render_change_en(moved))
            if problems(change.en, [moved]):
                change = None  # the table shows no change rather than a misstated one
        if problems(value.en, [fact]):
            continue  # a key figure is a number; one whose English misstates it is left out
        period = Bilingual(
            render.render_period_zh(fact.period, doc_year=realiser.doc_year),
            render.render_period_en(fact.period, short=True),
        )
        out.append(
            KeyFigure(
                fact_id=fact.id,
                indicator=subjects[fact.id],
                value=value,
                change=change,
                period=period,
                theme=fact.theme,
                citation=cite(item.figure.mentions)[0],
            )
        )
    return out


def _subject(fact: Fact, realiser: Realiser, with_place: bool) -> Bilingual | None:
    """`[place] subject` in both languages, or None when either language lacks a subject."""
    found = realiser.subject(fact)
    if found is None:
        return None
    zh, en = found.zh, found.en
    if with_place and SILENT_GEO in realiser.doubts.get(fact.id, ()):
        return None  # its place is unknown: a tile would not say whose figure it is
    if with_place and fact.geo and not names_place(zh, fact.geo):
        place_en = realiser.label(fact.geo).en or fact.geo
        return Bilingual(f"{fact.geo}{zh}", f"{en} ({place_en})")
    return Bilingual(zh, en)
