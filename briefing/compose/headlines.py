"""An English gist of a news headline when the translation layer has no English for it.

With no model installed a headline (今年前N月某市疏解提质一般制造业企业N家) gets no English, and a
digest's contents line or an article's title says nothing an English reader can use. Yet a headline that
states a figure usually states one of the document's facts, and that fact has a template sentence
(subject, place, period) the brief already trusts; a headline that is a plain noun phrase may be covered
by the termbase. The gist is one of these, marked `composed`: it says what the headline is about, not
what its words are, and never passes for machine translation. A column tag in brackets at the end
(（权威发布）, （探访·城市更新）) is no part of the story; `compose.toml [headlines]` names the common ones.
"""

from __future__ import annotations

import re

from briefing.compose.group import Group, Item
from briefing.compose.realise import Realiser
from briefing.compose.select import Figure
from briefing.compose.settings import settings
from briefing.compose.trust import is_target, stateable
from briefing.model import Document, Fact, Translation

UNTRANSLATED = Translation("", "untranslated")
_KICKER = re.compile(r"^(?P<core>.*?)\s*[（(](?P<tag>[^（）()]+)[）)]\s*$", re.DOTALL)
_TAG_PARTS = re.compile(r"[·•・]")


def split_kicker(headline: str) -> tuple[str, str]:
    """The headline without a bracketed column tag at its end, and the tag's English ("" when the tag
    is not in `[headlines.column_tags]`; an unknown tag is dropped from the gist all the same)."""
    found = _KICKER.match(headline.strip())
    if not found or not found["core"]:
        return headline.strip(), ""
    tags = settings().headlines.column_tags
    tag = found["tag"].strip()
    tag_en = tags.get(tag) or tags.get(_TAG_PARTS.split(tag)[0].strip(), "")
    return found["core"], tag_en


def headline_facts(document: Document, headline: str, facts: list[Fact], start: int = 0) -> list[Fact]:
    """The facts whose figure lies in the headline's own line (found from `start` in the text)."""
    at = document.text.find(headline, start)
    if at < 0:
        return []
    end = at + len(headline)
    return sorted((f for f in facts if at <= f.span[0] and f.span[1] <= end), key=lambda f: f.span)


def headline_gist(
    document: Document, headline: str, facts: list[Fact], realiser: Realiser, start: int = 0
) -> Translation:
    """The headline's English: the layer's own when a model gives one; else the template sentence of a
    fact the headline states; else the termbase's English of the whole headline (a noun phrase); else
    none. Every gist is `composed` (with a model, the model's English keeps its `mt`)."""
    core, tag_en = split_kicker(headline)
    if realiser.layer.has_model:
        found = realiser.label(headline)
        if found.en:
            return found
    gist = _fact_gist(headline_facts(document, headline, facts, start), realiser)
    if not gist:
        found = realiser.label(core)
        gist = found.en if found.en_by in ("glossary", "composed") else ""
    if not gist:
        return UNTRANSLATED
    return Translation(f"{gist} ({tag_en})" if tag_en else gist, "composed")


def _fact_gist(facts: list[Fact], realiser: Realiser) -> str:
    """The first headline fact that can be stated and whose sentence names its subject in English,
    without its full stop; "" when none."""
    for fact in facts:
        if not stateable(fact, realiser.doubts.get(fact.id, set())):
            continue  # a place, period or target status in doubt is not stated in a gist either
        group = Group([Item(Figure(fact, 0.0))])
        made = realiser.faithful(group, target=is_target(fact))
        if made is not None and made.en and made.en_by != "untranslated":
            return made.en.rstrip(". ")
    return ""
