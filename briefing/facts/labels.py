"""Short key-figures labels (`indicator_zh`): the whole noun phrase a figure counts, never a cut word.

The label is the clause before the number with time words, filler verbs and qualifiers taken off
(预计全市地区生产总值增长5.2% → 地区生产总值), starting after any earlier figure of the clause
(审核单位1家、环保强制性清洁生产审核单位13家 → 环保强制性清洁生产审核单位). A change names what changed:
its subject, found in its clause or else in the figure it follows (社会消费品零售总额353564亿元，同比增长3.3%
→ 社会消费品零售总额同比增速).
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from briefing import regex_cache
from briefing.facts.context import strip_byline
from briefing.facts.places import gazetteer
from briefing.facts.quantities import Mention, clause_start
from briefing.facts.tables import TailWords, compiled, read_toml

TIME = (
    r"上半年|下半年|今年|明年|全年|年内|年底前|近年来|去年|上年|过去[一二三四五六七八九十]年|前三季度|"
    r"[一二三四]季度|“?十[三四五]五”?(?:期间|时期)|\d{1,2}-\d{1,2}月|\d{1,2}月(?:底前?|份)?|(?:19|20)\d{2}年度?"
)
FILLER_HEAD = regex_cache.compile(
    rf"^(?:(?:{TIME})[，,]?|全区|全市|全省|全县|我区|本市|其中|同时|此外|共计|累计|已经|已|预计|力争|确保|将|"
    r"实现|完成|当季|分季度看|按不变价格计算)+"
)


@cache
def _words() -> dict[str, Any]:
    """The words of data/indicators.toml, read once."""
    return read_toml("indicators.toml")


def _tail_words() -> list[str]:
    words = _words()
    linked = [verb + link for verb in words["tail_verbs"] for link in words["tail_verb_links"]]
    return linked + words["tail_words"]


FILLER_TAIL = TailWords.any_of(_tail_words())
"""Filler words a label does not end with (…达到, …增长到, …共计), data/indicators.toml."""
# The sources below are compiled on first use (tables.compiled): each waits behind a rarer case or a
# character test, and a short run never needs most of them.
INNER_VERB = r"(?:累计)?(?:实现|完成)(?=[\u4e00-\u9fff]{2,6}$)"
"""规模以上文化产业法人单位累计实现收入 → …法人单位收入: the verb between a subject and its measure."""
CHANGE_TAIL = TailWords(
    r"(?:同比|环比|比上年同期|比上年|较上年|比去年同期|比去年|较去年|比上月|较上月|较年初|名义|实际)*"
    r"(?:增长|下降|上涨|下跌|提高|降低|减少|增加|回落|改善|上升|增速|增幅|降幅|涨幅|下滑)$"
)
RANK_TAIL = (
    r"(?:(?:均|都|虽|已|仍)?(?:提升至|上升至|升至|位居|稳居|跃居|排名|位列|名列|居|排|列)"
    r"(?:全市|全区|全国|全省)?)+$"
)
FROM_TAIL = rf"(?:从|由)(?:{TIME})?的?$"
"""生产总值从2020年的3.68万亿元…: the starting point of a from–to pair is not part of the subject."""
TO_LEG = rf"^(?:增长|提高|提升|增加|扩大|上升|跃升|下降|降低|减少|回落)?(?:到|至)(?:{TIME})?的?$"
"""…增长到2025年的4.93万亿元: the end point of a from–to pair, which shares the subject of its start."""
PAIR_START = r"(?:从|由)(?=.+(?:到|至))"
"""The start of a from–to pair (从…增长到…) in a clause."""
COMPARED_TAIL = TailWords(r"(?:同比|环比|比上年同期|比上年|较上年|比去年同期|比去年|较去年)+$")
CIRCUMSTANCE = r"^在(.+?)(?:中|上|里)$"
"""在2024年度垃圾分类考核中，海淀区排名全市第二: the ranking the clause before names."""
LIST_JOINT = "、，,和及与并且的"
"""Marks and words joining a figure to the one before it (…、, 和…): not part of its label."""
BREAKS = "、的在对把与和及"
MAX_LABEL = 24
AFTER_STOP = r"[，,；;。！？!?、]"
SUBJECT = r"[^，,；;。！？!?\d０-９一二三四五六七八九十两]*"
"""The words opening a sentence, before its first clause stop or numeral: where its subject is named."""


def respective_labels(text: str, start: int, at: int, count: int) -> list[str] | None:
    """Labels of the `count` figures after 分别 at `at` in the clause starting at `start`, in order
    (A、B分别增长x%、y% → A, B; 食品、石化等产业增加值分别… → 食品产业增加值, 石化产业增加值), or None when
    the subjects listed before 分别 do not match the figures one for one."""
    subject = COMPARED_TAIL.cut(_clean(strip_byline(text[start:at].strip())))
    items, _, tail = subject.partition("等")
    names = [n for n in re.split(r"[、和及与]", items) if n]
    if count < 2 or len(names) != count:
        return None
    if not tail:  # 人参、食用菌全产业链产值: the measure the last item writes out is everyone's
        shared = next((w for w in _measure_nouns() if names[-1].endswith(w)), "")
        nouns = _measure_nouns()
        names = [name if name.endswith(nouns) else name + shared for name in names]
    return [_shorten(name + tail) for name in names]


def comparison_label(
    text: str, mention: Mention, previous: Mention | None, subject: str, start: int
) -> str | None:
    """Label of a figure that compares the figure before it with another place or time (某某率达到90%、
    高于全国平均水平3个百分点 → 某某率高于全国平均水平; 增速比一季度加快0.2个百分点 → …比一季度加快): the
    subject of that figure (`subject`) and the comparison; None when the figure compares nothing or
    only with the year before (比上年增长: an ordinary change). `start`: where the figure's clause starts
    (`clause_start` of its number, which the caller has at hand for every label of the figure)."""
    if not subject:
        return None
    own_start = previous.end if previous is not None and previous.end > start else start
    words = text[own_start : mention.start]
    if _comparative_starts().isdisjoint(words):  # the head is made of these characters, none opens one
        return None
    head = _clean(strip_byline(words.strip()).lstrip(LIST_JOINT))
    if not head.startswith(_comparatives()):
        return None
    rest = CHANGE_TAIL.cut(head)
    if not rest or COMPARED_TAIL.pattern.fullmatch(rest):
        return None
    return subject + head


def bare_change_label(label: str, subject: str) -> str | None:
    """Label of a figure whose clause names only a change (某某产量120万吨，同比增长近1倍 → 某某产量同比增长):
    the subject of the figure before it (`subject`) and the change; None when the label names more."""
    if not subject or not label or CHANGE_TAIL.cut(label):
        return None
    return subject + label


def share_label(
    text: str, mention: Mention, previous: Mention | None, subject: str, start: int
) -> str | None:
    """Label of a share stated in a clause of its own after the figure it divides (林地面积97万公顷，
    占全域面积四成 → 林地面积占全域面积比重): that figure's subject (`subject`), the share, and a noun
    naming it; None for any other figure. `start`: where the figure's clause starts (`clause_start`)."""
    if not subject or mention.unit != "percent":
        return None
    own_start = previous.end if previous is not None and previous.end > start else start
    head = _clean(text[own_start : mention.start].strip().lstrip(LIST_JOINT))
    words = _words()
    if not head.startswith(words["share_opening"]):
        return None
    return subject + head + ("" if head.endswith(tuple(words["share_nouns"])) else words["share_nouns"][0])


@cache
def _action_verbs() -> tuple[str, ...]:
    return tuple(_words()["action_verbs"])


@cache
def _action_verb_ends() -> frozenset[str]:
    """The last characters of the action verbs: a head ending otherwise ends with none of them (most
    heads; a set look-up, where `endswith` tries each of ~50 verbs)."""
    return frozenset(verb[-1] for verb in _action_verbs())


@cache
def _comparatives() -> tuple[str, ...]:
    return tuple(_words()["comparatives"])


@cache
def _comparative_starts() -> frozenset[str]:
    """The first characters of the comparatives: a figure's words without any of them compare nothing
    (most figures; cleaning only takes characters away, so it cannot make one)."""
    return frozenset(word[0] for word in _comparatives())


@cache
def _measure_nouns() -> tuple[str, ...]:
    return tuple(sorted(_words()["measure_nouns"], key=len, reverse=True))


def label_of(
    text: str, mention: Mention, previous: Mention | None, following: Mention | None, start: int
) -> str:
    """Label of a level, share or rank figure: the noun phrase before it in its clause (after any earlier
    figure), or the noun after its measure word when it opens the clause (为49家驻区中央单位…) or an item
    of a list (30家生态文明宣传教育基地、100家园艺驿站). `start` is where its clause starts (`clause_start`
    of its number): the extractor finds it once a figure for every field (SentenceAnalysis.clause_start),
    where each label function finding it again cost ~1 µs a call."""
    own_start = previous.end if previous is not None and previous.end > start else start
    raw_head = strip_byline(text[own_start : mention.start].strip())
    if previous is not None and previous.start > start and compiled(TO_LEG).match(raw_head):
        return label_of(text, previous, None, mention, clause_start(text, previous.number_start))
    head = _clean(raw_head.lstrip(LIST_JOINT))
    if mention.form == "magnitude" and len(head) < 2 and previous is not None and previous.start > start:
        pair = compiled(PAIR_START).search(text, start, previous.start)
        if pair is not None:  # 产值从…增长到…、实现千亿级跨越: the size the pair's subject reached
            subject = _clean(strip_byline(text[start : pair.start()].strip()))
            if len(subject) >= 2:
                return _shorten(subject) + _words()["magnitude_label"]
    if mention.form == "rank":
        return _rank_label(text, start, head)
    # 建设12个社区食堂, 园区引进8家企业: the verb (and who acts) and what the figure counts
    if head[-1:] in _action_verb_ends() and head.endswith(_action_verbs()):
        after = _noun_after(text, mention, following)
        if len(after) >= 2:
            return _shorten(head) + after
    if ("、" in head or head.endswith("等")) and _names_examples(head, mention):  # its own first tests
        after = _noun_after(text, mention, following)
        if len(after) >= 3:
            return after
    # (某省连续三年…: a place alone measures nothing)
    if len(head) >= 2 and not raw_head.endswith("、") and _strip_places(head):
        return head if len(head) <= MAX_LABEL else _shorten(head)  # most labels are short already
    after = _noun_after(text, mention, following)
    if len(after) >= 2 or (own_start == start and after):
        return after
    # 简易楼3栋36户, 比例分别达60.1%和95%: the figure shares the subject of the one before it
    if previous is not None and previous.start > start:
        return _shorten(_clean(strip_byline(text[start : previous.start].strip())))
    # 地区生产总值跨越3个千亿元台阶，达到1.5万亿元: a clause without a subject takes the sentence's
    # (记者从某局获悉：2030年某县茶叶产量达…: the sentence opens after the colon and the year)
    said = max(text.rfind("：", 0, start), text.rfind(":", 0, start)) + 1
    opening = compiled(SUBJECT).match(FILLER_HEAD.sub("", strip_byline(text[said:]).strip()))
    return _shorten(_clean(opening.group() if opening else ""))


def _noun_after(text: str, mention: Mention, following: Mention | None) -> str:
    """The words after a figure's measure word up to the next stop or figure (30家生态文明宣传教育基地):
    what it counts, read only where the words before it do not name that (most figures)."""
    end = following.start if following is not None and following.start > mention.end else len(text)
    return _clean(compiled(AFTER_STOP).split(text[mention.end : end], maxsplit=1)[0])[:16]


def _names_examples(head: str, mention: Mention) -> bool:
    """Whether the words before a count only name examples of what it counts, which the noun after it
    names (改造东街、西街等8条街巷; 支持甲、乙、丙3个园区: as many items listed as counted)."""
    if head.endswith("等"):
        return True
    items = head.count("、") + 1
    return mention.form == "count" and items > 1 and mention.value == items


def _rank_label(text: str, start: int, head: str) -> str:
    """什么 + 排名: the ranked measure, from the rank's clause or, when that names only the place ranked,
    from a circumstance clause before it (在…考核中)."""
    subject = _strip_places(compiled(RANK_TAIL).sub("", head))
    if len(subject) < 2 and start > 0:
        before = text[clause_start(text, start - 1) : start - 1]
        found = compiled(CIRCUMSTANCE).match(before)
        subject = _clean(found.group(1)) if found else subject
    return _shorten(subject) + "排名" if len(subject) >= 2 else head


def _strip_places(head: str) -> str:
    lex = gazetteer()
    word = lex.index.longest_at(head, 0)
    return head[len(word) :] if word is not None and word not in lex.not_places else head


def change_label(
    text: str, mention: Mention, label: str, subject: str, direction: str | None, start: int
) -> str:
    """Label of a relative change: its subject (from its own clause, else `subject`, the label of the
    figure it qualifies) and what the change is (同比增速, 降幅); `start`: where its clause starts."""
    yoy = "同比" in text[start : mention.start]
    own = CHANGE_TAIL.cut(label)
    own = _clean(own) if own != label else ""
    base = own if len(own) >= 2 else subject
    if not base:
        return label
    rise = "增幅" if mention.unit == "percentage_point" else "增速"
    return base + ("同比" if yoy else "") + ("降幅" if direction == "down" else rise)


def _clean(head: str) -> str:
    """The label words of `head`: filler words off both ends and an inner verb (…累计实现收入) out. Each
    pattern is tried only where the words it needs are there (从/由, 实现/完成; FILLER_TAIL looks at the
    last characters itself): most heads need none of them."""
    lead = FILLER_HEAD.match(head)  # the one match `sub` would take off (the pattern opens with ^)
    head = head[lead.end() :] if lead else head
    if "从" in head or "由" in head:
        head = compiled(FROM_TAIL).sub("", head)
    if head[-1:] in FILLER_TAIL.triggers:  # FILLER_TAIL.cut's own first test, without the call
        head = FILLER_TAIL.cut(head)
    if len(head) > 6 and ("实现" in head or "完成" in head):
        head = compiled(INNER_VERB).sub("", head)
    return head


def _shorten(head: str) -> str:
    """A long phrase loses its leading words up to a break (、 的 在 …), never part of a word."""
    while len(head) > MAX_LABEL:
        cut = next((i for i, ch in enumerate(head[:-4]) if ch in BREAKS), None)
        if cut is None:
            break
        head = head[cut + 1 :]
    return head
