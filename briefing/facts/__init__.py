"""Quantitative facts of a Document: every number that quantifies something, with its unit, qualifier,
kind, direction, period, place, theme and a short label, each traced back to its span in the source.

Rule- and data-driven (briefing/data/measure_words.toml, exclusions.toml, periods.toml, kinds.toml,
places.toml, themes.toml, indicators.toml, confidence.toml) over the shared gazetteer of administrative
divisions (briefing/places.py); no model. Each sentence holding figures is analysed once (analysis.py:
its clauses, places, section role and passage period) and every field of its facts is derived from that,
with a confidence per field from the evidence it was read from.
"""

from __future__ import annotations

import re

from briefing.facts.analysis import SentenceAnalysis, confidence
from briefing.facts.classify import kind_of, period_of
from briefing.facts.context import DocContext, document_context, geo_of, theme_of
from briefing.facts.labels import (
    bare_change_label,
    change_label,
    comparison_label,
    label_of,
    respective_labels,
    share_label,
)
from briefing.facts.lexicon import load_themes
from briefing.facts.quantities import Mention, find_quantities
from briefing.facts.render import (
    facts_to_csv,
    facts_to_jsonl,
    facts_to_table,
    format_facts,
    format_facts_in_parts,
)
from briefing.facts.tables import compiled
from briefing.model import Document, Fact, Sentence

__all__ = [
    "extract_facts",
    "facts_to_csv",
    "facts_to_jsonl",
    "facts_to_table",
    "format_facts",
    "format_facts_in_parts",
    "load_themes",
]

SHARED_RANK = r"([^，,；;。：:]*、[^，,；;。：:]*?)(?:均|都|皆)(?:居|位居|排名|列|位列)[^，,；;。]*$"
"""接件数量、答复率均居全市第一: one rank shared by several indicators (compiled when a rank asks)."""
TWIN_WINDOW = 60


def extract_facts(
    document: Document,
    *,
    themes_file: str | None = None,
) -> list[Fact]:
    """Every quantitative fact of `document`, in document order, ids `<doc>#1`, `<doc>#2`, …

    `indicator_en` is left empty: the pipeline translates all labels of a document in one batch."""
    ctx = document_context(document)
    facts: list[Fact] = []
    for sentence in document.sentences:
        text = sentence.text
        mentions = find_quantities(text)
        if not mentions:
            continue
        analysis = ctx.analyse(sentence, mentions)
        # Where each figure's clause starts: every label below and every field of the fact (period,
        # kind, place, theme) asks, and the analysis finds it once an offset.
        starts = [analysis.clause_start(mention.number_start) for mention in mentions]
        stated: list[Fact] = []  # the facts of this sentence so far (the tail of `facts`)
        for i, mention in enumerate(mentions):
            start = starts[i]
            indicators, named = _indicators(text, mentions, starts, i)
            for indicator in indicators:
                fact = _fact(ctx, analysis, mention, indicator, themes_file)
                relative = _is_relative_change(fact)
                if relative:
                    own = indicator if named else _respective_subject(stated, text, mentions, starts, i)
                    subject = own or _subject(ctx, facts, sentence)
                    fact.indicator_zh = change_label(text, mention, indicator, subject, fact.direction, start)
                before = mentions[i - 1] if i else None
                # The first of these labels that applies names the figure; each needs a subject and is not
                # asked without one (it would say None), nor once an earlier one applied.
                previous_label = _previous_label(stated)
                label = previous_label and comparison_label(text, mention, before, previous_label, start)
                if not label and mention.unit == "percent":  # only a percentage can be a share
                    subject = _subject(ctx, facts, sentence)
                    label = share_label(text, mention, before, subject, start) if subject else None
                if not label and previous_label and not relative:  # a change named alone, after a figure
                    label = bare_change_label(fact.indicator_zh, previous_label)
                if label:
                    fact.indicator_zh = label
                facts.append(fact)
                stated.append(fact)
    _align_headlines(ctx, facts)
    for n, fact in enumerate(facts, 1):
        fact.id = f"{document.doc}#{n}"
    return facts


def _indicators(text: str, mentions: list[Mention], starts: list[int], i: int) -> tuple[list[str], bool]:
    """The indicator label(s) of the i-th mention of sentence `text` (`starts`: where each mention's
    clause starts): the k-th subject of a 分别 list, one per listed indicator when a rank is shared, else
    the noun phrase before it; and whether the label names the subject of a change itself (a 分别 list
    does)."""
    mention = mentions[i]
    previous = mentions[i - 1] if i else None
    following = mentions[i + 1] if i + 1 < len(mentions) else None
    start = starts[i]
    at = text.find("分别", start, mention.start)
    if at >= 0:
        listed = [m for m, s in zip(mentions, starts, strict=True) if m.start > at and s == start]
        respective = respective_labels(text, start, at, len(listed))
        if respective is not None:
            return [respective[listed.index(mention)]], True
    label = label_of(text, mention, previous, following, start)
    if mention.form != "rank":
        return [label], False
    shared = compiled(SHARED_RANK).search(text[: mention.start])
    if not shared:
        return [label], False
    names = [n.strip() for n in re.split(r"[、和及]", shared.group(1)) if n.strip()]
    return ([f"{name}排名" for name in names] if len(names) > 1 else [label]), False


def _is_relative_change(fact: Fact) -> bool:
    """同比增长3.3%, 提高0.8个百分点, a growth target: a change stated relative to its subject."""
    relative = fact.kind in ("change_pct", "change_abs", "target") and fact.direction is not None
    return relative and fact.unit in ("percent", "percentage_point")


def _respective_subject(
    sentence_facts: list[Fact], text: str, mentions: list[Mention], starts: list[int], i: int
) -> str:
    """实际使用外资9126万美元,外贸进出口总额575.9亿元,分别同比下降66%、44.9%: the k-th change of a 分别
    list qualifies the k-th figure stated before it (`sentence_facts`: the facts of the sentence `text` so
    far; `starts`: where each mention's clause starts)."""
    start = starts[i]
    if "分别" not in text[start : mentions[i].start]:
        return ""
    listed = [m for m, s in zip(mentions, starts, strict=True) if s == start]
    stated = [f for f in sentence_facts if not _is_relative_change(f)]
    position = listed.index(mentions[i])
    if len(stated) < len(listed):
        return ""
    return stated[len(stated) - len(listed) + position].indicator_zh


def _previous_label(sentence_facts: list[Fact]) -> str:
    """Label of the figure stated just before in the same sentence (not a rank; of the sentence's last six
    facts `sentence_facts`), "" if none."""
    for fact in reversed(sentence_facts[-6:]):
        if fact.kind != "rank":
            return fact.indicator_zh
    return ""


def _subject(ctx: DocContext, facts: list[Fact], sentence: Sentence) -> str:
    """Label of the figure a change qualifies: the last stated figure of the sentence, or of the sentence
    before it in the same paragraph (国内生产总值949746亿元，…同比增长4.8%。分季度看，一季度同比增长5.3%)."""
    paragraph = ctx.paragraph_of[sentence.index]
    for fact in reversed(facts[-12:]):
        if ctx.paragraph_of[fact.sentence_index] != paragraph or fact.sentence_index < sentence.index - 1:
            break
        if not _is_relative_change(fact) and fact.kind != "rank":
            return fact.indicator_zh
        if _is_relative_change(fact) and fact.sentence_index < sentence.index:
            return ""  # the sentence before speaks of changes only; their subject is not ours to guess
    return ""


def _fact(
    ctx: DocContext, analysis: SentenceAnalysis, mention: Mention, indicator: str, themes_file: str | None
) -> Fact:
    document = ctx.document
    sentence = analysis.sentence
    text = sentence.text
    period, target, period_evidence = period_of(mention, analysis, ctx.year)
    kind, direction, kind_evidence = kind_of(mention, analysis, target)
    geo, geo_evidence = geo_of(ctx, analysis, mention)
    # By position, in the order of Fact's fields: a data class's __init__ binds 21 keywords at ~0.6 µs more
    # a call than as many positions, one call per figure (a test checks each field's value by name).
    return Fact(
        document.doc,  # doc
        "",  # id
        text[mention.start : mention.end],  # raw
        sentence.source_span(mention.start, mention.end),  # span
        text,  # sentence
        mention.value,  # value
        mention.unit,  # unit
        mention.measure_word,  # measure_word
        mention.qualifier,  # qualifier
        indicator,  # indicator_zh
        "",  # indicator_en
        "",  # indicator_en_by
        period,  # period
        kind,  # kind
        direction,  # direction
        geo,  # geo
        theme_of(ctx, analysis, mention, geo, themes_file),  # theme
        analysis.heading,  # article
        mention.value_max,  # value_max
        confidence(period_evidence, kind_evidence, geo_evidence, mention.confidence),  # confidence
        sentence.index,  # sentence_index
    )


def _align_headlines(ctx: DocContext, facts: list[Fact]) -> None:
    """A figure restated in a headline or sub-heading takes the reading of its first mention in the body
    below (the body has the context the headline leaves out)."""
    sentences = ctx.document.sentences
    for i, fact in enumerate(facts):
        if not sentences[fact.sentence_index].is_heading:
            continue
        for body in facts[i + 1 : i + 1 + TWIN_WINDOW]:
            body_sentence = sentences[body.sentence_index]
            if body_sentence.is_heading or body_sentence.article != sentences[fact.sentence_index].article:
                continue
            if body.value == fact.value and body.unit == fact.unit:
                fact.period, fact.kind, fact.direction = body.period, body.kind, body.direction
                fact.geo, fact.theme, fact.confidence = body.geo, body.theme, body.confidence
                break
