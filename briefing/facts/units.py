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
from briefing.facts.tables import TailWords

_FILLER_END = TailWords(
    r"(?:达到|达|增至|提升至|升至|至|为|由|从|共计|共|合计|总计|约|超过|超|近|突破|累计|实现|有|了|净增|新增|分别)+$"
)
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
    for rule in rules if lex.noun_finders[form].search(window) else ():
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
    # no noun after it names what is counted: the noun before it does (省属企业由66户整合至12户)
    head = _FILLER_END.cut(before)
    for rule in rules:
        if not rule.after_only and head.endswith(rule.keywords):
            return rule.unit
    return lex.units.get(form, "unit")


def bare_unit(before: str) -> str | None:
    """Unit of a number written with 万/亿 but no measure word, from the noun before it (参与人数约122万)."""
    head = _FILLER_END.cut(before)
    for unit, words in measure_words().bare.items():
        if head.endswith(words):
            return unit
    return None
