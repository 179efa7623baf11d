"""Can a fact's Chinese label carry a template sentence, and if not, which words of the source can?

A template writes 〈period〉，〈place〉〈label〉为〈figure〉. That reads well only when the label is a noun
phrase naming what is counted (新设外商投资企业, 细颗粒物浓度). Labels cut from running text are often
not: a headline fragment (前11月北京疏解提质…), a predicate (数量稳居全市), a phrase that ends mid-way
(…为全国平均水平的) or that repeats the period or place the template adds. Such a label is refused here,
and the sentence is written from the clause of the source that states the figure instead: the writer's
own words are always correct, and report style reads naturally when quoted clause by clause.

The word lists live in compose.toml `[labels]`; time words come from the facts stage's period markers,
place names from its place lexicon, so the three stages agree on what a period or a place looks like.
"""

from __future__ import annotations

import bisect
import re
from functools import cache

from briefing.boundaries import CLAUSE_BREAKS, CLAUSE_END, CLAUSE_MARKS, PAIRS
from briefing.compose.settings import settings
from briefing.model import Fact, Sentence

# A figure's digits in a label (…企业104家), but not the digits of a name (PM2.5, 5G, 22号线 is caught).
_FIGURE_DIGITS = re.compile(r"(?<![A-Za-z.\d])[0-9０-９]+(?:\.\d+)?(?![A-Za-z.\d])")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_HALF_WIDTH = {",": "，", ";": "；"}
# Markdown marks a source may carry into a sentence (### 标题, **加粗**, __强调__, > 引文): never printed.
_MARKDOWN = re.compile(r"^\s*(?:#{1,6}|>)\s*|\*\*|__|(?<![\w*])\*(?=\S)|(?<=\S)\*(?![\w*])")


def plain(text: str) -> str:
    """`text` without Markdown marks (headline hashes, bold and italic stars, quote marks)."""
    return _MARKDOWN.sub("", text).strip()


@cache
def _time_words() -> re.Pattern[str]:
    """Words that name a period: the facts stage's clause and sentence markers, its target words, ours."""
    from briefing.facts.lexicon import periods

    lex = periods()
    parts = [m.pattern.pattern for m in lex.markers if m.scope != "block"]
    parts += [lex.targets.pattern, *map(re.escape, settings().labels.time_words)]
    unnamed = (re.sub(r"\(\?P<\w+>", "(?:", p) for p in parts)  # joined patterns may not share names
    return re.compile("|".join(f"(?:{p})" for p in unnamed))


def places_named(text: str) -> set[str]:
    """Canonical names of the places `text` names (北京 → 北京市), names of institutions left out."""
    from briefing.facts.lexicon import places

    lex = places()
    return {lex.forms[m.group()] for m in lex.pattern.finditer(text) if m.group() not in lex.not_places}


def names_time(text: str) -> bool:
    """Does `text` say when? 累计 does not: 上半年…累计实现收入 still needs its 上半年."""
    return bool(_time_words().search(text.replace("累计", "")))


def names_place(text: str, geo: str) -> bool:
    """Does `text` name `geo` (or a form of it: 东城 for 东城区), or speak of it as 全区/我区?"""
    rules = settings().labels
    if any(word in text for word in rules.own_place_words):
        return True
    return names_geo(text, geo)


def names_geo(text: str, geo: str) -> bool:
    """Does `text` name `geo` itself (东城区 or 东城, 广西 for 广西壮族自治区), not only as 全区/我市?"""
    return bool(geo) and (geo in places_named(text) or _stem(geo) in text or geo in divisions_named(text))


def divisions_named(text: str) -> set[str]:
    """Full names of the administrative divisions `text` names by any of their forms (广西 → 广西壮族自治区),
    from the national gazetteer, so a sentence never names its place twice (广西壮族自治区广西…)."""
    from briefing.places import find_places

    return {mention.division.name for mention in find_places(text)}


def _stem(geo: str) -> str:
    for suffix in settings().geo_suffixes_zh:
        if geo.endswith(suffix) and len(geo) - len(suffix) >= 2:
            return geo[: -len(suffix)]
    return geo


def label_problem(fact: Fact, label: str, sentence: Sentence | None = None) -> str:
    """Why `label` cannot name `fact` in a template sentence ("" when it can)."""
    rules = settings().labels
    if not label:
        return "no label"
    if _FIGURE_DIGITS.search(label) or fact.raw in label:
        return "holds a figure"
    if not rules.min_chars <= len(label) <= rules.max_chars:
        return "length"
    if plain(label) != label:
        return "holds Markdown marks"
    if any(label.count(a) != label.count(b) for a, b in PAIRS.items()):
        return "cuts a title or quotation in half"
    if label not in fact.sentence:
        return "not a phrase of its source sentence"
    if label.endswith(rules.dangling_ends) or label.startswith(rules.dangling_starts):
        return "dangling word"
    if any(word in label for word in rules.predicate_words):
        return "predicate, not a noun phrase"
    if fact.period != "unspecified" and names_time(label):
        return "repeats the period"
    if fact.geo and places_named(label) - {fact.geo}:
        return "names another place than the fact's"
    if _is_headline(fact, sentence):
        return "headline fragment"
    if not _starts_at_word(label, fact.sentence):
        return "starts mid-word"
    return _link_problem(fact, label, sentence)


def source_link(fact: Fact, label: str, sentence: Sentence | None = None) -> str:
    """The verb that joins `label` to the figure in the source (达到, 控制在, 保持在), when it is one of
    the joining words; "" otherwise."""
    at = raw_position(fact, sentence)
    end = fact.sentence.rfind(label, 0, at + 1) if label and at >= 0 else -1
    if end < 0:
        return ""
    link = fact.sentence[end + len(label) : at]
    return link if link in settings().labels.joining_words else ""


def _link_problem(fact: Fact, label: str, sentence: Sentence | None) -> str:
    """Does the source join the label to the figure as the template will (为 for a level, 增长/下降 for
    a change)? A template that says 增长 where the source says 为 (贡献率为68.8% → 贡献率增长68.8%), or
    that pairs a label with a figure of another clause, states something the source does not."""
    from briefing.compose.group import is_relative_change

    at = raw_position(fact, sentence)
    if at < 0:
        return ""  # the figure is not found in its sentence: nothing to compare with
    end = fact.sentence.rfind(label, 0, at + 1)
    if end < 0:
        return "not before its figure"
    link = fact.sentence[end + len(label) : at]
    rules = settings().labels
    if len(link) > rules.max_link_chars or CLAUSE_END.search(link):
        return "separated from its figure"
    says_change = any(word in link for word in rules.change_links)
    if is_relative_change(fact) and not says_change and not label.endswith(rules.change_links):
        return "the source states no change here"
    if not is_relative_change(fact) and says_change:
        return "the source states a change here"
    if fact.kind == "change_abs":
        return "an amount added is stated in the source's words"
    return ""


def _is_headline(fact: Fact, sentence: Sentence | None) -> bool:
    """A headline states its figure in its own words; a label cut from it is a fragment of that line."""
    if sentence is not None:
        return sentence.is_heading
    return bool(fact.article) and fact.sentence.strip() == fact.article.strip()


def _starts_at_word(label: str, text: str) -> bool:
    """A label found in the source must start where a word can start (not 模以上… of 规模以上…)."""
    at = text.find(label)
    if at <= 0:
        return True
    before = text[at - 1]
    if not _HAN.match(before) or before in settings().labels.word_end_chars:
        return True
    verbs = (*settings().action_prefixes_zh, *settings().action_infixes_zh)
    return text[:at].endswith(verbs)  # 实现|区级税收: the label follows its verb


# ---------------------------------------------------------------- the source's own clause


def raw_position(fact: Fact, sentence: Sentence | None) -> int:
    """Index of the fact's raw in its sentence text (by source offset when the sentence is known)."""
    if sentence is not None and sentence.text == fact.sentence:
        at = bisect.bisect_left(sentence.offsets, fact.span[0])  # offsets only grow along the text
        if at < len(sentence.offsets) and sentence.offsets[at] == fact.span[0]:
            return at
    return fact.sentence.find(fact.raw)


def _clause_bounds(text: str, at: int) -> tuple[int, int]:
    start = max((m.end() for m in CLAUSE_END.finditer(text, 0, at)), default=0)
    found = CLAUSE_END.search(text, at)
    return start, found.start() if found else len(text)


def clause_span(facts: list[Fact], sentence: Sentence | None = None) -> tuple[int, int] | None:
    """[start, end) in the sentence text of the clause(s) stating `facts` (all of one sentence), widened
    back over clauses without figures until it names a subject; None when no subject can be had without
    quoting another figure (新增24种 after 鸟类有527种)."""
    text = facts[0].sentence
    positions = [(p, p + len(f.raw)) for f in facts if (p := raw_position(f, sentence)) >= 0]
    if not positions:
        return None
    first = min(p for p, _ in positions)
    start, _ = _clause_bounds(text, first)
    _, end = _clause_bounds(text, max(e for _, e in positions) - 1)
    while not _has_subject(text[start:first]):
        if start == 0:
            return None
        earlier, _ = _clause_bounds(text, start - 1)
        if any(c.isdigit() for c in text[earlier:start]):
            return None  # the subject sits with another figure: quoting it would state that one too
        start = earlier
    return start, end


def source_clause(facts: list[Fact], sentence: Sentence | None = None) -> str:
    """The source's own words for `facts`, cleaned for quoting; "" when they name no subject."""
    span = clause_span(facts, sentence)
    return _tidy(facts[0].sentence[span[0] : span[1]]) if span else ""


def subject_words(fact: Fact, sentence: Sentence | None = None) -> str:
    """The words that name what the figure counts, cut from its own clause: the clause before the
    figure without connectives, time words and the verb joining it to the figure (6月末广义货币供应量
    同比增长8.3% → 广义货币供应量); "" when what is left is not a plausible subject."""
    at = raw_position(fact, sentence)
    if at < 0:
        return ""
    rules = settings().labels
    words = CLAUSE_END.split(fact.sentence[max(0, at - 60) : at])[-1]
    words = _time_words().sub("", _strip_openers(plain(words)))
    joins = sorted(
        {*rules.change_links, *rules.verbs_only, *settings().change_words_zh, *rules.joining_words},
        key=len,
        reverse=True,
    )
    changed = True
    while changed:
        changed = False
        for word in joins:
            if words.endswith(word) and len(words) > len(word):
                words = words[: -len(word)]
                changed = True
    words = words.strip(CLAUSE_MARKS + " 的")
    if not rules.min_chars <= len(words) <= rules.max_chars or _FIGURE_DIGITS.search(words):
        return ""
    if words.endswith(rules.dangling_ends) or words.startswith(rules.dangling_starts):
        return ""
    if any(word in words for word in rules.predicate_words):
        return ""
    return words


def _strip_openers(text: str) -> str:
    """Leading connectives (其中, 此外, 同时, 并) and spaces: they tie the clause to words we leave out."""
    rules = settings().labels
    text = text.strip(" \u3000")
    changed = True
    while changed:
        changed = False
        for word in rules.connectives:
            if text.startswith(word) and len(text) > len(word) + 2:
                text = text[len(word) :].lstrip(CLAUSE_BREAKS + " \u3000")
                changed = True
    return text


def _has_subject(before: str) -> bool:
    """Do the words before the figure name what is counted (not only when, where, or a verb)?"""
    rules = settings().labels
    rest = _time_words().sub("", _strip_openers(before))
    from briefing.facts.lexicon import places

    rest = places().pattern.sub("", rest)
    for word in (*rules.own_place_words, *rules.first_person_words):
        rest = rest.replace(word, "")
    for word in sorted((*settings().action_prefixes_zh, *rules.verbs_only), key=len, reverse=True):
        if rest.startswith(word) and len(rest) == len(word):
            return False
    rest = rest.strip(CLAUSE_MARKS + " 的")
    return len(rest) >= rules.min_chars and not rest.startswith(rules.dangling_starts)


def _tidy(clause: str) -> str:
    clause = _strip_openers(plain(clause))
    for a, b in PAIRS.items():  # a quotation or title cut at the clause's edge loses its lone mark
        if clause.count(a) != clause.count(b):
            clause = clause.replace(a, "").replace(b, "")
    clause = re.sub(r"(?<!\d)[,;]|[,;](?!\d)", lambda m: _HALF_WIDTH[m.group()], clause)
    return clause.rstrip(CLAUSE_MARKS + " ")


def first_person(clause: str, geo: str) -> str:
    """我区/我市 → the place's name: the brief speaks about the issuer, not as it."""
    for word in settings().labels.first_person_words:
        if word in clause and geo and geo.endswith(word[-1]):
            clause = clause.replace(word, geo)
    return clause
