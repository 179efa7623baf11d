"""One analysis per sentence: the structure every fact of a sentence is read from, computed once.

A sentence's clauses, the places it names, where its subject ends, the role and period of the section
above it and the period a lead sentence set for its passage are the same for every figure in it; the
period, kind and place of each figure are derived from this object (classify.py, context.py) rather than
re-read from the text field by field.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache, lru_cache

from briefing.facts.quantities import clause_start
from briefing.facts.tables import read_toml
from briefing.model import Confidence, Sentence

FORWARD_ROLES = frozenset({"targets", "plan"})
"""Section roles whose figures are commitments (kind target), not results."""


@dataclass(frozen=True)
class Default:
    """The period a passage gets when its sentences name none, and what its section does (its role)."""

    period: str = "unspecified"
    role: str = ""  # model.ROLES
    explicit: bool = False  # set by a heading or the title (then weak markers like 累计 do not apply)
    # whether the role is a forward one (its figures are targets): set once, read for every figure
    target: bool = field(init=False, default=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "target", self.role in FORWARD_ROLES)


@dataclass
class SentenceThemes:
    """The theme keywords of one sentence and the weights of the text around it, read once for all its
    figures (context.theme_of)."""

    hits: list[tuple[int, int, list[str]]]  # (start, end, themes) of each keyword, in text order
    starts: list[int]  # the start of each hit, for finding a clause's hits by bisection
    by_theme: dict[str, list[int]]  # theme → the starts of its hits, themes in order of their first hit
    around: dict[str, float]  # keyword weights of the paragraph opening, the section heading, the headline
    regional: bool  # whether `regional` is a theme of the run (the pull of partner places)


@dataclass(slots=True)
class SentenceAnalysis:
    """The shared structure of one sentence (offsets index `sentence.text`)."""

    sentence: Sentence
    text: str  # the sentence's text (a field, not a property: every field of every figure reads it)
    paragraph: int  # paragraph number in the document
    default: Default  # role and period of the section above
    passage: str | None  # period a lead sentence set for the passage, None where none did
    places: list[tuple[int, int, str]]  # (start, end, name) of the places it names that a figure can be about
    byline_end: int  # end of a byline or dateline opening it (本报讯（记者 …）), else 0
    subject_end: int  # end of its first clause after the byline: where its subject is named
    heading: str  # the section heading or article headline it sits under (Document.heading_of)
    openings: dict[int, str | None] = field(default_factory=dict)  # clause start → period opening before it
    themes: SentenceThemes | None = None  # made by the first figure asking (one themes file a run)
    time_cue: int | None = None  # periods().first_cue of the text, read by the first figure asking
    clause_at: dict[int, int] = field(default_factory=dict)  # offset → start of its clause, as asked
    place_above: tuple[str, str] | None = None  # (geo, evidence) from above the sentence, once asked

    def clause_start(self, at: int) -> int:
        """Start of the clause holding offset `at`, found once an offset (period, kind, place and theme
        of a figure all ask about its number's clause)."""
        found = self.clause_at.get(at)
        if found is None:
            found = self.clause_at[at] = clause_start(self.text, at)
        return found


@cache
def _levels() -> dict[str, dict[str, float]]:
    return read_toml("confidence.toml")


@lru_cache(maxsize=512)
def confidence(period: str, kind: str, geo: str, reading: float = 1.0) -> Confidence:
    """Confidence of a fact from the evidence each field was read from (data/confidence.toml), lowered
    for every field when the number itself was read with doubt (`reading` below 1). Facts read from the
    same evidence share one (frozen) object."""
    levels = _levels()
    return Confidence(
        period=round(levels["period"][period] * reading, 3),
        kind=round(levels["kind"][kind] * reading, 3),
        geo=round(levels["geo"][geo] * reading, 3),
    )
