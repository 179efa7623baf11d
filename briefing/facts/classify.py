"""Kind, direction and period of a quantity, from the words around it and the document's structure.

The period is looked for from the nearest context outwards: time words in the number's own clause, then
earlier in its sentence, then a time word opening the passage (“十四五”期间，… up to the next heading), then
the section's role and period (ingest's, else read from the headings: 上半年计划执行情况 → <year>-H1,
下半年工作安排 → a plan, target-<year>), then the title. A plan or targets section makes every figure a
target; elsewhere commitment words do (力争, 确保, 预期), and in a review only they do.
"""

from __future__ import annotations

import re

from briefing import regex_cache
from briefing.facts.analysis import Default, SentenceAnalysis
from briefing.facts.lexicon import Marker, kinds, periods
from briefing.facts.numbers import parse_number
from briefing.facts.quantities import Mention, clause_start

BASE_VALUE = ("由", "从", "由\n", "从\n")
"""A clause ending with one of these (`(?:由|从)$`, which also stands before a final line break) gives
the base value of a from–to pair."""
NUMERAL_CHAR = regex_cache.compile(r"[\d一二三四五六七八九十两]")
LIST_ITEM_END = regex_cache.compile(r"[\d一二三四五六七八九十]\D{0,4}$")
"""A clause ending with a figure and at most a measure word (新增停车位886个): an item of a list."""
FYP_ORDINAL = {"三": 13, "四": 14, "五": 15, "六": 16}
FYP_END_BASE = 1955
"""The n-th five-year plan ends in 1955 + 5n (十四五 → 2025, 十五五 → 2030)."""
SPANS = ("cumulative",)
PAST = "past-"
"""The token of a span of years back (past-5-years), which a plan period may name instead (_plan_span)."""
SPAN_SUFFIXES = ("FYP", "-years")


RESPECTIVELY = "分别"
NEAR_FORMS = frozenset({"multiple", "percent", "percentage_point"})
"""Forms whose kind the words right before the number tell (a change verb, a rate word)."""


def resolve(marker: Marker, match: re.Match[str], year: int | None) -> str:
    """Period token of a matched time marker; unspecified when it needs a year the document lacks."""
    period = marker.period
    groups = match.groupdict()
    if period == "months":
        months = parse_number(groups["n"])
        if months is None or year is None or not 1 <= months <= 12:
            return "unspecified"
        last = int(months)
        return {3: f"{year}-Q1", 6: f"{year}-H1", 12: f"{year}"}.get(last, f"{year}-01/{year}-{last:02d}")
    if period == "month":
        return f"{year}-{int(groups['n']):02d}" if year is not None else "unspecified"
    if period == "fyp":
        return f"{FYP_ORDINAL[groups['n']]}th-FYP"
    if period == "target-fyp":
        return f"target-{FYP_END_BASE + 5 * FYP_ORDINAL[groups['n']]}"
    if period == "past":
        count = parse_number(groups.get("n") or groups.get("m") or "")
        return f"past-{int(count)}-years" if count else "cumulative"
    if period == "year":
        return groups["year"]
    if "{y" in period:
        if year is None:
            return "unspecified"
        written = groups.get("n")
        number = parse_number(written) if written else None
        quarter = str(int(number)) if number is not None else ""
        return period.replace("{y-1}", str(year - 1)).replace("{y}", str(year)).replace("{n}", quarter)
    return period


OPENING_WINDOW = 400


def marker_period(text: str, scopes: tuple[str, ...], year: int | None, default: Default) -> str | None:
    """Period set by the first time marker (in data order) found in `text`, or None."""
    lex = periods()
    if not lex.names_time(text):
        return None  # most clauses name no time: one search instead of one per marker
    for marker in lex.markers:
        if marker.scope not in scopes or (marker.weak and default.explicit):
            continue
        match = marker.pattern.search(text)
        if match:
            period = resolve(marker, match, year)
            if year is not None and period == str(year) and default.period.startswith(f"{year}-"):
                continue  # 2025年… inside a 2025 H1 report keeps the finer default
            return period
    return None


LEAD = 12
"""A time marker within this many characters of a paragraph's start (刚刚过去的2025年，…) leads it."""


def opening_period(text: str, year: int | None, lead: int = 0) -> str | None:
    """Period of a time marker that opens a sentence (过去五年，… / 今年，…), or that stands within `lead`
    characters of its start (刚刚过去的2025年…), or None.

    Every sentence of a document is asked (context._blocks), and most open with no time word (inside a
    paragraph nearly all): one quick test comes first instead of one search per marker. With a lead, a
    class scan for the characters every marker holds (periods.toml marker_cues), then any marker within
    the lead; without, any marker anchored at the start, one try that the character scan cannot beat."""
    lex = periods()
    if lead:
        cues = lex.marker_cues
        if cues is not None and cues.search(text, 0, lead) is None:
            return None
        if lex.any_marker.search(text, 0, lead) is None:
            return None
    elif lex.any_marker.match(text, 0, OPENING_WINDOW) is None:
        return None
    return _marker_opening(text, year, lead)


def _marker_opening(text: str, year: int | None, lead: int) -> str | None:
    """opening_period without its quick test: the first sentence marker (in data order) that opens `text`
    or stands within its first `lead` characters."""
    lex = periods()
    text = text[: max(lead, OPENING_WINDOW)]
    if "年" in text:  # 从2020年的… dates no passage (a base span names its year)
        text = lex.base_span.sub("", text)
    head = text[:lead]
    for marker in lex.sentence_markers:
        match = marker.pattern.search(head) if lead else marker.pattern.match(text)
        if match:
            return resolve(marker, match, year)
    return None


def period_of(mention: Mention, analysis: SentenceAnalysis, year: int | None) -> tuple[str, bool, str]:
    """(period, is_target, evidence) of a mention; evidence names what the period was read from
    (data/confidence.toml [period])."""
    default = analysis.default
    if default.target:
        return default.period, True, "target_section"
    text, block = analysis.text, analysis.passage
    start = analysis.clause_start(mention.number_start)
    clause = text[start : mention.start]
    lex = periods()
    if lex.targets.search(clause) or (default.role != "review" and lex.weak_targets.search(clause)):
        return (f"target-{year}" if year else "unspecified"), True, "target_cue"
    dated = "年" in clause
    base = lex.base_year.search(clause) if dated else None
    if base:
        return base.group("year"), False, "clause"  # 从2020年的3826.5亿元: the base value's own year
    if clause.endswith(BASE_VALUE):
        plan = block if block and block.endswith("FYP") else default.period
        return _plan_base(plan), False, "base"  # 由47.6%提升至…: the plan's eve
    opening = _opening_before(analysis, start, year)
    found = None
    if _time_cue(analysis) < mention.start:  # else no time word stands before the figure in the sentence
        clause = lex.base_span.sub("", clause) if dated else clause  # …增长到4398.6亿元: not the base year
        bounded = (opening or block or "").endswith("FYP")  # 累计 within “十四五”期间 sums over the plan
        scoped = default if default.explicit or not bounded else Default(default.period, default.role, True)
        found = _plan_span(marker_period(clause, ("clause", "sentence"), year, scoped), block, default, year)
        if found is None and mention.form == "rank":
            previous = text[analysis.clause_start(max(start - 1, 0)) : start]
            found = marker_period(previous, ("clause", "sentence"), year, scoped)
    if found is not None:
        return found, False, "clause"
    # a span of years (past-5-years) may stand for a plan period (_plan_span); no other period changes
    if opening is not None and opening.startswith(PAST):
        opening = _plan_span(opening, block, default, year)
    if opening:
        found, evidence = opening, "sentence"
    else:
        if block is not None and block.startswith(PAST):
            block = _plan_span(block, block, default, year)
        found, evidence = block, "passage"
    spans_years = found in SPANS or (found is not None and found.endswith(SPAN_SUFFIXES))
    if spans_years and lex.stock_cues.search(text[start : mention.end]):
        return "unspecified", False, "none"  # a standing stock (现有…, 成为…第4处) is not summed over years
    if found:
        return found, False, evidence
    return default.period, False, ("section" if default.explicit else "none")


def _opening_before(analysis: SentenceAnalysis, start: int, year: int | None) -> str | None:
    """Period a time word before the clause at `start` sets for the sentence, read once per clause (every
    figure of a clause asks). Time words that open a sentence stand near its start; a bounded look-back
    keeps a sentence of thousands of figures linear."""
    openings = analysis.openings
    if start in openings:
        return openings[start]
    if _time_cue(analysis) >= start:  # no character a time word needs stands before the clause
        openings[start] = None
        return None
    before = analysis.text[max(0, start - OPENING_WINDOW) : start]
    before = periods().base_span.sub("", before) if "年" in before else before
    found = openings[start] = marker_period(before, ("sentence",), year, analysis.default)
    return found


def _time_cue(analysis: SentenceAnalysis) -> int:
    """Where the first character a time word needs stands in the sentence (periods().first_cue), read
    once: no time word can stand before it, in any clause."""
    cue = analysis.time_cue
    if cue is None:
        cue = analysis.time_cue = periods().first_cue(analysis.text)
    return cue


def _plan_span(period: str | None, block: str | None, default: Default, year: int | None) -> str | None:
    """过去五年 / 这五年 inside a “十四五” review is that plan period; so is 过去五年 in a report of the year
    after a plan ended (a 2026 work report looks back on 2021-2025, the 14th plan)."""
    if period is None or not period.startswith(PAST):
        return period
    for plan in (block, default.period):
        if plan and plan.endswith("FYP"):
            return plan
    if period == "past-5-years" and year is not None and (year - 1 - FYP_END_BASE) % 5 == 0:
        return f"{(year - 1 - FYP_END_BASE) // 5}th-FYP"
    return period


def _plan_base(period: str) -> str:
    """Year a base value stands for: the year before a five-year plan began (14th-FYP → 2020), else
    unspecified."""
    match = re.fullmatch(r"(\d+)th-FYP", period)
    return str(FYP_END_BASE + 5 * (int(match.group(1)) - 1)) if match else "unspecified"


def kind_of(mention: Mention, analysis: SentenceAnalysis, target: bool) -> tuple[str, str | None, str]:
    """(kind, direction, evidence) of a mention; evidence names what the kind was read from
    (data/confidence.toml [kind])."""
    form = mention.form
    if form == "rank":
        return "rank", None, "frame"
    lex = kinds()
    text = analysis.text
    start = analysis.clause_start(mention.number_start)
    clause = text[start : mention.start]
    if target or form in NEAR_FORMS:  # read from the words right before the number
        listed = clause.rfind(RESPECTIVELY)  # 分别增长7.5%、11.5%: every figure of the list takes the verb
        near = clause[listed:] if listed >= 0 else clause[-lex.window :]
        if form == "multiple":
            return "multiple", mention.direction or _direction(near, default=None, growth_only=True), "frame"
        if target:
            growth = _changes(near) and mention.unit == "percent"
            evidence = "section" if analysis.default.target else "cue"
            return "target", (_direction(near, default="up") if growth else None), evidence
        if form == "percent":
            if _changes(near):
                return "change_pct", _direction(near, default="up"), "cue"
            return "share", None, ("cue" if lex.share.search(near) or lex.reached.search(near) else "default")
        return "change_abs", _direction(near, default=None), "cue"  # percentage points
    if mention.unit in lex.flow_units:  # a flow of activity stays a level, whatever verb adds to it
        return "level", None, "count"
    found = lex.change_abs.search(clause) or _listed_after_change(text, start)
    if found:
        return "change_abs", _direction(found.group(), default="up"), "cue"
    return "level", None, "count"


def _changes(near: str) -> bool:
    """A change word stands before the number, and no rate word (贡献率为) or level reached (提高到)
    after it."""
    lex = kinds()
    changes = [m.end() for m in lex.change_pct.finditer(near)]
    if not changes:
        return False
    if lex.reached.search(near):
        return False
    rates = [m.start() for m in lex.share.finditer(near)]
    return not rates or max(rates) < max(changes)


def _listed_after_change(text: str, start: int) -> re.Match[str] | None:
    """新增停车位886个,共享车位1517个: a short verbless clause continuing a list of additions."""
    numeral = NUMERAL_CHAR.search(text, start)
    if start == 0 or (numeral.start() if numeral else len(text)) - start > 8:
        return None
    previous = text[clause_start(text, start - 1) : start - 1]
    if not LIST_ITEM_END.search(previous):
        return None
    return kinds().change_abs.search(previous)


def _direction(text: str, default: str | None, growth_only: bool = False) -> str | None:
    lex = kinds()
    ups = [m.end() for m in lex.up.finditer(text)]
    downs = [] if growth_only else [m.end() for m in lex.down.finditer(text)]
    if not ups and not downs:
        return default
    if "增速" in text or "增长率" in text:
        return "up"  # a growth rate stays a growth figure even when it slows
    return "up" if max(ups, default=-1) > max(downs, default=-1) else "down"
