"""The data-file rules of ingest (boilerplate.toml, structure.toml), loaded once and compiled.

Kept apart from the code that applies them so that users can extend the cues for a new site or layout
by editing TOML, and so that every module reads the same compiled patterns.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from briefing import regex_cache
from briefing.boundaries import CLAUSE_MARKS, CLOSING, SENTENCE_ENDS
from briefing.resources import DATA_DIR, toml_data

WHITESPACE = " \t\r\n\f\v\u00a0\u3000\u2002\u2003\u2009\u200b\ufeff"
"""Characters ingest treats as blank: str.strip()'s set misses the BOM and the zero-width space."""

_BYLINE_LEAD = 30
"""Longest run of reporters' names before the paper's name in a byline line."""

_WHITESPACE_RUN = regex_cache.compile(f"[{WHITESPACE}]+")
_TRAILING = CLOSING + WHITESPACE
_SENTENCE_END_MARKS = frozenset(SENTENCE_ENDS)
_SENTENCE_OR_CLAUSE_MARKS = frozenset(SENTENCE_ENDS + CLAUSE_MARKS)


def fold_spaces(line: str) -> str:
    """The line stripped, every run of blanks (NBSP, ideographic space…) folded to one space.

    Most lines hold no blank but single spaces: every blank of WHITESPACE save the space is a
    non-printable character, and so is every other one `str.strip` strips, so a printable line with
    no double space is only stripped (`isprintable` is a fast C scan, the regex one is not)."""
    if line.isprintable() and "  " not in line:
        return line.strip()
    return _WHITESPACE_RUN.sub(" ", line).strip()


@dataclass(frozen=True)
class Heading:
    level: int
    marker: str  # the pattern of the marker
    inline: bool  # a long line may open with it, its first sentence being the heading


_REFERS_BACK = regex_cache.compile(r"\\[1-9]|\(\?P=|\(\?\(")
"""A reference to a group in a pattern: a back-reference `\\1` or a conditional `(?(1)…|…)`. An
alternation of patterns renumbers their groups, so such a reference would silently test another
pattern's group; those by name (`(?P=x)`, `(?(x)…)`) would survive it but take the safe way too."""


class FirstOf:
    """Patterns tried in order: `match` and `fullmatch` find what the first pattern to match (or
    fullmatch) finds, `which` tells which pattern that is.

    One alternation of them where they allow it, each alternative a group of its own: one regex call
    a line instead of one a rule (ingest tests every line against every chrome rule, and the calls,
    not the matching, were most of its cost); `match` and `fullmatch` are then the alternation's own.
    The patterns one by one where they do not: a back-reference or conditional, a group name used twice
    or a global flag `(?i)` would not survive the alternation (the last two do not compile in it).
    Each pattern must be valid alone: a malformed one (`a)|(b`, `[a`) could form a valid alternation
    with its neighbours and mean something else. The rules are shipped data, so a test checks each
    shipped pattern alone rather than every run paying to compile them twice."""

    match: Callable[[str], re.Match[str] | None]
    fullmatch: Callable[[str], re.Match[str] | None]

    def __init__(self, patterns: list[str]) -> None:
        self.patterns = tuple(patterns)
        self.combined: re.Pattern[str] | None = None
        self.each: tuple[re.Pattern[str], ...] = ()
        if patterns and not any(_REFERS_BACK.search(p) for p in patterns):
            with contextlib.suppress(re.error):  # a group name used twice, a global flag not first
                self.combined = regex_cache.compile(
                    "|".join(f"(?P<_{i}>{p})" for i, p in enumerate(patterns))
                )
        if self.combined is not None:
            self.match, self.fullmatch = self.combined.match, self.combined.fullmatch
        else:
            self.each = tuple(regex_cache.compile(p) for p in patterns)
            self.match = lambda text: self._first(text, full=False)[1]
            self.fullmatch = lambda text: self._first(text, full=True)[1]

    def which(self, text: str) -> int | None:
        """Index of the first pattern matching at the start of `text`, None for none."""
        return self._first(text, full=False)[0]

    def _first(self, text: str, *, full: bool) -> tuple[int | None, re.Match[str] | None]:
        if self.combined is not None:
            found = self.combined.fullmatch(text) if full else self.combined.match(text)
            # the alternative's own group closes last: it is the match's last group
            return (int(found.lastgroup[1:]), found) if found and found.lastgroup else (None, None)
        for i, pattern in enumerate(self.each):
            found = pattern.fullmatch(text) if full else pattern.match(text)
            if found:
                return i, found
        return None, None


@dataclass(frozen=True)
class Rules:
    chrome: FirstOf  # toolbar and boilerplate patterns
    credits: FirstOf  # photo-credit patterns
    caption_max_chars: int
    bylines: tuple[re.Pattern[str], ...]
    trailing: tuple[re.Pattern[str], ...]
    body_min_chars: int
    wrap_ratio: float
    title_max_chars: int
    title_may_end_with: str
    headings: tuple[Heading, ...]
    markers: FirstOf  # the markers of `headings`
    inline_markers: FirstOf  # the markers of `inline_headings`
    inline_headings: tuple[Heading, ...]  # the headings whose marker may open a longer line
    heading_max_chars: int
    meta_line: re.Pattern[str]
    meta_max_chars: int
    meta_pair: re.Pattern[str]
    date_labels: frozenset[str]
    source_labels: frozenset[str]
    full_date: re.Pattern[str]
    lead_date: re.Pattern[str]
    delivered_date: re.Pattern[str]
    national_issuer: tuple[re.Pattern[str], ...]
    year: re.Pattern[str]
    leads: FirstOf
    issuer_patterns: tuple[re.Pattern[str], ...]

    def read_line(self, line: str) -> tuple[bool, bool]:
        """(meta, chrome): whether the line is metadata (a `label: value` line describing the page,
        日期:… 来源:…, or a byline), and whether it is metadata or page chrome (a toolbar, a boilerplate
        line or a photo credit); the line folded once for all the tests, which every line of every
        source goes through."""
        folded = fold_spaces(line)
        meta = self._is_meta(line, folded) or self._is_byline(folded)
        return meta, meta or self._is_boilerplate(folded)

    def _is_meta(self, line: str, folded: str) -> bool:
        return len(line) <= self.meta_max_chars and self.meta_line.fullmatch(folded) is not None

    def _is_boilerplate(self, folded: str) -> bool:
        # the credits apart, not in `chrome` too: compiling their CJK ranges twice costs 5 ms a process
        return self.chrome.fullmatch(folded) is not None or self.credits.fullmatch(folded) is not None

    def is_photo_credit(self, line: str) -> bool:
        return bool(self.credits.fullmatch(fold_spaces(line)))

    def is_byline(self, line: str) -> bool:
        """A newspaper byline line: reporters then the paper and edition (genres.toml [news])."""
        return self._is_byline(fold_spaces(line))

    def _is_byline(self, folded: str) -> bool:
        for pattern in self.bylines:
            match = pattern.search(folded)
            if match is not None and match.start() <= _BYLINE_LEAD and match.end() == len(folded):
                return True
        return False

    def without_trailing_chrome(self, line: str) -> str:
        """The line with a trailing photo credit (or other trailing chrome) cut off, stripped: the
        match, or its group `chrome` where the pattern has one (boilerplate.toml)."""
        for pattern in self.trailing:
            match = pattern.search(line)
            if match is None:
                continue
            start = match.start("chrome" if "chrome" in pattern.groupindex else 0)
            if start > 0:
                line = line[:start].rstrip(WHITESPACE)
        return line

    def marker_level(self, line: str, *, inline: bool = False) -> int | None:
        """Level of the heading marker opening the line (1 for 一、 … 4 for (1)), None without one.
        With `inline`, only markers that may open a heading sentence inside a longer line count."""
        found = (self.inline_markers if inline else self.markers).which(line)
        return None if found is None else (self.inline_headings if inline else self.headings)[found].level

    def is_title_like(self, line: str) -> bool:
        """A headline, kicker or sub-heading: short, not ending like a sentence or a clause."""
        if len(line) > self.title_max_chars:
            return False
        last = line.rstrip(_TRAILING)[-1:]
        return last not in _SENTENCE_OR_CLAUSE_MARKS or last in self.title_may_end_with

    def opens_with_marker(self, line: str, *, inline: bool = False) -> bool:
        """Whether `marker_level` finds a marker, asked in one regex call: every paragraph is asked."""
        return (self.inline_markers if inline else self.markers).match(line) is not None

    def opens_with_lead(self, line: str) -> bool:
        """Whether `lead_byline` finds a byline, asked in one regex call."""
        return self.leads.match(line) is not None

    def lead_byline(self, line: str) -> str | None:
        """The byline opening a news lead (本报讯（记者 盛丽）), None when the line is no lead."""
        match = self.leads.match(line)
        return match.group().strip(WHITESPACE) if match else None

    def ends_sentence(self, line: str) -> bool:
        return line.rstrip(_TRAILING)[-1:] in _SENTENCE_END_MARKS


def _toolbar_pattern(words: list[str]) -> str:
    alternatives = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    separator = r"[\s|｜/\\:：·•【】\[\]()（）-]*"
    return f"{separator}(?:(?:{alternatives}){separator})+"


def _meta_patterns(labels: list[str]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    alternatives = "|".join(re.escape(label) for label in sorted(labels, key=len, reverse=True))
    pair = rf"(?P<label>{alternatives})\s*[:：]\s*(?P<value>.*?)\s*(?=(?:{alternatives})\s*[:：]|$)"
    line = rf"[【\[]?\s*(?:(?:{alternatives})\s*[:：].*?\s*)+[】\]]?"
    return regex_cache.compile(line), regex_cache.compile(pair)


@cache
def rules() -> Rules:
    # parsed once and kept between runs (resources.toml_data): tomllib reads ~10 µs a line
    boilerplate = toml_data(DATA_DIR / "boilerplate.toml")
    structure = toml_data(DATA_DIR / "structure.toml")
    genres = toml_data(DATA_DIR / "genres.toml")
    meta = structure["meta"]
    meta_line, meta_pair = _meta_patterns(meta["date_labels"] + meta["source_labels"] + meta["other_labels"])
    dates = structure["dates"]
    headings = tuple(Heading(h["level"], h["pattern"], h["inline"]) for h in structure["headings"])
    inline_headings = tuple(h for h in headings if h.inline)
    return Rules(
        chrome=FirstOf([_toolbar_pattern(boilerplate["chrome_words"]), *boilerplate["patterns"]]),
        credits=FirstOf(boilerplate["credit_patterns"]),
        caption_max_chars=boilerplate["caption_max_chars"],
        bylines=tuple(regex_cache.compile(p) for p in genres["news"]["bylines"]),
        trailing=tuple(regex_cache.compile(p) for p in boilerplate["trailing_patterns"]),
        body_min_chars=structure["lines"]["body_min_chars"],
        wrap_ratio=structure["lines"]["wrap_ratio"],
        title_max_chars=structure["lines"]["title_max_chars"],
        title_may_end_with=structure["lines"]["title_may_end_with"],
        headings=headings,
        markers=FirstOf([h.marker for h in headings]),
        inline_markers=FirstOf([h.marker for h in inline_headings]),
        inline_headings=inline_headings,
        heading_max_chars=structure["headings_limits"]["max_chars"],
        meta_line=meta_line,
        meta_max_chars=meta["max_chars"],
        meta_pair=meta_pair,
        date_labels=frozenset(meta["date_labels"]),
        source_labels=frozenset(meta["source_labels"]),
        full_date=regex_cache.compile(dates["full"]),
        lead_date=regex_cache.compile(dates["lead"]),
        delivered_date=regex_cache.compile(dates["delivered"]),
        national_issuer=tuple(regex_cache.compile(p) for p in structure["issuer"]["national_patterns"]),
        year=regex_cache.compile(dates["year"]),
        leads=FirstOf(structure["news"]["leads"]),
        issuer_patterns=tuple(regex_cache.compile(p) for p in structure["issuer"]["title_patterns"]),
    )
