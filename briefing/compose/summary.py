"""What a brief's summary leads with, by genre (weights and indicator names in data/salience.toml).

A reader of a work report's summary expects its headline indicators first (GDP and its growth, fiscal
revenue, investment, retail sales, trade, unemployment, income, prices), each once, then the year's
main targets; a news article's reader expects its headline figure; a digest's reader one line per
article. Figures quoted for context (the country's growth in a county's report) never lead a local
document's summary nor become its key figures.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache

from briefing.compose.group import Group, subject_zh
from briefing.compose.salience import sentence_of
from briefing.compose.trust import document_place
from briefing.model import Document, Fact
from briefing.resources import DATA_DIR


@dataclass(frozen=True)
class Headline:
    name: str
    words: tuple[str, ...]


@dataclass(frozen=True)
class Salience:
    report_genres: frozenset[str]
    headlines: tuple[Headline, ...]
    results_max: int
    targets_max: int
    digest_max: int
    context_places: frozenset[str]


@cache
def salience() -> Salience:
    data = tomllib.loads((DATA_DIR / "salience.toml").read_text(encoding="utf-8"))
    reports = data["reports"]
    return Salience(
        report_genres=frozenset(reports["genres"]),
        headlines=tuple(Headline(h["name"], tuple(h["words"])) for h in reports["headline"]),
        results_max=reports["results_max"],
        targets_max=reports["targets_max"],
        digest_max=data["news"]["digest_max"],
        context_places=frozenset(data["context"]["places"]),
    )


def headline_of(fact: Fact) -> str:
    """The headline indicator a fact measures (its `name`), "" when none."""
    label = subject_zh(fact) or fact.indicator_zh
    for headline in salience().headlines:
        if any(word in label for word in headline.words):
            return headline.name
    return ""


def is_context(document: Document, fact: Fact) -> bool:
    """A figure of a wider place than a local document's own (the country's, the world's)."""
    cfg = salience()
    own = document_place(document)
    return bool(own) and own not in cfg.context_places and fact.geo in cfg.context_places


def leading_groups(
    document: Document, results: list[Group], targets: list[Group]
) -> tuple[list[Group], list[Group]] | None:
    """(results, targets) the summary leads with, best first; None when the genre has no rule (the
    composer then leads with the strongest themes)."""
    cfg = salience()
    local = [g for g in results if not is_context(document, g.lead)]
    if document.genre in cfg.report_genres:
        return _headlines(local, cfg.results_max), _headlines(targets, cfg.targets_max)
    if document.genre == "news_digest" and len(document.articles) > 1:
        return _per_article(document, local, cfg.digest_max), []
    if document.genre in ("news_article", "news_digest"):
        return _headline_figure(document, local), []
    return None


def _headlines(groups: list[Group], limit: int) -> list[Group]:
    """One group per headline indicator, in the data file's order; within one, the best scored."""
    order = {h.name: i for i, h in enumerate(salience().headlines)}
    best: dict[str, Group] = {}
    for group in groups:  # best first
        name = headline_of(group.lead)
        if name and name not in best:
            best[name] = group
    return sorted(best.values(), key=lambda g: order[headline_of(g.lead)])[:limit]


def _headline_figure(document: Document, groups: list[Group]) -> list[Group]:
    """The group stating a figure of the title block (title, kicker: the lines before the body), else
    one of the first body sentence, else none."""
    first_body = next((s.index for s in document.sentences if not s.is_heading), len(document.sentences))
    for wanted in (lambda i: i < first_body, lambda i: i == first_body):
        for group in groups:  # best first
            sentence = sentence_of(document, group.lead)
            if sentence is not None and wanted(sentence.index):
                return [group]
    return []


def _per_article(document: Document, groups: list[Group], limit: int) -> list[Group]:
    """The best group of each article, in article order."""
    best: dict[int, Group] = {}
    for group in groups:  # best first
        sentence = sentence_of(document, group.lead)
        if sentence is not None and sentence.article is not None and sentence.article not in best:
            best[sentence.article] = group
    return [best[a] for a in sorted(best)][:limit]
