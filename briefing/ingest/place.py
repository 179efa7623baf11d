"""The place a document is about or issued by, as a full official name (河北省, 东城区, 全国).

A report is issued by a government: its issuer is its place. A news article is about a place: the one
its headline or kicker names, else the province its text names most (a digest: the province its
stories name most), or the whole country when the country's words outnumber the top province's several
times (a national paper's data news). News places are given at province level, the level a reader
files a national paper's story under; a story touring several provinces, none of them named in most
mentions, has no single place.
"""

from __future__ import annotations

from collections import Counter

from briefing.ingest.cleanup import Paragraph
from briefing.ingest.genres import genre_rules
from briefing.ingest.rules import rules as ingest_rules
from briefing.model import Document
from briefing.places import PREFECTURE, PROVINCE, division_of, find_places, gazetteer


def document_place(document: Document, front: list[str], paragraphs: list[Paragraph]) -> str:
    lex = gazetteer()
    if any(p.search(text) for text in front for p in ingest_rules().national_issuer):
        return lex.national
    if not document.is_news:
        return _report_place(document, front)
    titles = [line for article in document.articles for line in article.title_lines]
    for title in titles if document.genre == "news_article" else []:  # a digest's stories differ
        named = _provinces(title, short_levels=(PROVINCE,))
        if named:
            return named.most_common(1)[0][0]
    body = "\n".join(p.text for p in paragraphs)
    counts = _provinces(body)
    national = sum(body.count(cue) for cue in lex.national_cues)
    top = counts.most_common(1)[0] if counts else None
    if top is None or national >= genre_rules().national_factor * top[1]:
        return lex.national if national else ""
    return top[0] if top[1] >= genre_rules().place_share * counts.total() else ""


def _report_place(document: Document, front: list[str]) -> str:
    """A report's issuer as a full official name (广西 → 广西壮族自治区; of a chain 某市某区, the last
    unit; an unknown one as written), else
    the first place its title or source line names (某省统计局), else the country when they speak of it."""
    if document.issuer:
        division = division_of(document.issuer)
        if division:
            return division.name
        chain = find_places(document.issuer, short_levels=(PROVINCE,))  # 北京市朝阳区 → 朝阳区
        return chain[-1].division.name if chain else document.issuer
    for text in (document.title, document.source):
        found = find_places(text or "", short_levels=(PROVINCE,))
        if found:
            return found[0].division.name
    lex = gazetteer()
    if any(cue in text for text in (document.title, document.source, *front) for cue in lex.national_cues):
        return lex.national
    return ""


def _provinces(text: str, short_levels: tuple[str, ...] = (PROVINCE, PREFECTURE)) -> Counter[str]:
    """How often each province-level division is named, counting its cities and counties as it."""
    return Counter(m.division.province for m in find_places(text, short_levels=short_levels))
