"""Which fields of a fact a brief may state: its period, whether it is a target, its place.

A brief sentence that adds 计划/年底前 to an achieved result, or names the wrong place, is false even when
its number is right. So the composer states a field only when it is established: the facts stage is
confident of it (`Fact.confidence`, per field or one number for all), and the document agrees with it:

- period: the sentence's own period (set by ingest from its section or lead sentence) does not say
  otherwise, unless the sentence names a time itself;
- kind (target or not): a target sits in a plan/target passage or its sentence uses a target word
  (力争, 预期, 左右 …); a result never sits in a target passage without a time of its own;
- place: the fact's place is the document's place, or is named in the figure's clause or its heading,
  or the extractor read it from strong evidence (a national figure quoted in a provincial report is not
  the province's).

A field in doubt is not stated: the sentence quotes the source clause instead, and a fact in doubt about
its place or its kind is not chosen at all (see compose.brief), since the reader would take it as a figure
of the document's own place and time.
"""

from __future__ import annotations

import re
from functools import cache

from briefing.boundaries import CLAUSE_BREAKS, CLAUSE_END, SENTENCE_ENDS
from briefing.compose.labels import names_geo, names_time, places_named, plain, raw_position
from briefing.compose.settings import settings
from briefing.model import Document, Fact, Sentence

FIELDS = ("period", "kind", "geo")
SILENT_GEO = "geo-unstated"  # a doubt that keeps the fact but never states its place


def confidence(fact: Fact, field: str) -> float:
    """The facts stage's confidence in one field of FIELDS (`Fact.confidence`)."""
    return float(getattr(fact.confidence, field))


def is_target(fact: Fact) -> bool:
    return fact.kind == "target" or fact.period.startswith("target-")


@cache
def _target_words() -> tuple[str, ...]:
    return tuple(dict.fromkeys((*settings().target_cue_words, *settings().truth.target_words)))


def doubts(
    fact: Fact, document: Document | None, sentence: Sentence | None, planned: bool, place: str | None = None
) -> set[str]:
    """Fields of `fact` (of FIELDS) a brief may not state; `planned`: its sentence is in a plan passage;
    `place`: the document's place when already known (`document_place`)."""
    floor = settings().truth.min_confidence
    out = {f for f in ("period", "kind") if confidence(fact, f) < floor[f]}
    role = sentence.role if sentence is not None else ""
    in_plan = planned or role in ("targets", "plan")
    if is_target(fact):
        if not in_plan and not _has_target_word(fact.sentence):
            out.add("kind")
        if role == "review":
            out.add("kind")
    elif in_plan or _has_target_word(_clause_before(fact, sentence)):
        out.add("kind")  # a figure of a plan passage, or after 力争/预期 in its clause, is a plan
    sentence_period = sentence.period if sentence is not None else ""
    if sentence_period and fact.period != sentence_period and not names_time(fact.sentence):
        out.add("period")
    said = _clause_period(fact, sentence, document.year if document is not None else None)
    if said is not None and said != fact.period:
        out.add("period")  # its own clause names another time (6月末… in a sentence about 上半年)
    if document is not None and place is None:
        place = document_place(document)
    geo = confidence(fact, "geo")
    if fact.geo and geo < settings().truth.geo_guess:
        # the extractor only guessed (the place the text names most, the country): where the document
        # has a place of its own the guess may be wrong; where it has none, it is only not stated
        out.add("geo" if place or document is None else SILENT_GEO)
    elif (
        fact.geo
        and geo < floor["geo"]
        and document is not None
        and not _place_established(fact, document, sentence, place or "")
    ):
        out.add("geo")  # neither the document nor the extractor's evidence establishes the place
    return out


def document_place(document: Document) -> str:
    """The place the document is about: ingest's, else an issuing government's area, else the one place
    its title names ("" when none or several: then no fact's place can be doubted against it)."""
    if document.place:
        return document.place
    if document.issuer.endswith(settings().truth.place_endings):
        return document.issuer  # 吉林省, 东城区: an issuing government speaks for its area
    named = places_named(f"{document.title} {document.issuer}")
    return next(iter(named)) if len(named) == 1 else ""


def _place_established(fact: Fact, document: Document, sentence: Sentence | None, own: str) -> bool:
    """Is the fact's place the document's own (or unknown to compare with), or named where it stands?
    In a document of several articles, an article whose headline names places speaks of those."""
    if sentence is not None and sentence.article is not None and len(document.articles) > 1:
        named = places_named(plain(document.articles[sentence.article].headline))
        if named:
            return fact.geo in named or _clause_names_place(fact, sentence)
    if not own or fact.geo == own:
        return True
    heading = document.heading_of(sentence) if sentence is not None else ""
    return names_geo(heading, fact.geo) or _clause_names_place(fact, sentence)


_CLAUSE_ENDS = re.escape(SENTENCE_ENDS + CLAUSE_BREAKS)  # marks that end a clause, for a character class
CLAUSE_WINDOW = 80  # characters looked back for the figure's clause: bounded work on run-on text


def _clause_period(fact: Fact, sentence: Sentence | None, year: int | None) -> str | None:
    """The period a time word in the figure's own clause, before it, names (the facts stage's markers);
    None when the clause names no time."""
    from briefing.facts.classify import resolve
    from briefing.facts.lexicon import periods

    before = _clause_before(fact, sentence)
    if not before or not periods().names_time(before):
        return None
    for marker in periods().markers:
        if marker.scope == "clause" and (match := marker.pattern.search(before)):
            return resolve(marker, match, year)
    return None


def _has_target_word(text: str) -> bool:
    return any(w in text for w in _target_words())


def _clause_before(fact: Fact, sentence: Sentence | None) -> str:
    """The words of the figure's clause before it ("" when the raw is not found in its sentence)."""
    at = raw_position(fact, sentence)
    if at < 0:
        return ""
    return CLAUSE_END.split(fact.sentence[max(0, at - CLAUSE_WINDOW) : at])[-1]


def _clause_names_place(fact: Fact, sentence: Sentence | None) -> bool:
    """The clause of the figure names the fact's place before it, as its subject's place: not as a
    yardstick (高于全国, 居全国第7位 speak of the document's place compared with the country)."""
    before = _clause_before(fact, sentence)
    for word in settings().truth.comparison_words:
        before = re.sub(f"{re.escape(word)}[^{_CLAUSE_ENDS}]{{0,8}}", "", before)
    return names_geo(before, fact.geo)


def assess(document: Document, facts: list[Fact], planned: set[int]) -> dict[str, set[str]]:
    """Doubted fields of every fact of `document` (keyed by fact id); `planned`: plan-passage sentences."""
    from briefing.compose.salience import sentence_of

    out: dict[str, set[str]] = {}
    place = document_place(document)
    for fact in facts:
        sentence = sentence_of(document, fact)
        index = sentence.index if sentence is not None else -1
        out[fact.id] = doubts(fact, document, sentence, index in planned, place)
    return out


def stateable(fact: Fact, doubted: set[str]) -> bool:
    """May a fact with these doubts be stated at all? Not when its place, period or target status is in
    doubt (the reader would take it for a figure of the document's own place and time, or a result for a
    plan: a brief is read without its source at hand), nor
    when its number is part of a name: inside a title (《…第十五个五年规划纲要》) or a small count
    written in words (两个市场, 三大行动), which is a slogan rather than a measurement."""
    from briefing.compose.salience import is_rhetorical

    return not (doubted & set(FIELDS)) and not _inside_title(fact) and not is_rhetorical(fact)


def _inside_title(fact: Fact) -> bool:
    at = fact.sentence.find(fact.raw)
    if at < 0:
        return False
    before = fact.sentence[:at]
    return before.count("《") > before.count("》")


def trusted_score(fact: Fact, score: float) -> float:
    """Facts without a period come after those whose period is established."""
    if fact.period == "unspecified":
        return score * settings().truth.doubt_score_factor
    return score
