"""English for qualitative sentences, and the number check every English sentence must pass.

A number in English that differs from its fact would be published as the source's claim, so a failed
check is never smoothed over: it raises, and the brief of that document is not written.
"""

from __future__ import annotations

from briefing.model import Fact, Translation


class FidelityError(RuntimeError):
    """An English sentence misstates a number of the facts it carries (a bug, never a user error)."""


def check(en: str, facts: list[Fact], zh: str) -> None:
    """Raise FidelityError when `en` does not state the numbers of `facts` exactly."""
    if not en:
        return  # nothing published in English, nothing to misstate
    from briefing.translate.fidelity import check_numbers

    problems = check_numbers(en, facts)
    if problems:
        raise FidelityError(f"English misstates a figure ({'; '.join(problems)}): {zh} → {en}")


def translate(layer, items: list[tuple[str, list[Fact]]]) -> list[Translation]:
    """English of qualitative sentences in one batch; an empty text when none could be made."""
    if not items:
        return []
    out = []
    for translation in layer.sentences(items):
        if not translation.en.strip():
            translation = Translation("", "untranslated")
        out.append(translation)
    return out
