"""English for qualitative sentences, and the number check every English sentence must pass.

A number in English that differs from its fact would be published as the source's claim, so an English
sentence that fails the check is never published. It never costs the document its brief either: the
caller falls back to the source's own Chinese clause (its figure as written) without English, or leaves
the sentence out, and the run warns once naming the figure (`warn_misstated`).
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from briefing.model import Fact, Translation

if TYPE_CHECKING:
    from briefing.translate import Translator

_warned: set[tuple[str, str]] = set()  # (doc, figure) already warned about in this process


def problems(en: str, facts: list[Fact]) -> list[str]:
    """Why `en` does not state the numbers of `facts` exactly (empty when it does, or when it is empty)."""
    if not en:
        return []  # nothing published in English, nothing to misstate
    from briefing.translate.fidelity import check_numbers

    return check_numbers(en, facts)


def warn_misstated(doc: str, figures: list[str], en: str) -> None:
    """One line on stderr per withheld figure (or sentence, when `figures` is empty): the user learns
    which figure has no English in the brief, and why, once per run."""
    key = (doc, "、".join(figures) or en)
    if key in _warned:
        return
    _warned.add(key)
    what = f"the figure {'、'.join(figures)}" if figures else "a sentence"
    print(
        f"briefing: {doc}: warning: English withheld for {what}: {en[:90]!r} does not state the "
        "source's figures exactly; the brief quotes the source instead",
        file=sys.stderr,
    )


def translate(layer: Translator, items: list[tuple[str, list[Fact]]]) -> list[Translation]:
    """English of qualitative sentences in one batch; an empty text when none could be made."""
    if not items:
        return []
    out = []
    for translation in layer.sentences(items):
        if not translation.en.strip():
            translation = Translation("", "untranslated")
        out.append(translation)
    return out
