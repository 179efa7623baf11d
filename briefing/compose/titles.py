"""The title of a brief, and the contents line of a news digest.

A digest of several articles has no title of its own: ingest takes its first headline, which names one
story of five. A reader needs to know what the brief is — which paper, which day — so a digest is titled
by its source and date, and its headlines are listed in a contents line. A report or an article keeps
its own title (ingest's `Document.title`, Markdown marks already out); its English comes from the
translation layer, else from what the metadata says for certain (issuer or outlet, the kind of report
or the genre, date), never from a guess at the words.
"""

from __future__ import annotations

from datetime import date

from babel.dates import format_date

from briefing.compose.realise import lcfirst, weakest
from briefing.compose.settings import settings
from briefing.ingest.genres import genre_name_en
from briefing.model import Bilingual, BriefSentence, Document, Translation

LOCALE_EN = "en"


def is_digest(document: Document) -> bool:
    return document.is_news and len(document.articles) > 1


def _date_zh(iso: str) -> str:
    day = date.fromisoformat(iso)
    return f"{day.year}年{day.month}月{day.day}日"


def _date_en(iso: str) -> str:
    return format_date(date.fromisoformat(iso), settings().document_titles.date_en, locale=LOCALE_EN)


def brief_title(document: Document, label, gist: Translation | None = None) -> Bilingual:
    """The brief's title in both languages; `label(zh)` is the translation layer's label lookup, `gist`
    a news article's headline gist (compose.headlines) for a title with no English of its own."""
    if is_digest(document):
        return _digest_title(document, label)
    en = label(document.title).en if document.title else ""
    if not en and gist is not None and gist.en:
        en = _article_title(document, label, gist.en)
    return Bilingual(document.title, en or _report_descriptor(document, label))


def _article_title(document: Document, label, gist: str) -> str:
    """Outlet, date and the headline's gist: People's Daily, 16 July 2025: <gist>."""
    words = settings().document_titles
    source = document.source or document.issuer
    source_en = label(source).en if source else ""
    when = _date_en(document.date) if document.date else ""
    lead = ", ".join(part for part in (source_en, when) if part)
    return words.article_en.format(lead=lead, gist=gist) if lead else gist


def _digest_title(document: Document, label) -> Bilingual:
    words = settings().document_titles
    source = document.source or document.issuer
    source_en = (label(source).en if source else "") or words.digest_source_en
    when_zh = _date_zh(document.date) if document.date else ""
    when_en = _date_en(document.date) if document.date else ""
    zh = words.digest_zh.format(source=source or words.digest_source_zh, date=when_zh).replace("（）", "")
    en = words.digest_en.format(source=source_en, date=when_en).strip().rstrip(",")
    return Bilingual(zh, en[:1].upper() + en[1:])


def _report_descriptor(document: Document, label) -> str:
    """Issuer, kind and date in English, as far as they are known (compose.toml `[document_titles]`)."""
    words = settings().document_titles
    kind = next((en for key, en in words.report_kinds.items() if key in document.title), "")
    kind = kind or genre_name_en(document.genre)
    issuer = label(document.issuer).en if document.issuer else ""
    if not (issuer or kind):
        return ""
    when = _date_en(document.date) if document.date else ""
    text = words.report_en.format(issuer=issuer, kind=kind or words.report_default_en, date=when)
    text = text.strip().strip(":,").strip()
    return text[:1].upper() + text[1:]


def contents_line(document: Document, translated: list[Translation]) -> BriefSentence:
    """本期摘编5篇报道：《…》《…》。 with its English: the headlines' English (or gists) when every one has
    some; those there are and how many lack English when some have; else the count alone (en_by
    "untranslated": what the articles are about is missing)."""
    words = settings().document_titles
    headlines = [a.headline for a in document.articles]
    zh = words.contents_zh.format(count=len(headlines), headlines="".join(f"《{h}》" for h in headlines))
    if translated and all(t.en for t in translated):
        en = words.contents_en.format(count=len(headlines), headlines="; ".join(t.en for t in translated))
        return BriefSentence(zh=zh, en=en, en_by=weakest([t.en_by for t in translated]))
    given = [t for t in translated if t.en]
    if given:
        missing = len(headlines) - len(given)
        wording = words.contents_en_partial_one if missing == 1 else words.contents_en_partial
        # a composed gist is a sentence of the brief's own: mid-sentence it starts lower-case
        listed = [lcfirst(t.en) if t.en_by == "composed" else t.en for t in given]
        en = wording.format(count=len(headlines), headlines="; ".join(listed), missing=missing)
        return BriefSentence(zh=zh, en=en, en_by=weakest([t.en_by for t in given]))
    en = words.contents_en_untranslated.format(count=len(headlines))
    return BriefSentence(zh=zh, en=en, en_by="untranslated")
