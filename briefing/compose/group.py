"""Figures that belong in one sentence: a level with its change, or parallel measures of one subject.

Report style states a subject once: 新设外商投资企业31家，同比增长29.2% rather than two sentences, and
热线诉求响应率、解决率、满意率分别为100%、97.13%、97.79% rather than three. Only figures of one source
sentence, one period and one place are grouped, so grouping never invents a relation the source lacks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from briefing.boundaries import CLAUSE_END
from briefing.compose.select import Figure, similar_indicators
from briefing.compose.settings import settings
from briefing.model import Fact

CHANGE_KINDS = ("change_pct",)
CHANGE_UNITS = ("percent", "percentage_point")
MIN_SHARED_PREFIX = 2
MAX_WORDS_BETWEEN = 3  # Han characters besides change words between a level and the change it takes
_HAN = re.compile(r"[\u4e00-\u9fff]")


def is_relative_change(fact: Fact) -> bool:
    """A change stated relative to the subject (同比增长29.2%, 下降0.4个百分点), not an amount added."""
    return fact.kind in CHANGE_KINDS or (fact.kind == "change_abs" and fact.unit in CHANGE_UNITS)


def subject_zh(fact: Fact) -> str:
    """The indicator without the words that name the change: 实际使用外资同比降幅 → 实际使用外资;
    "" when the label names only a change (同比增长), so the change must find its subject elsewhere."""
    label = fact.indicator_zh
    if not is_relative_change(fact):
        return label
    bare = label
    for word in settings().change_words_zh:
        bare = bare.replace(word, "")
    if not bare.strip():
        return ""
    for suffix in settings().change_suffixes_zh:
        if label.endswith(suffix):
            return label[: -len(suffix)]
    return label


def subject_en(fact: Fact, label: str) -> str:
    """The English label without the words that name the change ("GDP growth", "Growth of GDP" →
    "GDP", "Revenue growth of SOEs" → "Revenue of SOEs"), for a change or a growth target, whose
    sentence says "grew"/"to grow" itself; or for a multiple named as a growth, which grew N-fold."""
    growth = fact.kind == "multiple" or (fact.kind == "target" and fact.direction in ("up", "down"))
    if is_relative_change(fact) or growth:
        stripped = settings().change_suffix_en.sub("", label).rstrip(" ,;")
        stripped = settings().per_year_en.sub("", stripped)
        stripped = settings().change_prefix_en.sub("", stripped)
        stripped = settings().change_infix_en.sub("", stripped)
        return stripped or label
    return label


def per_year_en(fact: Fact, label: str) -> bool:
    """Does the English change label say the change is yearly ("Annual growth of …")? Its subject
    (`subject_en`) then no longer does, and the sentence says "a year"."""
    return subject_en(fact, label) != label and bool(settings().per_year_en.match(label))


@dataclass
class Item:
    """One stated figure and the relative changes that qualify it."""

    figure: Figure
    changes: list[Figure] = field(default_factory=list)

    @property
    def figures(self) -> list[Figure]:
        return [self.figure, *self.changes]


@dataclass
class Group:
    """The figures of one brief sentence, in source order."""

    items: list[Item]

    @property
    def figures(self) -> list[Figure]:
        return [f for item in self.items for f in item.figures]

    @property
    def lead(self) -> Fact:
        return self.items[0].figure.fact

    @property
    def score(self) -> float:
        best = max(f.score for f in self.figures)
        return best + 0.2 * (len(self.figures) - 1)

    @property
    def ids(self) -> list[str]:
        return [i for f in self.figures for i in f.ids]

    @property
    def facts(self) -> list[Fact]:
        return [m for f in self.figures for m in f.mentions]

    @property
    def stateable(self) -> bool:
        """Has a subject to name (a change labelled only 同比增长 that qualifies no level has none)."""
        return bool(subject_zh(self.lead))

    @property
    def parallel(self) -> bool:
        return len(self.items) > 1


def _context(fact: Fact) -> tuple:
    return fact.doc, fact.sentence_index if fact.sentence_index >= 0 else fact.sentence


def _shared_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _subject_of(change: Fact, levels: list[Item]) -> Item | None:
    """The level a relative change qualifies: the same subject, else the nearest level before it."""
    subject = subject_zh(change)
    before = [i for i in levels if i.figure.fact.span[0] < change.span[0]]
    for item in reversed(before or levels):
        label = item.figure.fact.indicator_zh
        if subject and label and (subject == label or similar_indicators(subject, label)):
            return item if _adjoins(item.figure.fact, change) else None
    if not subject and before and _adjoins(before[-1].figure.fact, change):
        return before[-1]
    return None


def _adjoins(level: Fact, change: Fact) -> bool:
    """Does the change follow the level with nothing between but change words (，同比增长…)? Words of
    another subject between them (…比重为59.1%，对经济增长的贡献率超过60%) make the change that
    subject's, not the level's."""
    start = level.sentence.find(level.raw)
    end = level.sentence.find(change.raw, start + len(level.raw)) if start >= 0 else -1
    if end < 0:
        return False
    between = level.sentence[start + len(level.raw) : end]
    for word in sorted((*settings().change_words_zh, *settings().labels.change_links), key=len, reverse=True):
        between = between.replace(word, "")
    return len(_HAN.findall(between)) <= MAX_WORDS_BETWEEN


def _respectively_listed(fact: Fact) -> bool:
    """Is the change one of a 分别 list (…,分别同比下降66%、44.9%)? Its owner is then fixed by order,
    whatever its label says: the sentence pairs the lists itself."""
    at = fact.sentence.find(fact.raw)
    if at < 0:
        return False
    clause = CLAUSE_END.split(fact.sentence[:at])[-1]
    return "分别" in clause


def _respectively(items: list[Item], changes: list[Figure]) -> list[tuple[Figure, Item | None]]:
    """Owners of unlabelled changes: in 外资9126万美元,外贸575.9亿元,分别同比下降66%、44.9% in order."""
    before = [i for i in items if i.figure.fact.span[0] < changes[0].fact.span[0] and not i.changes]
    if len(changes) > 1 and len(before) >= len(changes):
        return list(zip(changes, before[-len(changes) :], strict=True))
    return [(change, _subject_of(change.fact, items)) for change in changes]


def group_figures(figures: list[Figure]) -> list[Group]:
    """Sentence groups over `figures` (any order in, source order within a group, best group first)."""
    limit = settings().limits.facts_per_sentence
    by_context: dict[tuple, list[Figure]] = {}
    for figure in figures:
        by_context.setdefault(_context(figure.fact), []).append(figure)

    groups: list[Group] = []
    for members in by_context.values():
        members.sort(key=lambda f: f.fact.span)
        items: list[Item] = []
        unlabelled: list[Figure] = []  # a run of changes that name no subject (分别同比下降66%、44.9%)
        for member in [*members, None]:  # None: the end, where a pending run of changes is placed
            is_change = member is not None and is_relative_change(member.fact)
            if (
                member is not None
                and is_change
                and (not subject_zh(member.fact) or _respectively_listed(member.fact))
            ):
                unlabelled.append(member)
                continue
            if unlabelled:
                for change, owner in _respectively(items, unlabelled):
                    _attach(items, change, owner)
                unlabelled = []
            if member is None:
                break
            _attach(items, member, _subject_of(member.fact, items) if is_change else None)
        groups.extend(_parallel_runs(items, limit))
    groups.sort(key=lambda g: (-g.score, g.lead.doc, g.lead.span))
    return groups


def _attach(items: list[Item], figure: Figure, owner: Item | None) -> None:
    """The figure qualifies `owner` (at most two changes each: 同比 and 较年初), else stands alone."""
    if owner is not None and len(owner.changes) < 2:
        owner.changes.append(figure)
    else:
        items.append(Item(figure))


def _parallel_runs(items: list[Item], limit: int) -> list[Group]:
    """Consecutive items of one kind and unit whose labels share a subject become one group."""
    groups: list[Group] = []
    for item in items:
        last = groups[-1] if groups else None
        if last is not None and _joins(last, item, limit):
            last.items.append(item)
        else:
            groups.append(Group([item]))
    return groups


def _joins(group: Group, item: Item, limit: int) -> bool:
    first, fact = group.items[0].figure.fact, item.figure.fact
    if item.changes or any(i.changes for i in group.items) or len(group.figures) >= limit:
        return False
    if (first.kind, first.unit, first.qualifier) != (fact.kind, fact.unit, fact.qualifier):
        return False
    if (first.period, first.geo) != (fact.period, fact.geo):
        return False
    return _shared_prefix(first.indicator_zh, fact.indicator_zh) >= MIN_SHARED_PREFIX
