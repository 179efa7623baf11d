"""What a fact is about: its place (geo), theme and a short indicator label, read from the sentence, its
paragraph and the headings above it; and the document-wide context (year, default place, default period).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache

import ahocorasick_rs

from briefing import regex_cache
from briefing.facts.analysis import Default, SentenceAnalysis, SentenceThemes
from briefing.facts.classify import LEAD, opening_period
from briefing.facts.classify import resolve as resolve_period
from briefing.facts.lexicon import Marker, load_themes, periods, places
from briefing.facts.places import contains, gazetteer, resolve
from briefing.facts.quantities import Mention, clause_start
from briefing.facts.tables import compiled
from briefing.model import Document, Sentence

YEAR = regex_cache.compile(r"((?:19|20)\d{2})年")
BYLINE = regex_cache.compile(
    r"^(?:本报讯|本报[^（(，,]{0,12}电|新华社[^（(]*电|[^（(]{0,12}讯)?\s*[（(][^）)]{0,30}[）)]\s*"
)
"""本报讯（记者 …）, 本报南宁1月19日电（记者 …）: where the reporter writes from, not what the text is
about."""
OPENER_WORDS = ("同时", "此外", "另外", "其中", "据了解", "据统计")
OPENERS = regex_cache.compile(f"^(?:{'|'.join(OPENER_WORDS)})[，,]")
ENUMERATED = r"[\u4e00-\u9fff]{0,4}(?:、[\u4e00-\u9fff]{1,10}?)*等"
"""朝阳、海淀等30处: places listed as examples of what is counted (compiled on first use, tables.compiled:
its two CJK classes cost ~1.4 ms to compile, and a text naming no place before a figure never asks)."""
NATIONAL_LEAD = regex_cache.compile(r"(?:其中|同期|当月|[^，,；;。]{0,6}(?:年|月|季度|以来)[，,]?)?")
"""全国 is the subject only where it opens its clause, after at most a time word (上半年全国居民…), not
inside a phrase (联合全国7家…, 全国双拥模范城)."""
CLAUSE_END = regex_cache.compile(r"[，,；;。！？!?]")
Hit = tuple[int, int, str]
"""(start, end, text) of a place found in a text."""


def strip_byline(text: str) -> str:
    """`text` without the byline or dateline opening it. Every byline holds a bracket: most texts have
    none, and are returned without trying the pattern."""
    return BYLINE.sub("", text) if "（" in text or "(" in text else text


def _without_lead(text: str) -> str:
    """`text` without its byline and a connective opening it (同时，… / 据统计，…)."""
    text = strip_byline(text)
    return OPENERS.sub("", text) if text.startswith(OPENER_WORDS) else text


@dataclass
class DocContext:
    """Per-document facts every mention needs: year, default place, and per-sentence structure."""

    document: Document
    year: int | None
    home: str  # default geo
    home_evidence: str  # what the home was read from (data/confidence.toml [geo])
    home_forms: tuple[str, ...] = ()  # the ways the text writes its home (河北省, 河北)
    paragraph_of: list[int] = field(default_factory=list)  # sentence index → paragraph number
    paragraph_first: dict[int, int] = field(default_factory=dict)  # paragraph number → first sentence
    block_period: list[str | None] = field(default_factory=list)  # period opening the passage, or None
    defaults: list[Default] = field(default_factory=list)
    passage_place: list[str | None] = field(default_factory=list)  # place a sub-heading above names
    # results shared by the facts of a document, each found once
    first_places: dict[tuple[str, int | None], str] = field(default_factory=dict)  # see _first_place
    partners: dict[str, bool] = field(default_factory=dict)  # place → whether it pulls to `regional`
    surroundings: dict[tuple, dict[str, float]] = field(default_factory=dict)  # see _shared_surroundings
    part_scores: dict[tuple, dict[str, float]] = field(default_factory=dict)  # see _part_scores

    def analyse(self, sentence: Sentence, mentions: list[Mention]) -> SentenceAnalysis:
        """The structure of a sentence holding `mentions`, computed once for all of them."""
        text = sentence.text
        index = sentence.index
        byline = 0
        if "（" in text or "(" in text:  # every byline holds a bracket: most sentences are not tried
            lead = BYLINE.match(text)
            byline = lead.end() if lead else 0
        stop = CLAUSE_END.search(text, byline)
        analysis = SentenceAnalysis(
            sentence,
            text,
            self.paragraph_of[index],
            self.defaults[index],
            self.block_period[index],
            [],
            byline,
            stop.end() if stop else len(text),
            self.document.heading_of(sentence),
            # every field of every figure asks for its number's clause: found here, once a figure
            clause_at={m.number_start: clause_start(text, m.number_start) for m in mentions},
        )
        found = self._places_near(analysis, mentions)
        if found:  # most sentences name no place near a figure
            analysis.places = _subjects(text, found, self.home)
        return analysis

    def _places_near(self, analysis: SentenceAnalysis, mentions: list[Mention]) -> list[Hit]:
        """Places in the sentence's opening clause and in the clauses of its figures: nowhere else can
        a figure's place be named. A span is read only where a place name may start in it (half the
        sentences holding figures name no place at all)."""
        text = analysis.text
        starts = gazetteer().index.starts_of(text)
        if not starts:
            return []
        found: list[Hit] = []
        reach = 0
        clause_at = analysis.clause_at
        spans = [(analysis.byline_end, analysis.subject_end)] + [
            (clause_at[m.number_start], m.number_start) for m in mentions
        ]
        for low, high in spans:
            low = max(low, reach)
            if low < high:
                first = bisect_left(starts, low)
                if first < len(starts) and starts[first] + 2 <= high:  # a name's first two characters fit
                    found += _places_in(text, self.home, (low, high), starts)
                reach = high
        return found


def document_context(document: Document) -> DocContext:
    ctx = DocContext(document, _year(document), *_home(document))
    ctx.home_forms = gazetteer().forms_of(ctx.home)
    text, year = document.text, ctx.year
    paragraph_of, paragraph_first, defaults = ctx.paragraph_of, ctx.paragraph_first, ctx.defaults
    by_section: dict[int | None, Default] = {}
    paragraph = -1
    end = 0  # end of the sentence before
    after_heading = True  # the first sentence opens a paragraph, as one after a heading does
    for sentence in document.sentences:
        heading = sentence.is_heading
        if after_heading or heading or text.find("\n", end, sentence.start) >= 0:  # a line between
            paragraph += 1
            paragraph_first[paragraph] = sentence.index
        paragraph_of.append(paragraph)
        default = by_section.get(sentence.section)
        if default is None:
            default = by_section[sentence.section] = _default(document, sentence, year)
        defaults.append(default)
        end, after_heading = sentence.end, heading
    _blocks(ctx)
    _passage_places(ctx)
    return ctx


def _year(document: Document) -> int | None:
    """The document's year: its date, else a year in its title, else the year its text names most."""
    if document.year:
        return document.year
    found = YEAR.search(document.title or "")
    if found:
        return int(found.group(1))
    counts = Counter(int(y) for y in YEAR.findall(document.text[:200_000]))
    return max(counts, key=lambda y: (counts[y], y)) if counts else None


HOME_WINDOW = 5000
"""Characters of the text read to find the place a document without one in its heads speaks of most."""


def _home(document: Document) -> tuple[str, str]:
    """Default geo and what it was read from: the document's place (ingest), else the issuer when it is a
    place (东城区), else the first place its title or headline names (广西连续五年…), else the place its text
    names most, unless it speaks of the whole country more (全国…, 我国…, 国家统计局发布…) or another place
    about as often."""
    if document.place:
        return document.place, "stated"
    lex = places()
    heads = [("stated", document.issuer), ("title", document.title)]
    if document.articles:
        heads += [("title", line) for line in document.articles[0].title_lines]
    for evidence, text in heads:
        found = [name for _, _, name in _places_in(text or "", "") if name != lex.national]
        if found:
            return found[0], evidence
    text = document.text[:HOME_WINDOW]
    named = Counter(name for _, _, name in _places_in(text, "") if name != lex.national)
    national = len(lex.national_cues.findall(text))
    ranked = [*named.most_common(2), ("", 0), ("", 0)]
    if ranked[0][1] > national and ranked[0][1] >= 2 * ranked[1][1]:
        return ranked[0][0], "text"
    return lex.national, "text"  # national news, or a tour of several places none of which leads


def _blocks(ctx: DocContext) -> None:
    """A time marker leading a paragraph (“十四五”期间，… / 过去五年，… / 刚刚过去的2025年，…) sets the period
    of the passage from there up to the next heading or the next paragraph that names its own (in news, a
    look back to an earlier year dates its paragraph only); one opening a later sentence of a paragraph
    (6月份，…) dates the rest of that paragraph."""
    block: str | None = None
    local: str | None = None  # set by a sentence opening with a time word inside a paragraph (6月份，…)
    leading: int | None = None  # the paragraph right after a heading: each of its sentences may lead
    last = -1  # paragraph of the body sentence before (paragraphs are numbered in order: a new number
    # is a paragraph not seen yet)
    headed: list[int] = []  # headings waiting for the passage below them
    year, paragraph_of, found = ctx.year, ctx.paragraph_of, ctx.block_period
    for sentence in ctx.document.sentences:
        if sentence.is_heading:
            block, local, leading = None, None, None
            headed.append(len(found))
            found.append(None)
            continue
        paragraph = paragraph_of[sentence.index]
        if leading is None:
            leading = paragraph
        text = sentence.text
        if "（" in text or "(" in text or text.startswith(OPENER_WORDS):  # else no lead to take off
            text = _without_lead(text)
        if paragraph != last or paragraph == leading:
            # a time word near the start of a paragraph's first sentence leads the paragraph; in the
            # paragraph below a heading, one opening a later sentence leads too
            lead = opening_period(text, year, LEAD if paragraph != last else 0)
            if lead and _told_back(ctx, lead):  # 去年底，…开建: a story's look back ends with its paragraph
                local = lead
            else:
                block, local = lead or block, None
            last = paragraph
        else:  # a time word opening a later sentence dates the rest of its paragraph (…；其中，…)
            local = opening_period(text, year) or local
        found.append(local or block)
        if headed:  # a heading takes the period opening the passage it heads (12处遗产点位 → 过去五年)
            for at in headed:
                found[at] = found[-1]
            headed.clear()


CITY_LEVELS = ("prefecture", "province")


def _told_back(ctx: DocContext, period: str) -> bool:
    """A news story stepping back to a year before its own (去年底, 2011年): history, not the story's time."""
    found = YEAR_TOKEN.match(period)
    earlier = found is not None and ctx.year is not None and int(found.group()) < ctx.year
    return ctx.document.is_news and earlier


YEAR_TOKEN = regex_cache.compile(r"(?:19|20)\d{2}(?=$|-\d)")
RANK_SUBJECT = 4
"""A ranked place opens the rank's clause (长春…跃上…首位): its name ends within this many characters."""
HEADING_PLACE_AT = 2
"""A sub-heading places the text below only when it opens with the place (山东青岛市市北区…桥下), not when
it names one in passing (（一）…推进京津冀协同发展)."""


def _passage_places(ctx: DocContext) -> None:
    """A sub-heading that names a place (上海市苏州河中环立交桥下) places the text below it, up to the next
    heading that names another or the next article."""
    national, home = places().national, ctx.home
    index = gazetteer().index
    current: str | None = None
    article: int | None = None
    append = ctx.passage_place.append
    for sentence in ctx.document.sentences:
        if sentence.article != article:
            current, article = None, sentence.article
        if sentence.is_heading:
            starts = index.starts_of(sentence.text)
            if starts and starts[0] <= HEADING_PLACE_AT:  # else no place can open it
                named = [
                    (s, name)
                    for s, _, name in _places_in(sentence.text, home, None, starts)
                    if name != national
                ]
                if named and named[0][0] <= HEADING_PLACE_AT:
                    current = named[0][1]
        elif current and current != home and _level(current) in CITY_LEVELS:
            # 位于长宁区…: the district of a city a passage away from home (上海市长宁区)
            districts = [
                name
                for _, _, name in _places_in(sentence.text, home)
                if _level(name) == "county" and contains(current, name)
            ]
            if districts:  # a city's district goes by both names, a county by its own (共和县)
                current = current + districts[0] if districts[0].endswith("区") else districts[0]
        append(current)


def _default(document: Document, sentence: Sentence, year: int | None) -> Default:
    """Role and period default of a sentence: the ones ingest gave its section, else read from the headings
    above it (innermost first), then from the report title."""
    if sentence.role or sentence.period:
        return Default(sentence.period or "unspecified", sentence.role, explicit=bool(sentence.period))
    headings: list[str] = []
    index = sentence.section
    while index is not None and 0 <= index < len(document.sections):
        headings.append(document.sections[index].heading)
        index = document.sections[index].parent
    if not document.is_news:
        headings.append(document.title)
    for heading in headings:
        for rule in periods().defaults:
            match = rule.pattern.search(heading)
            if match:
                return Default(_fill(rule.period, match, year), rule.role, explicit=True)
    return Default()


def _fill(period: str, match: re.Match[str], year: int | None) -> str:
    marker = Marker(match.re, period, "sentence", False)
    return resolve_period(marker, match, year)


# ---------------------------------------------------------------- geo


STREET = regex_cache.compile(r"[路街道桥线山]")
"""A place name followed by one of these names a street or a mountain (通惠河北路, 长白山), not the place."""
PORT = "港"
"""天津港: a figure about a port is about the port, not its city."""


def _places_in(
    text: str, home: str, within: tuple[int, int] | None = None, starts: list[int] | None = None
) -> list[Hit]:
    """(start, end, canonical name) of the places `text` names, read as a document about `home` reads them.
    A district written after its city is named with it (青岛市市北区); a city after its province alone.
    `within` (low, high) reads that part of `text` as if it were the whole text, `starts` are the place
    starts of `text` when known (Gazetteer.find)."""
    high = len(text) if within is None else within[1]
    found: list[Hit] = []
    for start, end, form in gazetteer().find(text, within, starts):
        if STREET.match(text, end, high):
            continue
        name = resolve(form, home)
        if name is None:
            continue
        if text.startswith(PORT, end, high):
            found.append((start, end + 1, form + PORT))
            continue
        if found and found[-1][1] == start and contains(found[-1][2], name):
            outer = found.pop()
            nested = _level(outer[2]) != "province" or outer[2].endswith("市")
            joined = outer[2] + name if nested and _level(name) == "county" else name
            found.append((outer[0], end, joined))
            continue
        found.append((start, end, name))
    return found


def _level(name: str) -> str:
    return gazetteer().level(name)


def _first_place(
    ctx: DocContext,
    key: tuple[str, int | None],
    text_of: Callable[[DocContext, Sentence], str],
    sentence: Sentence,
) -> str:
    """The first place (not the whole country) of the text above a sentence that `text_of` gives, found
    once for every fact of the paragraph or article `key` names; "" when it names none."""
    found = ctx.first_places.get(key)
    if found is None:
        national = places().national
        named = [name for _, _, name in _places_in(text_of(ctx, sentence), ctx.home) if name != national]
        found = ctx.first_places[key] = named[0] if named else ""
    return found


def _named(analysis: SentenceAnalysis, low: int, high: int, number: int) -> list[str]:
    """The subject places of a sentence named within [low, high), each once, not listed as examples
    (朝阳、海淀等30处) of what the figure at `number` counts."""
    out: list[str] = []
    for s, e, name in analysis.places:
        if low <= s and e <= high and name not in out and not _enumerated(analysis.text, e, number):
            out.append(name)
    return out


def _enumerated(text: str, end: int, number: int) -> bool:
    """Does the place ending at `end` open a list of examples (ENUMERATED) before the figure at `number`?"""
    return compiled(ENUMERATED).match(text, end, number) is not None


def _in_passage(passage: str | None, name: str) -> str:
    """海曙区 under a 宁波市 heading is 宁波市海曙区."""
    return passage if passage and passage != name and passage.endswith(name) else name


def geo_of(ctx: DocContext, analysis: SentenceAnalysis, mention: Mention) -> tuple[str, str]:
    """(place, evidence): the place named before the number in its clause, else in the clause opening its
    sentence, else the paragraph's or the article's first place, else the document's home. Places listed
    as examples (朝阳、海淀等30处), places a figure is compared with (占全国…, 居全省…) and the areas around
    the home do not count."""
    text = analysis.text
    number = mention.number_start
    start = analysis.clause_start(number)
    sentence = analysis.sentence
    passage = ctx.passage_place[sentence.index]
    if analysis.places:
        # a rank's scope stands right before it (居全市第一): only a place opening its clause is ranked
        high = start + RANK_SUBJECT if mention.form == "rank" else number
        in_clause = _named(analysis, start, min(high, number), number)
        earlier = _named(analysis, analysis.byline_end, min(start, analysis.subject_end), number)
        if len(in_clause) == 1:
            return _in_passage(passage, in_clause[0]), "clause"
        if len(in_clause) > 1:
            return (
                (_in_passage(passage, earlier[0]), "subject") if earlier else ("、".join(in_clause), "clause")
            )
        if earlier:
            return _in_passage(passage, earlier[0]), "subject"
    if ctx.home_forms and (  # 青海省2024年防沙治沙…: the home, said as the subject
        text.startswith(ctx.home_forms, start) or text.startswith(ctx.home_forms, analysis.byline_end)
    ):
        return ctx.home, "clause"
    if analysis.place_above is None:  # the same for every figure of the sentence: found once
        analysis.place_above = _place_above(ctx, analysis, passage)
    return analysis.place_above


def _place_above(ctx: DocContext, analysis: SentenceAnalysis, passage: str | None) -> tuple[str, str]:
    """(place, evidence) of a figure whose sentence does not place it: the first place of its paragraph,
    else the passage's, else the first place of its article's title, else the document's home."""
    sentence = analysis.sentence
    above = _first_place(
        ctx, ("subject", ctx.paragraph_first[analysis.paragraph]), _paragraph_subject, sentence
    )
    if above and not (passage and above in passage):
        return above, "above"
    if passage:  # 青岛市…局介绍 in a passage under 青岛市市北区: the passage
        return passage, "above"
    above = _first_place(ctx, ("title", sentence.article), _article_title, sentence)
    if above and not (passage and above in passage):
        return above, "above"
    return ctx.home, ctx.home_evidence


def _subjects(text: str, found: list[tuple[int, int, str]], home: str) -> list[tuple[int, int, str]]:
    """The places of a sentence a figure in it can be about: not the home or an area around it, not a
    yardstick (占全国…, 高于全省…), and 全国 only where it opens its clause."""
    lex = places()
    kept = []
    for s, e, name in found:
        around = name == home or contains(name, home)  # 北京市 around a 东城区 text
        aside = name == lex.national and not NATIONAL_LEAD.fullmatch(text, clause_start(text, s), s)
        if not (around or aside or _compared(text, s)):
            kept.append((s, e, name))
    return kept


def _compared(text: str, at: int) -> bool:
    """占全国…, 居全省…, 高于全国…: a place named as the yardstick of a figure, not its subject."""
    return bool(places().comparison.search(text[max(0, at - 3) : at]))


def _paragraph_subject(ctx: DocContext, sentence: Sentence) -> str:
    """The first clause of the paragraph's first sentence, where its subject sits (城市副中心城市框架…)."""
    first = ctx.document.sentences[ctx.paragraph_first[ctx.paragraph_of[sentence.index]]]
    text = _without_lead(first.text)
    stop = CLAUSE_END.search(text)
    return text[: stop.start()] if stop else text


def _article_title(ctx: DocContext, sentence: Sentence) -> str:
    document = ctx.document
    if sentence.article is not None and sentence.article < len(document.articles):
        return "".join(document.articles[sentence.article].title_lines)
    return ""


# ---------------------------------------------------------------- theme


@dataclass(frozen=True)
class ThemeKeywords:
    """The theme keywords of a run (shipped, plus a user file's) and the themes each belongs to.

    Found with an Aho-Corasick automaton, leftmost-longest and not overlapping, which reads a sentence
    once whatever the number of keywords: what a regex alternation of them matches, five times faster
    and with nothing to compile."""

    owners: dict[str, list[str]]  # keyword → its themes; every theme id → [] (known even without keywords)
    keywords: tuple[str, ...]
    automaton: ahocorasick_rs.AhoCorasick | None  # None when no theme has a keyword
    themes_of: tuple[list[str], ...]  # the themes of keywords[i]: a match is read by its index alone
    regional: bool  # whether `regional` is a theme of the run (the pull of partner places)

    def hits(self, text: str) -> list[tuple[int, int, list[str]]]:
        """(start, end, themes) of every keyword in `text`, the longest where several start together."""
        return self.read(text)[0]

    def read(self, text: str) -> tuple[list[tuple[int, int, list[str]]], list[int], dict[str, list[int]]]:
        """`hits`, their starts, and each theme's starts (themes in order of their first keyword): what a
        sentence's figures are weighed from, in one pass over the matches."""
        hits: list[tuple[int, int, list[str]]] = []
        starts: list[int] = []
        by_theme: dict[str, list[int]] = {}
        if self.automaton is None:
            return hits, starts, by_theme
        themes_of = self.themes_of
        for i, start, end in self.automaton.find_matches_as_indexes(text):
            tids = themes_of[i]
            hits.append((start, end, tids))
            starts.append(start)
            for tid in tids:
                ats = by_theme.get(tid)
                if ats is None:
                    by_theme[tid] = [start]
                else:
                    ats.append(start)
        return hits, starts, by_theme


@cache
def _theme_matcher(extra: str | None) -> ThemeKeywords:
    """The keyword finder of the shipped themes and the user's file `extra`; made once per file."""
    owners: dict[str, list[str]] = {}
    for tid, body in load_themes(extra).items():
        owners.setdefault(tid, [])  # every theme id is known, even one without keywords
        for keyword in body.get("keywords", []):
            owners.setdefault(keyword, []).append(tid)
    keywords = tuple(k for k, v in owners.items() if v)
    automaton = (
        ahocorasick_rs.AhoCorasick(keywords, matchkind=ahocorasick_rs.MatchKind.LeftmostLongest)
        if keywords
        else None
    )
    themes_of = tuple(owners[k] for k in keywords)
    return ThemeKeywords(owners, keywords, automaton, themes_of, "regional" in owners)


CLAUSE, SENTENCE, PARAGRAPH, SECTION, HEADLINE, PARTNER, NEAREST = 4.0, 1.5, 1.0, 1.0, 0.5, 6.0, 1.0
"""Weights of keyword hits by where they sit; PARTNER is the pull of a fact placed at a cooperation
partner (雄安新区, 天津市, a paired county) towards `regional`; NEAREST breaks a tie inside the clause
for the keyword next to the number, which names what it measures (单位GDP二氧化碳排放下降3%)."""


def theme_of(
    ctx: DocContext, analysis: SentenceAnalysis, mention: Mention, geo: str, extra: str | None = None
) -> str:
    """Theme whose keywords weigh most around the number: its clause counts most, then its sentence, the
    sentence opening its paragraph, the section headings above it and the article's headline."""
    themes = analysis.themes or _sentence_themes(ctx, analysis, extra)
    text = analysis.text
    start = analysis.clause_start(mention.number_start)
    stop = CLAUSE_END.search(text, mention.end)
    end = stop.start() if stop else len(text)
    starts = themes.starts
    scores = dict(themes.around)  # a copy: the clause's hits are added to it
    low, high = bisect_left(starts, start), bisect_left(starts, end)  # the clause's hits: hits[low:high]
    if low < high:
        for tid in _nearest(themes.hits[low:high], (mention.number_start, mention.end)):
            scores[tid] = scores.get(tid, 0.0) + NEAREST
    elif starts:  # 同比增长22.8% is about the subject of the clause before
        while start > 0 and low == high:
            start = analysis.clause_start(start - 1)
            low = bisect_left(starts, start)
    # every keyword inside the clause counts; a theme counts once from the rest of the sentence (a list
    # sentence naming GDP, investment and prices must not outvote the clause's 失业率). Themes are added in
    # the order of their first keyword, so ties break as they would hit by hit.
    for tid, ats in themes.by_theme.items():
        if len(ats) == 1:  # most themes have one keyword in a sentence: inside the clause or not
            weight = CLAUSE if start <= ats[0] < end else SENTENCE
        else:
            inside = bisect_left(ats, end) - bisect_left(ats, start)
            weight = CLAUSE * inside + (SENTENCE if inside < len(ats) else 0.0)
        scores[tid] = scores.get(tid, 0.0) + weight
    if themes.regional:
        partner = ctx.partners.get(geo)
        if partner is None:  # the facts of a document sit at a few places: ask once a place
            partner = ctx.partners[geo] = _is_partner(geo, ctx.home)
        if partner:
            scores["regional"] = scores.get("regional", 0.0) + PARTNER
    return _heaviest(scores) if scores else "economy"


def _heaviest(scores: dict[str, float]) -> str:
    """The theme of the highest score, the first of equal ones: `max(scores, key=scores.__getitem__)` as a
    plain loop, where calling the key for each of a few themes cost more than comparing them."""
    items = iter(scores.items())
    best, most = next(items)
    for tid, score in items:
        if score > most:
            best, most = tid, score
    return best


def _sentence_themes(ctx: DocContext, analysis: SentenceAnalysis, extra: str | None) -> SentenceThemes:
    """The keywords of a sentence and the weights around it, found once for all its figures."""
    keywords = _theme_matcher(extra)
    hits, starts, by_theme = keywords.read(analysis.text)
    around = _shared_surroundings(ctx, analysis.sentence, extra)
    analysis.themes = SentenceThemes(hits, starts, by_theme, around, keywords.regional)
    return analysis.themes


def _is_partner(geo: str, home: str) -> bool:
    """A place pulls towards `regional` when it is a cooperation partner of a local home. A national
    document (a People's Daily report on three cities) has no partners: its places are its subjects."""
    lex = places()
    return geo in lex.regional or (home != lex.national and lex.is_partner(geo, home))


def _nearest(hits: list[tuple[int, int, list[str]]], number: tuple[int, int]) -> list[str]:
    """Themes of the clause keyword closest to the number, which names what it measures: 二氧化碳排放
    just before 下降3%, 中小学 just after 500所. The earlier one wins a tie."""
    if len(hits) < 2:  # most clauses hold one keyword or none
        return hits[0][2] if hits else []
    first, last = number
    return min(hits, key=lambda hit: first - hit[1] if hit[1] <= first else hit[0] - last)[2]


def _shared_surroundings(ctx: DocContext, sentence: Sentence, extra: str | None) -> dict[str, float]:
    """Keyword weights of the sentence opening the paragraph, the section heading and the headline above
    a sentence, computed once for the sentences sharing them."""
    first = ctx.paragraph_first[ctx.paragraph_of[sentence.index]]
    opening = first if first != sentence.index else None
    article = sentence.article
    key = (opening, sentence.section if article is None else None, article, extra)  # see _section_headings
    found = ctx.surroundings.get(key)
    if found is None:  # the sentences of a paragraph share their surroundings
        section, title = _section_headings(ctx, sentence), _article_title(ctx, sentence)
        parts = []
        if opening is not None:
            text = ctx.document.sentences[opening].text
            parts.append(_part_scores(ctx, ("paragraph", opening), text, PARAGRAPH, extra))
        parts.append(_part_scores(ctx, ("section", section), section, SECTION, extra))
        parts.append(_part_scores(ctx, ("title", title), title, HEADLINE, extra))
        found = ctx.surroundings[key] = {}
        for part_scores in parts:
            for tid, weight in part_scores.items():
                found[tid] = found.get(tid, 0.0) + weight
    return found


def _part_scores(
    ctx: DocContext, part: tuple, text: str, weight: float, extra: str | None
) -> dict[str, float]:
    """Keyword weights of one part around a sentence, computed once for all the sentences it governs. A
    theme counts once a part: a wordy heading or paragraph opening must not outvote the clause."""
    key = (part, extra)
    found = ctx.part_scores.get(key)
    if found is None:
        tids = [tid for _, _, themes in _theme_matcher(extra).hits(text) for tid in themes]
        found = ctx.part_scores[key] = dict.fromkeys(tids, weight)  # in text order: ties break alike
    return found


def _section_headings(ctx: DocContext, sentence: Sentence) -> str:
    document = ctx.document
    index = sentence.section if sentence.article is None else None
    return document.sections[index].heading if index is not None and index < len(document.sections) else ""
