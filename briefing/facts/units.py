"""Measure words to unit tokens, with the counted noun deciding where the measure word alone cannot.

家 counts firms (enterprise) or public bodies (organization); 个 counts projects, countries, regions, jobs,
school places or plain things. The noun is read right after the measure word (49家驻区中央单位) or, when
none follows it, just before the number (新建养老助餐点49家).
"""

from __future__ import annotations

import re

from briefing import scales
from briefing.boundaries import CLAUSE_MARKS, SENTENCE_ENDS
from briefing.facts.lexicon import measure_words
from briefing.facts.tables import TailWords, compiled, read_toml

_FILLER_END = TailWords.any_of(read_toml("indicators.toml")["unit_filler_words"])
"""The words between a noun and the figure it counts (某企业由66户, 人数约12万): data/indicators.toml."""
_AFTER_STOP = re.compile(f"[{re.escape(SENTENCE_ENDS + CLAUSE_MARKS)}\\d（(]")
"""Where the noun after a measure word ends: any clause or list mark, a digit, an opening bracket."""
AFTER_WINDOW = 16


def split_measure_word(written: str) -> tuple[str, str]:
    """`万平方米` → ("万", "平方米"): the magnitude prefix and the unit form, split as the renderer
    splits them when it writes the figure back (briefing.scales)."""
    return scales.split_measure_word(written)


def unit_of(form: str, before: str, after: str) -> str:
    """Unit token of a measure word `form` (without 万/亿), given the text before the number and the
    text after the measure word in the same clause."""
    lex = measure_words()
    rules = lex.nouns_of.get(form, ())
    if not rules:
        return lex.units.get(form, "unit")
    window = _AFTER_STOP.split(after, maxsplit=1)[0][:AFTER_WINDOW]
    best: tuple[int, str] | None = None
    # one search tells whether any noun of the rules follows (家 has dozens; most figures have none)
    for rule in rules if compiled(lex.noun_finders[form]).search(window) else ():
        for keyword in rule.keywords:
            at = window.find(keyword)
            if rule.adjacent and at > 0:
                continue
            if at >= 0 and window.startswith(rule.not_before, at + len(keyword)):
                continue
            if at >= 0 and (best is None or at < best[0]):
                best = (at, rule.unit)
    if best is not None:
        return best[1]
    # no noun after it names what is counted: the noun before it does (某集团由16户整合至5户)
    head = _FILLER_END.cut(before)
    for rule in rules:
        if not rule.after_only and head.endswith(rule.keywords):
            return rule.unit
    return lex.units.get(form, "unit")


def bare_unit(before: str) -> str | None:
    """Unit of a number written with 万/亿 but no measure word, from the noun before it (参与人数约12万)."""
    head = _FILLER_END.cut(before)
    for unit, words in measure_words().bare.items():
        if head.endswith(words):
            return unit
    return None
