"""The compose stage's tunables (titles, risk and target cues, limits) from briefing/data/compose.toml.

They live in a data file so that an editor can retune a brief's length or wording without touching code.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from typing import Any

from briefing.model import Bilingual
from briefing.resources import DATA_DIR


@dataclass(frozen=True)
class Limits:
    chars_per_sentence: int
    min_sentences: int
    max_sentences: int
    summary_min: int
    summary_max: int
    theme_max: int
    theme_qualitative_max: int
    targets_max: int
    risks_max: int
    key_figures_min: int
    key_figures_max: int
    facts_per_sentence: int

    def budget(self, source_chars: int) -> int:
        """Sentences the whole brief may hold: grows with the source, within [min, max]."""
        wanted = source_chars // self.chars_per_sentence
        return max(self.min_sentences, min(self.max_sentences, wanted))


@dataclass(frozen=True)
class LabelRules:
    """What makes a Chinese label a noun phrase a template can state (see compose.labels)."""

    min_chars: int
    max_chars: int
    dangling_starts: tuple[str, ...]
    dangling_ends: tuple[str, ...]
    predicate_words: tuple[str, ...]
    time_words: tuple[str, ...]
    word_end_chars: str
    connectives: tuple[str, ...]
    own_place_words: tuple[str, ...]
    first_person_words: tuple[str, ...]
    verbs_only: tuple[str, ...]
    change_links: tuple[str, ...]
    max_link_chars: int
    joining_words: tuple[str, ...]


@dataclass(frozen=True)
class Truth:
    """When a fact's period, kind and place may be stated (see compose.trust)."""

    min_confidence: dict[str, float]  # per field of compose.trust.FIELDS
    target_words: tuple[str, ...]
    doubt_score_factor: float
    geo_guess: float
    place_endings: tuple[str, ...]
    comparison_words: tuple[str, ...]


@dataclass(frozen=True)
class Titles:
    """How a brief is titled when the source's own title will not do (a digest) or has no English."""

    digest_zh: str
    digest_en: str
    digest_source_zh: str
    digest_source_en: str
    contents_zh: str
    contents_en: str
    contents_en_untranslated: str
    date_en: str
    report_en: str
    report_kinds: dict[str, str]
    report_default_en: str


@dataclass(frozen=True)
class Settings:
    titles: dict[str, Bilingual]
    risk_heading_words: tuple[str, ...]
    risk_heading_exclude: tuple[str, ...]
    risk_point_markers: tuple[str, ...]
    target_heading_words: tuple[str, ...]
    target_cue_words: tuple[str, ...]
    limits: Limits
    proper_words: frozenset[str]
    change_suffixes_zh: tuple[str, ...]
    change_suffix_en: re.Pattern[str]
    change_prefix_en: re.Pattern[str]
    per_year_en: re.Pattern[str]
    change_infix_en: re.Pattern[str]
    change_words_en: frozenset[str]
    change_words_zh: tuple[str, ...]
    action_prefixes_zh: tuple[str, ...]
    action_infixes_zh: tuple[str, ...]
    noun_endings_zh: tuple[str, ...]
    geo_suffixes_zh: tuple[str, ...]
    from_words_zh: tuple[str, ...]
    rank_en: re.Pattern[str]
    rank_scope_en: dict[str, str]
    to_words_zh: tuple[str, ...]
    labels: LabelRules
    document_titles: Titles
    truth: Truth
    untranslated: dict[str, str]


@cache
def settings() -> Settings:
    data = tomllib.loads((DATA_DIR / "compose.toml").read_text(encoding="utf-8"))
    # numbers and words as they are, word lists as tuples (the rules are frozen)
    label_rules: dict[str, Any] = {
        k: v if isinstance(v, int | str) else tuple(v) for k, v in data["labels"].items()
    }
    return Settings(
        titles={key: Bilingual(v["zh"], v["en"]) for key, v in data["titles"].items()},
        risk_heading_words=tuple(data["risks"]["heading_words"]),
        risk_heading_exclude=tuple(data["risks"]["heading_exclude"]),
        risk_point_markers=tuple(data["risks"]["point_markers"]),
        target_heading_words=tuple(data["targets"]["heading_words"]),
        target_cue_words=tuple(data["targets"]["cue_words"]),
        limits=Limits(**data["limits"]),
        proper_words=frozenset(data["english"]["proper_words"]),
        change_suffixes_zh=tuple(data["changes"]["zh_suffixes"]),
        change_suffix_en=re.compile(data["changes"]["en_suffix_pattern"], re.IGNORECASE),
        change_prefix_en=re.compile(data["changes"]["en_prefix_pattern"], re.IGNORECASE),
        per_year_en=re.compile(data["changes"]["en_per_year_pattern"], re.IGNORECASE),
        change_infix_en=re.compile(data["changes"]["en_infix_pattern"], re.IGNORECASE),
        change_words_en=frozenset(data["changes"]["en_change_words"]),
        change_words_zh=tuple(data["changes"]["zh_change_words"]),
        action_prefixes_zh=tuple(data["phrasing"]["action_prefixes_zh"]),
        action_infixes_zh=tuple(data["phrasing"]["action_infixes_zh"]),
        noun_endings_zh=tuple(data["phrasing"]["noun_endings_zh"]),
        geo_suffixes_zh=tuple(data["phrasing"]["geo_suffixes_zh"]),
        from_words_zh=tuple(data["phrasing"]["from_words_zh"]),
        rank_en=re.compile(data["ranks"]["en_pattern"], re.IGNORECASE),
        rank_scope_en=dict(data["ranks"]["scope_en"]),
        to_words_zh=tuple(data["phrasing"]["to_words_zh"]),
        labels=LabelRules(**label_rules),
        document_titles=Titles(**data["document_titles"]),
        untranslated=dict(data["untranslated"]),
        truth=Truth(
            min_confidence=dict(data["truth"]["min_confidence"]),
            target_words=tuple(data["truth"]["target_words"]),
            doubt_score_factor=data["truth"]["doubt_score_factor"],
            geo_guess=data["truth"]["geo_guess"],
            place_endings=tuple(data["truth"]["place_endings"]),
            comparison_words=tuple(data["truth"]["comparison_words"]),
        ),
    )
