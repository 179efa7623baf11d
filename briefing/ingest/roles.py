"""What each part of a report does (review, problems, targets, plan) and which period it speaks of.

A work report reviews the past five years and the past year, states the year's targets and lays out the
year's work; facts need to know which part a figure sits in, or five-year results read as targets and
this year's plans as things done. Roles come from heading cues, pass down the section tree, and are
copied onto every sentence; a sentence opening a paragraph (2025年是…收官之年 / 过去五年，…) may re-set
the period, or the role, of what follows in its section. Cues are data (data/roles.toml).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from briefing import regex_cache
from briefing.model import Section
from briefing.resources import DATA_DIR, toml_data

REVIEW, PROBLEMS, TARGETS, PLAN = "review", "problems", "targets", "plan"
FUTURE = (TARGETS, PLAN)


@dataclass(frozen=True)
class Lead:
    pattern: re.Pattern[str]
    period: str  # year | plan | past_five | current | keep
    role: str
    scope: str  # section | paragraph


@dataclass(frozen=True)
class RoleRules:
    headings: tuple[tuple[str, re.Pattern[str], bool], ...]  # (role, cue, applies to sub-headings)
    uncued_after_future: str
    sub_year: tuple[tuple[str, str], ...]
    plan: re.Pattern[str]
    plan_digits: dict[str, int]
    first_modern: int
    first_modern_start: int
    year: re.Pattern[str]
    leads: tuple[Lead, ...]


@cache
def role_rules() -> RoleRules:
    data = toml_data(DATA_DIR / "roles.toml")
    plans = data["plans"]
    return RoleRules(
        headings=tuple(
            (h["role"], regex_cache.compile(h["pattern"]), h.get("sub", False)) for h in data["headings"]
        ),
        uncued_after_future=data["uncued_after_future"],
        sub_year=tuple(data["sub_year"].items()),
        plan=regex_cache.compile(plans["pattern"]),
        plan_digits=plans["digits"],
        first_modern=plans["first_modern"],
        first_modern_start=plans["first_modern_start"],
        year=regex_cache.compile(data["years"]["pattern"]),
        leads=tuple(
            Lead(regex_cache.compile(x["pattern"]), x["period"], x.get("role", ""), x["scope"])
            for x in data["leads"]
        ),
    )


@dataclass(frozen=True)
class Years:
    """The years a report's undated parts speak of: `current` (its own year: targets and plans without a
    year) and `review` (the year reviewed by a part that names none)."""

    current: int | None
    review: int | None


def plan_years(ordinal: int, rules: RoleRules | None = None) -> tuple[int, int]:
    """(first, last) year of the n-th five-year plan."""
    rules = rules or role_rules()
    start = rules.first_modern_start + 5 * (ordinal - rules.first_modern)
    return start, start + 4


def _plan_ordinal(text: str, rules: RoleRules) -> int | None:
    match = rules.plan.search(text)
    return 10 + rules.plan_digits[match.group("n")] if match else None


def period_of(role: str, text: str, years: Years, rules: RoleRules) -> str:
    """The period a heading (or lead) with this role names: a year, a five-year plan, a part of a year;
    "" when it names none."""
    ordinal = _plan_ordinal(text, rules)
    year_match = rules.year.search(text)
    if role in FUTURE:
        if ordinal is not None:
            return f"target-{plan_years(ordinal, rules)[1]}"
        if year_match:
            return f"target-{year_match.group('year')}"
        return ""
    if ordinal is not None:
        return f"{ordinal}th-FYP"
    year = int(year_match.group("year")) if year_match else None
    for words, template in rules.sub_year:
        if words in text:
            return template.format(year=year or years.current) if year or years.current else ""
    return str(year) if year else ""


def default_period(role: str, years: Years) -> str:
    """The period of a part whose heading names none: the reviewed year, or this year's targets."""
    if role == REVIEW and years.review:
        return str(years.review)
    if role in FUTURE and years.current:
        return f"target-{years.current}"
    return ""


def assign_section_roles(sections: list[Section], years: Years) -> None:
    """Role and period of every section: its own heading's cue (sub-headings: the cues that hold there),
    else its parent's (top-level sections with no cue after a targets or plan part continue the coming
    period). A future part that names no year speaks of the year the last future part named (二、2026年
    主要目标 / 三、主要任务), else of the report's own year."""
    rules = role_rules()
    previous_top = ""
    for section in sections:
        parent = sections[section.parent] if section.parent is not None else None
        role = next(
            (
                r
                for r, pattern, sub in rules.headings
                if (sub or parent is None) and pattern.search(section.heading)
            ),
            "",
        )
        if role:
            period = period_of(role, section.heading, years, rules)
            if not period:
                period = (
                    parent.period if parent and _same_family(parent, role) else default_period(role, years)
                )
        elif parent is not None:
            role, period = parent.role, parent.period
        elif previous_top in FUTURE:
            role = rules.uncued_after_future
            period = default_period(role, years)
        else:
            period = ""
        if role == PROBLEMS and not period and parent is not None:
            period = parent.period
        named = rules.year.search(section.heading)
        if role in FUTURE and named and _plan_ordinal(section.heading, rules) is None:
            years = Years(int(named.group("year")), years.review)
        section.role, section.period = role, period
        if parent is None:
            previous_top = role


def _same_family(parent: Section, role: str) -> bool:
    """Whether a sub-section of this role shares its parent's period (a plan inside a targets part)."""
    return parent.role == role or {parent.role, role} <= set(FUTURE)


class SentenceRoles:
    """The role and period of each sentence, asked in text order: its section's, or those a lead
    sentence (今年…, 过去五年…) set for the rest of its section or paragraph.

    Asked once a run of sentences of one paragraph and one section (`of`): the sentences of a run after
    its first get what the first got, since only a paragraph's first sentence can be a lead and only a
    new section or paragraph ends a lead's scope. So ingest gives each Sentence its role as it makes it,
    without a second pass over them all."""

    def __init__(self, sections: list[Section], years: Years) -> None:
        self.sections, self.years, self.rules = sections, years, role_rules()
        self.override: tuple[str, str] | None = None  # (role, period) in force until the scope ends
        self.scope_section: int | None = None
        self.scope_paragraph: int | None = None
        self.previous_paragraph = -1

    def of(self, text: str, section: int | None, paragraph: int, is_heading: bool) -> tuple[str, str]:
        """(role, period) of the sentence `text`, the first of a run in paragraph number `paragraph`
        under the section numbered `section`."""
        governing = self.sections[section] if section is not None else None
        role, period = (governing.role, governing.period) if governing else ("", "")
        if section != self.scope_section:
            self.override = None
        if self.override and self.scope_paragraph is not None and paragraph != self.scope_paragraph:
            self.override = None
        if self.override:
            role, period = self.override
        if not is_heading and paragraph != self.previous_paragraph:
            found = _lead(text, role, period, self.years, self.rules)
            if found:
                lead, role, period = found
                self.override = (role, period)
                self.scope_section = section
                self.scope_paragraph = paragraph if lead.scope == "paragraph" else None
        self.previous_paragraph = paragraph
        return role, period


def _lead(text: str, role: str, period: str, years: Years, rules: RoleRules) -> tuple[Lead, str, str] | None:
    for lead in rules.leads:
        match = lead.pattern.search(text)
        if not match:
            continue
        new_role = lead.role or role
        if lead.period == "keep":
            return lead, new_role, period
        if lead.period == "current":  # 今年…: the year of the future part it sits in, else the report's
            own = period if period.startswith("target-") else ""
            return lead, new_role, own or default_period(TARGETS if new_role in FUTURE else new_role, years)
        if lead.period == "past_five":
            return lead, new_role, _past_five(new_role, years, rules)
        found = period_of(new_role, match.group(), years, rules)
        if found:
            return lead, new_role, found
    return None


def _past_five(role: str, years: Years, rules: RoleRules) -> str:
    """过去五年 in a report: the five-year plan that ended with the reviewed year, else past-5-years."""
    if years.review is None:
        return "past-5-years"
    for ordinal in range(rules.first_modern, 40):
        first, last = plan_years(ordinal, rules)
        if last == years.review:
            return f"{ordinal}th-FYP"
        if first > years.review:
            break
    return "past-5-years"
