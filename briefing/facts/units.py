"""Measure words to unit tokens, with the counted noun deciding where the measure word alone cannot.

家 counts firms (enterprise) or public bodies (organization); 个 counts projects, countries, regions, jobs,
school places or plain things. The noun is read right after the measure word (49家驻区中央单位) or, when
none follows it, just before the number (新建养老助餐点49家).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from typing import NamedTuple

from briefing import regex_cache, scales
from briefing.boundaries import CLAUSE_MARKS, SENTENCE_ENDS
from briefing.facts.lexicon import NounRule, measure_words
from briefing.facts.tables import TailWords, compiled, read_toml

_FILLER_END = TailWords.any_of(read_toml("indicators.toml")["unit_filler_words"])
"""The words between a noun and the figure it counts (某企业由66户, 人数约12万): data/indicators.toml."""
_AFTER_STOP = regex_cache.compile(f"[{re.escape(SENTENCE_ENDS + CLAUSE_MARKS)}\\d（(]")
"""Where the noun after a measure word ends: any clause or list mark, a digit, an opening bracket."""
AFTER_WINDOW = 16


def split_measure_word(written: str) -> tuple[str, str]:
    """`万平方米` → ("万", "平方米"): the magnitude prefix and the unit form, split as the renderer
    splits them when it writes the figure back (briefing.scales)."""
    return scales.split_measure_word(written)


class _Noun(NamedTuple):
    keyword: str
    unit: str
    adjacent: bool
    not_before: tuple[str, ...]


class _NounRules(NamedTuple):
    """A measure word's noun rules as unit_of reads them, made once a process (`_noun_rules`)."""

    finder: re.Pattern[str]  # any keyword of the rules
    nouns: tuple[_Noun, ...]  # every keyword with what its rule says, rule by rule in data order
    by_first: dict[str, tuple[_Noun, ...]]  # the same by their keyword's first character
    rules: tuple[NounRule, ...]
    unit: str  # the measure word's own unit, where no noun names another


@cache
def _noun_rules(form: str) -> _NounRules | None:
    """`form`'s noun rules, None when it has none: one look-up a figure, and one flat loop over all
    keywords instead of a loop over the rules and one over each rule's keywords."""
    lex = measure_words()
    rules = lex.nouns_of.get(form, ())
    if not rules:
        return None
    nouns = tuple(
        _Noun(k, rule.unit, rule.adjacent, rule.not_before) for rule in rules for k in rule.keywords
    )
    by_first: dict[str, list[_Noun]] = {}
    for noun in nouns:
        by_first.setdefault(noun.keyword[0], []).append(noun)
    firsts = {char: tuple(found) for char, found in by_first.items()}
    return _NounRules(compiled(lex.noun_finders[form]), nouns, firsts, rules, lex.units.get(form, "unit"))


def unit_of(form: str, before: Callable[[], str], after: str) -> str:
    """Unit token of a measure word `form` (without 万/亿), given the text after the measure word in the
    same clause and a function giving the text before the number: it is asked only when no noun after
    the measure word names the unit, and finding it costs a search."""
    reading = _noun_rules(form)
    if reading is None:
        return measure_words().units.get(form, "unit")
    stop = _AFTER_STOP.search(after, 0, AFTER_WINDOW)
    window = after[: stop.start() if stop else AFTER_WINDOW]
    # the noun right after it names what is counted: the keyword found first in the window, the first
    # one in data order among those found at the same place. One search tells where the first keyword
    # stands, if any (家 has dozens, and most figures have none): a keyword there that names the noun
    # is the answer; else every keyword is looked for in turn.
    found = reading.finder.search(window)
    if found:
        at = found.start()
        for noun in reading.by_first[window[at]]:
            if not window.startswith(noun.keyword, at) or (noun.adjacent and at > 0):
                continue
            if not (noun.not_before and window.startswith(noun.not_before, at + len(noun.keyword))):
                return noun.unit
    best_at, best_unit = len(window), ""
    if found:
        for noun in reading.nouns:
            at = window.find(noun.keyword)
            if at < 0 or at >= best_at or (noun.adjacent and at > 0):
                continue
            if noun.not_before and window.startswith(noun.not_before, at + len(noun.keyword)):
                continue
            best_at, best_unit = at, noun.unit
            if not at:  # nothing is found before the start
                break
    if best_unit:
        return best_unit
    # no noun after it names what is counted: the noun before it does (某集团由16户整合至5户)
    head = _FILLER_END.cut(before())
    for rule in reading.rules:
        if not rule.after_only and head.endswith(rule.keywords):
            return rule.unit
    return reading.unit


def bare_unit(before: str) -> str | None:
    """Unit of a number written with 万/亿 but no measure word, from the noun before it (参与人数约12万)."""
    head = _FILLER_END.cut(before)
    for unit, words in measure_words().bare.items():
        if head.endswith(words):
            return unit
    return None
