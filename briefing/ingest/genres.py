"""Which kind of document a source is: work report, plan-execution report, news article or digest,
statistical release, other. The cues (title patterns, newspaper bylines) are data (data/genres.toml).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache

from briefing import regex_cache
from briefing.resources import DATA_DIR, toml_data


@dataclass(frozen=True)
class ReportKind:
    genre: str
    titles: tuple[re.Pattern[str], ...]
    review_year_offset: int
    after_news: bool


@dataclass(frozen=True)
class GenreRules:
    reports: tuple[ReportKind, ...]
    bylines: tuple[re.Pattern[str], ...]
    byline_reach: int
    place_share: float
    national_factor: float
    names_en: dict[str, str]


@cache
def genre_rules() -> GenreRules:
    data = toml_data(DATA_DIR / "genres.toml")
    return GenreRules(
        reports=tuple(
            ReportKind(
                r["genre"],
                tuple(regex_cache.compile(p) for p in r["title"]),
                r.get("review_year_offset", 0),
                r.get("after_news", False),
            )
            for r in data["reports"]
        ),
        bylines=tuple(regex_cache.compile(p) for p in data["news"]["bylines"]),
        byline_reach=data["news"]["byline_reach"],
        place_share=data["news"]["place_share"],
        national_factor=data["news"]["national_factor"],
        names_en=data["names_en"],
    )


def report_kind(title: str, *, news: bool = False) -> ReportKind | None:
    """The kind of report a title names (政府工作报告, 计划执行情况的报告 …), None for none. A kind that
    yields to news layout (a statistical title on a paper's article) is skipped when `news`."""
    for kind in genre_rules().reports:
        if news and kind.after_news:
            continue
        if any(p.search(title) for p in kind.titles):
            return kind
    return None


def genre_of(title: str, news: bool, headlines: int) -> str:
    """The genre of a document with this title, news layout or not, and this many headlines."""
    kind = report_kind(title, news=news)
    if kind is not None:
        return kind.genre
    if news:
        return "news_digest" if headlines > 1 else "news_article"
    return "other"


def genre_name_en(genre: str) -> str:
    """What the genre is called in English ("" for other)."""
    return genre_rules().names_en.get(genre, "")


def review_year_offset(genre: str) -> int:
    """How the year a report's undated review speaks of relates to the report's own year."""
    return next((k.review_year_offset for k in genre_rules().reports if k.genre == genre), 0)


@dataclass(frozen=True)
class Byline:
    """A newspaper byline with its edition date: 本报记者 张三《人民日报》（2025年07月16日第 04 版）."""

    outlet: str
    date: str  # ISO


def newspaper_byline(lines: list[str]) -> Byline | None:
    """The first newspaper byline among the opening lines, with a valid date."""
    rules = genre_rules()
    for line in lines[: rules.byline_reach]:
        for pattern in rules.bylines:
            match = pattern.search(line)
            if not match:
                continue
            try:
                day = date(int(match.group("year")), int(match.group("month")), int(match.group("day")))
            except ValueError:
                continue
            return Byline(match.group("outlet"), day.isoformat())
    return None
