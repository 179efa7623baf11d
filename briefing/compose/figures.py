"""Key figures: the few numbers a reader should take away, for the table at the top of a brief."""

from __future__ import annotations

from collections.abc import Callable

from briefing import render
from briefing.compose.english import problems
from briefing.compose.group import Group, Item, is_relative_change, subject_en, subject_zh
from briefing.compose.realise import Realiser
from briefing.compose.select import similar_indicators
from briefing.compose.summary import headline_of
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
) -> list[KeyFigure]:
    """Up to `limit` key figures from the stated `groups`; `cite(facts)` gives their citation numbers."""
    out: list[KeyFigure] = []
    for item in _best_items(groups, limit, keep):
        fact = item.figure.fact
        label_en = realiser.indicator_en(fact).en
        if is_relative_change(fact):
            label_en = subject_en(fact, label_en)
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
                indicator=Bilingual(subject_zh(fact), label_en),
                value=value,
                change=change,
                period=period,
                theme=fact.theme,
                citation=cite(item.figure.mentions)[0],
            )
        )
    return out
