"""Plain data passed between the pipeline stages (ingest → facts → translate → compose → charts → pdf → mail).

Each stage reads the records of the stage before it and returns new ones; no stage reaches back into
another stage's internals. Offsets always refer to `Document.text`, the source text as decoded, so a
reader can find the sentence a figure came from (DESIGN.md: `span`).

Every data class has a docstring: for one without, `dataclass` makes one with `inspect.signature`, which
every process pays for at import (~0.05 ms a class).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

THEMES: tuple[str, ...] = (
    "economy",
    "consumption_trade",
    "culture_tourism",
    "urban_renewal",
    "environment",
    "livelihood",
    "regional",
    "safety",
    "governance",
)

EN_BY = ("template", "glossary", "composed", "mt", "untranslated")

# Document genres (DESIGN.md, brief.json `document.genre`); cues live in data/genres.toml.
GENRES: tuple[str, ...] = (
    "government_work_report",
    "plan_execution_report",
    "news_article",
    "news_digest",
    "statistical_release",
    "other",
)
NEWS_GENRES = frozenset({"news_article", "news_digest"})

# What a section of a report does: review (results of a past period), problems, targets (expected
# targets of a coming period), plan (work arrangements). "" where no role is known.
ROLES: tuple[str, ...] = ("review", "problems", "targets", "plan")


@dataclass(frozen=True)
class Bilingual:
    """A text in Chinese and in English (title, figure, period) as a brief prints it."""

    zh: str
    en: str

    def to_json(self) -> dict[str, str]:
        return {"zh": self.zh, "en": self.en}


# ---------------------------------------------------------------- ingest


@dataclass
class Section:
    """A heading of the source (一、 / (一) / 1. / (1) …) and the text range it governs."""

    heading: str  # the heading line, stripped, exactly as in the source
    level: int  # 1 for 一、, 2 for (一), 3 for 1., 4 for (1)
    start: int  # offset of the heading line in Document.text
    end: int  # end of the governed range (next heading of the same or higher level, or end of text)
    parent: int | None = None  # index into Document.sections
    role: str = ""  # one of ROLES, inherited from the parent when the heading itself says nothing
    period: str = ""  # period its text speaks of, in the fact vocabulary ("2025", "14th-FYP", "target-2026")


@dataclass
class Article:
    """One article of a news digest: its title block, byline and body range."""

    headline: str  # first line of the title block, stripped (exact line of the source)
    start: int
    end: int
    title_lines: list[str] = field(default_factory=list)  # every line of the title block (kicker, title)
    byline: str = ""  # e.g. 本报讯（记者 盛丽）


@dataclass
class Sentence:
    """A sentence of the cleaned text with the way back to the source.

    `text` may differ from the source where ingest re-joined a line broken mid-word; `offsets[i]` is the
    source offset of `text[i]`, so any substring of `text` maps back to a span of `Document.text`.
    """

    index: int
    text: str
    start: int  # source offset of text[0]
    end: int  # source offset just past text[-1]
    offsets: list[int]
    section: int | None = None  # index into Document.sections of the innermost governing heading
    article: int | None = None  # index into Document.articles
    is_heading: bool = False  # a heading, headline or kicker line rather than body text
    role: str = ""  # role of the governing section (ROLES), "" where none is known
    period: str = ""  # period in force at this sentence (section period, or one set by a lead sentence)

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Source span of `text[start:end]`."""
        return self.offsets[start], self.offsets[end - 1] + 1


@dataclass
class Document:
    """A source as ingest read it: its text, what it says of itself, and its sections and sentences."""

    doc: str  # file stem, e.g. 004_976266724e1df7b4; "stdin" for `-`
    path: str  # as given on the command line
    text: str  # the source text as decoded; every offset refers to it
    title: str = ""  # the document's own title as written (no Markdown marks); "" where it has none
    date: str | None = None  # ISO date (YYYY-MM-DD) the document states for itself, when known
    issuer: str = ""  # issuing body or outlet, e.g. 东城区 / 北京日报
    source: str = ""  # the 来源 line or site name, as written
    genre: str = "other"  # one of GENRES
    place: str = ""  # the place the document is about or issued by (河北省, 东城区, 全国), "" if unknown
    encoding: str = "utf-8"
    sections: list[Section] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)

    @property
    def is_news(self) -> bool:
        return self.genre in NEWS_GENRES

    def metadata(self) -> dict[str, Any]:
        """The `document` object of brief.json (DESIGN.md)."""
        return {
            "genre": self.genre,
            "title_zh": self.title or None,
            "date": self.date,
            "place": self.place or None,
            "articles": [a.headline for a in self.articles],
        }

    @property
    def year(self) -> int | None:
        return int(self.date[:4]) if self.date else None

    def heading_of(self, sentence: Sentence) -> str:
        """The line a reader would cite as the sentence's place: section heading or article headline."""
        if sentence.article is not None:
            return self.articles[sentence.article].headline
        if sentence.section is not None:
            return self.sections[sentence.section].heading
        return ""


# ---------------------------------------------------------------- facts


@dataclass(frozen=True)
class Confidence:
    """How sure the extractor is of the fields a brief may state (DESIGN.md `confidence`), each 0..1."""

    period: float = 1.0
    kind: float = 1.0  # target or result, and what is measured
    geo: float = 1.0

    def to_json(self) -> dict[str, float]:
        return {"period": self.period, "kind": self.kind, "geo": self.geo}


@dataclass
class Fact:
    """One quantitative fact, in the record of DESIGN.md (the gold schema plus `span` and `id`).

    facts/__init__.py `_fact` builds it with positional arguments (about 0.6 µs a figure less than
    keywords): a field added or moved here must be added or moved there, in the same order;
    tests/test_facts_extract.py checks every field holds its own value."""

    doc: str
    id: str  # "<doc>#<n>", stable within a run
    raw: str  # the quantity as written, with qualifier words and unit
    span: tuple[int, int]  # [start, end) of raw in Document.text
    sentence: str  # the sentence holding raw (cleaned text)
    value: Decimal  # in base units: 万/亿 multiplied out, percent stays percent
    unit: str  # unit token (gold README)
    measure_word: str = ""
    qualifier: str = "exact"  # exact | over | about | nearly | at_least | at_most
    indicator_zh: str = ""
    indicator_en: str = ""
    indicator_en_by: str = ""  # termbase | composed | dictionary | mt, "" where there is no English label
    period: str = "unspecified"
    kind: str = "level"  # level | change_pct | change_abs | share | rank | target | multiple
    direction: str | None = None  # up | down | None
    geo: str = ""
    theme: str = ""
    article: str = ""  # heading or headline line the fact sits under
    value_max: Decimal | None = None  # upper end of a range (3-5 → value 3, value_max 5)
    confidence: Confidence = field(default_factory=Confidence)
    sentence_index: int = -1  # index into Document.sentences

    @property
    def certainty(self) -> float:
        """The least sure of the fields a brief may state: what a reader can trust of the fact as a whole."""
        return min(self.confidence.period, self.confidence.kind, self.confidence.geo)

    def to_record(self) -> dict[str, Any]:
        record: dict[str, Any] = {
            "doc": self.doc,
            "id": self.id,
            "raw": self.raw,
            "span": list(self.span),
            "sentence": self.sentence,
            "value": decimal_to_json(self.value),
            "unit": self.unit,
            "measure_word": self.measure_word,
            "qualifier": self.qualifier,
            "indicator_zh": self.indicator_zh,
            "indicator_en": self.indicator_en,
            **({"indicator_en_by": self.indicator_en_by} if self.indicator_en_by else {}),
            "period": self.period,
            "kind": self.kind,
            "direction": self.direction,
            "geo": self.geo,
            "theme": self.theme,
            "article": self.article,
        }
        if self.value_max is not None:
            record["value_max"] = decimal_to_json(self.value_max)
        record["confidence"] = self.confidence.to_json()
        return record


def decimal_to_json(value: Decimal) -> int | float:
    """JSON number for a Decimal: an int when integral, so 2.166e10 prints as 21660000000."""
    if value == value.to_integral_value():
        return int(value)
    return float(value)


# ---------------------------------------------------------------- translate


@dataclass(frozen=True)
class Translation:
    """English for a Chinese text and how it was made."""

    en: str
    en_by: str  # one of EN_BY


# ---------------------------------------------------------------- compose


@dataclass
class BriefSentence:
    """A sentence of a brief in both languages, with the facts it states."""

    zh: str
    en: str
    facts: list[str] = field(default_factory=list)  # ids of every fact the sentence states
    en_by: str = "template"
    citations: list[int] = field(default_factory=list)  # numbers of Brief.citations it cites

    def to_json(self) -> dict[str, Any]:
        return {"zh": self.zh, "en": self.en, "facts": self.facts, "en_by": self.en_by}


@dataclass(frozen=True)
class BriefSection:
    """A section of a brief: summary, a theme, targets or risks."""

    id: str  # "summary", a theme id, "targets", "risks"
    title: Bilingual
    sentences: list[BriefSentence] = field(default_factory=list)
    kind: str = "theme"  # summary | theme | targets | risks
    chart: Any = None  # compose.chartspec.Chart the composer chose for this section, or None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "title": self.title.to_json(),
            "sentences": [s.to_json() for s in self.sentences],
        }


@dataclass(frozen=True)
class KeyFigure:
    """A headline figure of a brief, with its change and period, citing its source sentence."""

    fact_id: str
    indicator: Bilingual
    value: Bilingual  # e.g. 216.6亿元 / CNY 21.66 billion
    change: Bilingual | None  # e.g. 同比增长5.2% / up 5.2% year on year
    period: Bilingual
    theme: str
    citation: int  # number in Brief.citations


@dataclass(frozen=True)
class Citation:
    """A source sentence the brief cites, quoted in the sources appendix."""

    number: int
    doc: str
    sentence: str
    span: tuple[int, int]  # of the sentence in the source text
    heading: str = ""


@dataclass(frozen=True)
class Brief:
    """A composed bilingual brief of one source: what the PDF and brief.json are made of."""

    doc: str
    title: Bilingual
    issuer: Bilingual
    date: str | None
    source_path: str
    sections: list[BriefSection] = field(default_factory=list)
    key_figures: list[KeyFigure] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)  # every fact the brief states
    document: dict[str, Any] = field(default_factory=dict)  # Document.metadata() of the source

    def to_json(self) -> dict[str, Any]:
        return {
            "doc": self.doc,
            "title": self.title.to_json(),
            "document": self.document,
            "issuer": self.issuer.to_json(),
            "date": self.date,
            "source": self.source_path,
            "sections": [s.to_json() for s in self.sections],
            "key_figures": [
                {
                    "fact": k.fact_id,
                    "indicator": k.indicator.to_json(),
                    "value": k.value.to_json(),
                    "change": k.change.to_json() if k.change else None,
                    "period": k.period.to_json(),
                    "theme": k.theme,
                    "citation": k.citation,
                }
                for k in self.key_figures
            ],
            "citations": [
                {"number": c.number, "doc": c.doc, "sentence": c.sentence, "span": list(c.span)}
                for c in self.citations
            ],
        }


@dataclass(frozen=True)
class ThemeBrief:
    """Material for a one-page brief on one theme over every source of a run."""

    theme: str
    title: Bilingual
    kpis: list[KeyFigure] = field(default_factory=list)  # best first
    bullets: list[BriefSentence] = field(default_factory=list)  # best first
    facts: list[Fact] = field(default_factory=list)  # chart material, best first
    sources: list[Bilingual] = field(default_factory=list)  # one per document, with its date
    citations: list[Citation] = field(default_factory=list)
    chart: Any = None  # compose.chartspec.Chart chosen for the page, or None
