"""Read the layout of a cleaned text: title, date, issuer and source, numbered headings, news articles.

Everything here is decided from layout cues (line length, end marks, heading markers, news leads and
`label: value` lines), never from the wording of a particular document, so that unseen reports and
digests of the same genres come out the same way.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date
from itertools import pairwise

from briefing import regex_cache
from briefing.boundaries import SENTENCE_ENDS
from briefing.ingest.cleanup import Line, Paragraph
from briefing.ingest.extracted import Hints
from briefing.ingest.genres import genre_of, newspaper_byline, report_kind
from briefing.ingest.markdown import HEADING as MD_HEADING
from briefing.ingest.markdown import STRONG as MD_STRONG
from briefing.ingest.place import document_place
from briefing.ingest.rules import Rules, fold_spaces
from briefing.ingest.sentences import Sentences
from briefing.model import Article, Document, Section

_TITLE_REACH = 4
"""How many opening title-like lines may stand above a report's own title (paper name, column label)."""

_DATELINE_REACH = 16
"""How far past the byline a lead's dateline may sit (2025年12月17日 and a blank or two)."""

_END_MARK = regex_cache.compile(f"[{re.escape(SENTENCE_ENDS)}]")

BODY, HEADING, INLINE_HEADING, TITLE, LEAD = "body", "heading", "inline heading", "title", "lead"
"""Roles of a paragraph: body text, numbered heading line, body opening with a numbered heading sentence,
short title-like line, news lead with a byline."""


def describe(
    document: Document,
    lines: list[Line],
    paragraphs: list[Paragraph],
    sentences: list[Sentences],
    hints: Hints,
    rules: Rules,
) -> list[int]:
    """Fill the document's genre, title, date, issuer, source, place, sections and articles.

    `sentences` holds each paragraph's sentences as `cut` gives them. Returns, for each paragraph, how
    many of its leading characters are heading text (a heading, headline, kicker or the document title:
    the whole paragraph; an inline heading: its first sentence; body text: none).
    """
    classified = [_classify(p, cut, rules) for p, cut in zip(paragraphs, sentences, strict=True)]
    roles = [role for role, _ in classified]
    headings = [heading for _, heading in classified]
    leads = [i for i, role in enumerate(roles) if role == LEAD]
    bylines = [line for line in lines if line.meta and rules.is_byline(line.text)]
    byline = newspaper_byline([line.text for line in bylines])
    document.sections = _sections(document.text, paragraphs, headings, rules)
    headlines = _markdown_headlines(paragraphs, roles)
    front = _front_matter(paragraphs, roles)
    first = hints.title or (paragraphs[headlines[0]].text if headlines else _first_line(paragraphs, rules))
    if not hints.title and not headlines:  # a paper's name or a column label may stand above the title
        first = next((line for line in front[:_TITLE_REACH] if report_kind(line)), first)
    kind = report_kind(first)
    if kind is not None and not kind.after_news:
        news = False
    elif headlines:
        news = bool(byline or leads) or len(headlines) > 1
    else:
        blocks = _title_blocks(roles)
        news = bool(byline or leads) or sum(1 for a, b in blocks if b > a) >= 2
    if news and bylines:
        document.articles = _byline_articles(document.text, paragraphs, roles, bylines)
    if news and headlines and not document.articles:
        document.articles = _markdown_articles(document.text, lines, paragraphs, headlines)
    elif news and not document.articles:
        document.articles = _articles(document.text, paragraphs, roles, _title_blocks(roles), rules)
    document.genre = genre_of(first, news, len(document.articles))
    document.title = _own_title(document, first, paragraphs)
    document.source = _meta_value(lines, rules.source_labels, rules) or hints.source
    outlet = byline.outlet if byline else ""
    document.issuer = (outlet if news else "") or next(
        (found for text in (first, *front, document.source) if (found := _issuer(text, rules))), outlet
    )
    document.date = (
        next((day for text in front if (day := _iso_date(text, rules.delivered_date))), None)
        or _meta_date(lines, rules)
        or (byline.date if byline else None)
        or hints.date
        or _lead_date(document.text, paragraphs, leads, rules)
        or next((day for text in front if (day := _iso_date(text, rules.full_date))), None)
    )
    document.place = document_place(document, [first, *front], paragraphs)
    return [
        len(p.text) if role == TITLE else len(heading)
        for p, role, heading in zip(paragraphs, roles, headings, strict=True)
    ]


def _classify(paragraph: Paragraph, sentences: Sentences, rules: Rules) -> tuple[str, str]:
    """The paragraph's role and the numbered heading it is or opens with ("" for none).

    A numbered heading is a short line of one sentence that opens with a marker, or (for the markers
    allowed inline) the short first sentence of a longer line. Re-joined paragraphs are body text.
    """
    text = paragraph.text
    if len(paragraph.lines) > 1:
        return BODY, ""
    if paragraph.lines[0].block in (MD_HEADING, MD_STRONG):  # a Markdown heading or bold sub-head
        numbered = len(text) <= rules.heading_max_chars and rules.opens_with_marker(text)
        return (HEADING, text) if numbered else (TITLE, "")
    first = sentences[0][0]
    if len(first) <= rules.heading_max_chars and rules.opens_with_marker(text):
        if first == text:
            return HEADING, text
        if rules.opens_with_marker(text, inline=True):
            return INLINE_HEADING, first
    if rules.opens_with_lead(text):
        return LEAD, ""
    if rules.is_title_like(text):
        return TITLE, ""
    return BODY, ""


def _title_blocks(roles: list[str]) -> list[tuple[int, int]]:
    """(first, last) paragraph index of every run of title-like lines."""
    blocks: list[tuple[int, int]] = []
    for i, role in enumerate(roles):
        if role != TITLE:
            continue
        if blocks and blocks[-1][1] == i - 1:
            blocks[-1] = (blocks[-1][0], i)
        else:
            blocks.append((i, i))
    return blocks


def _sections(text: str, paragraphs: list[Paragraph], headings: list[str], rules: Rules) -> list[Section]:
    """A section per numbered heading: it governs the text up to the next heading of its level or a
    higher one (a lower number), and its parent is the last heading of a higher level before it.

    Read in one pass with the sections still open (their levels rising): a heading closes every open
    section of its level or a lower one, and the one left open above them is its parent. A report of
    n headings costs n steps, not n² (each heading looking through all the others)."""
    sections: list[Section] = []
    still_open: list[int] = []  # indexes into `sections`, levels strictly rising
    for paragraph, heading in zip(paragraphs, headings, strict=True):
        if not heading:
            continue
        level = rules.marker_level(heading) or 0
        while still_open and sections[still_open[-1]].level >= level:
            sections[still_open.pop()].end = paragraph.start
        parent = still_open[-1] if still_open else None
        still_open.append(len(sections))
        sections.append(Section(heading, level, paragraph.start, len(text), parent))
    return sections


def _articles(
    text: str, paragraphs: list[Paragraph], roles: list[str], blocks: list[tuple[int, int]], rules: Rules
) -> list[Article]:
    """Articles of a news digest, one per title block that opens a body.

    A title block opens an article when a news lead follows it, or when it has a kicker and a main
    title (two lines or more) and body text follows. A single short line followed by body text is a
    sub-heading inside the current article.
    """
    articles: list[Article] = []
    for first, last in blocks:
        after = roles[last + 1] if last + 1 < len(roles) else None
        if after == LEAD or (after == BODY and last > first):
            lines = [p.text for p in paragraphs[first : last + 1]]
            byline = rules.lead_byline(paragraphs[last + 1].text) if after == LEAD else None
            articles.append(Article(lines[0], paragraphs[first].start, len(text), lines, byline or ""))
    for article, following in pairwise(articles):
        article.end = following.start
    return articles


def _own_title(document: Document, first: str, paragraphs: list[Paragraph]) -> str:
    """The document's own title: a report's first line, an article's headline (in plain text, the last
    line of its title block: a kicker comes before the title); a digest has none."""
    if document.genre == "news_digest":
        return ""
    if document.genre == "news_article" and document.articles:
        article = document.articles[0]
        markdown = any(line.markdown for p in paragraphs for line in p.lines[:1])
        return article.headline if markdown or not article.title_lines else article.title_lines[-1]
    return first


def _markdown_headlines(paragraphs: list[Paragraph], roles: list[str]) -> list[int]:
    """Indexes of the Markdown headings at the top level the text uses (`#` where there is one) that
    are titles rather than numbered section headings: the headlines of its articles."""
    titled = [i for i, p in enumerate(paragraphs) if p.lines[0].block == MD_HEADING and roles[i] == TITLE]
    if not titled:
        return []
    top = min(paragraphs[i].lines[0].level for i in titled)
    return [i for i in titled if paragraphs[i].lines[0].level == top]


def _markdown_articles(
    text: str, lines: list[Line], paragraphs: list[Paragraph], headlines: list[int]
) -> list[Article]:
    """One article per top-level Markdown headline; the lower headings right before it are its kicker
    (`### 引题` then `# 主题`), the byline line after it (a quote) its byline."""
    articles: list[Article] = []
    for n, i in enumerate(headlines):
        first = i
        while first > 0 and first - 1 not in headlines and paragraphs[first - 1].lines[0].block == MD_HEADING:
            first -= 1
        if articles and first <= headlines[n - 1]:
            first = i
        title_lines = [p.text for p in paragraphs[first : i + 1]]
        start = paragraphs[first].start
        following = headlines[n + 1] if n + 1 < len(headlines) else None
        until = paragraphs[following].start if following is not None else len(text)
        byline = next((line.text for line in lines if line.meta and start < line.start < until), "")
        articles.append(Article(paragraphs[i].text, start, len(text), title_lines, byline))
    for article, following_article in pairwise(articles):
        article.end = following_article.start
    return articles


def _byline_articles(
    text: str, paragraphs: list[Paragraph], roles: list[str], bylines: list[Line]
) -> list[Article]:
    """One article per newspaper byline (本报记者 张三《某某日报》（2025年07月16日第 4 版）): an edition
    byline belongs to one article, whose title block is the run of title lines right above it. Short
    lines further down (sub-heads) stay inside it. The headline is the block's largest Markdown heading
    (`#` under a `###` kicker), else, in plain text, the block's first line."""
    articles: list[Article] = []
    for byline in bylines:
        last = max((i for i, p in enumerate(paragraphs) if p.end <= byline.start), default=None)
        if last is None or roles[last] != TITLE:
            continue
        first = last
        while first > 0 and roles[first - 1] == TITLE:
            first -= 1
        block = paragraphs[first : last + 1]
        headings = [p for p in block if p.lines[0].block == MD_HEADING]
        headline = min(headings, key=lambda p: p.lines[0].level) if headings else block[0]
        title_lines = [p.text for p in block]
        articles.append(Article(headline.text, block[0].start, len(text), title_lines, byline.text))
    for article, following in pairwise(articles):
        article.end = following.start
    return articles


def _first_line(paragraphs: list[Paragraph], rules: Rules) -> str:
    """The first substantive line (chrome and metadata lines are already out); when it is body text
    rather than a title, its first sentence."""
    if not paragraphs:
        return ""
    line = paragraphs[0].lines[0].text
    if len(line) <= rules.title_max_chars:
        return line
    end = _END_MARK.search(line)
    return line[: end.start() + 1 if end else len(line) + 1]


def _meta_pairs(lines: list[Line], rules: Rules) -> list[tuple[str, str]]:
    return [
        (m.group("label"), m.group("value"))
        for line in lines
        if line.meta
        for m in rules.meta_pair.finditer(fold_spaces(line.text))
    ]


def _meta_value(lines: list[Line], labels: frozenset[str], rules: Rules) -> str:
    return next((value for label, value in _meta_pairs(lines, rules) if label in labels and value), "")


def _meta_date(lines: list[Line], rules: Rules) -> str | None:
    return _iso_date(_meta_value(lines, rules.date_labels, rules), rules.full_date)


def _iso_date(text: str, pattern: re.Pattern[str], year: int | None = None) -> str | None:
    match = pattern.search(text)
    if not match:
        return None
    found_year = int(match.group("year") or year or 0)
    try:
        return date(found_year, int(match.group("month")), int(match.group("day"))).isoformat()
    except ValueError:
        return None


def _lead_date(text: str, paragraphs: list[Paragraph], leads: list[int], rules: Rules) -> str | None:
    """The dateline in or right after the byline of the first lead that has one (新华社北京3月5日电,
    本报讯（记者 盛丽）12月17日); a dateline without a year takes the year the text mentions most (the
    latest on a tie). An edition date in a byline, when there is one, has already dated the document."""
    datelines = (paragraphs[i].text[: _dateline_end(paragraphs[i].text, rules)] for i in leads)
    match = next((found for dateline in datelines if (found := rules.lead_date.search(dateline))), None)
    if not match:
        return None
    year = _usual_year(text, rules)
    if not match.group("year") and year is None:
        return None
    return _iso_date(match.group(), rules.lead_date, year)


def _dateline_end(lead: str, rules: Rules) -> int:
    return len(rules.lead_byline(lead) or "") + _DATELINE_REACH


def _usual_year(text: str, rules: Rules) -> int | None:
    counts = Counter(int(m.group("year")) for m in rules.year.finditer(text))
    if not counts:
        return None
    return max(counts, key=lambda y: (counts[y], y))


def _front_matter(paragraphs: list[Paragraph], roles: list[str]) -> list[str]:
    """The short lines that open a document before its first body text or heading (title, date line)."""
    front = []
    for paragraph, role in zip(paragraphs, roles, strict=True):
        if role != TITLE:
            break
        front.append(paragraph.text)
    return front


def _issuer(title: str, rules: Rules) -> str:
    for pattern in rules.issuer_patterns:
        match = pattern.search(title)
        if match:
            return match.group("issuer")
    return ""


def report_years(document: Document, rules: Rules) -> int | None:
    """A report's own year: the year its title names (2026年…政府工作报告, 关于2025年…计划执行情况的
    报告), else the year of its date, else the year its text names most."""
    match = rules.year.search(document.title)
    if match:
        return int(match.group("year"))
    if document.date:
        return int(document.date[:4])
    return _usual_year(document.text, rules)
