"""English for Chinese indicator labels and other short noun phrases, composed from the termbase by rule.

Labels are formulaic: a place, modifiers and a head (北京市 新能源汽车 年产量), or a verb and its object
(新建 充电桩), or two sides of a share (高技术制造业 占 规模以上工业 比重). A translator renders them by
convention, and so does this module, without a translation model:

1. the whole label, if the glossary or termbase has it (`termbase`);
2. cut reporting noise around it (稳定在, 全省, 从2020年; data/label_rules.toml);
3. a place at the front → "… in Beijing";
4. a two-sided pattern closed by a tail (A占B比重 → share of A in B);
5. a head of change, share or rank at the end, over all before it (…增速 → … growth);
6. a listing whose items have their own heads (甲起数和乙人数 → number of A and B);
7. any other head at the end (…年产量 → annual output of …);
8. a verb at the front (新建… → new … built);
9. a listing (甲、乙 → A and B), then open patterns (A的B → B of A; A高于B → A above B);
10. an indicator term at the end (…人均收入 → per capita income of …);
11. a front modifier English puts last (规上… → … above designated size);
12. otherwise the words in order: the label is segmented by jieba (segmenter.py: jieba's dictionary,
    with every termbase term as a user word), runs of words are matched longest-first against the
    termbase, and words it lacks are looked up in CC-CEDICT (`dictionary`: the word was looked up, not
    known).

Rules 3–11 recurse on what is left, so they combine; every rule cuts only at jieba's word boundaries.
English built from termbase words and rules only is `composed`; with any dictionary word it is
`dictionary`. None means the composer could not build it.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, cached_property
from itertools import accumulate
from pathlib import Path
from typing import TypeVar

from briefing import regex_cache
from briefing.resources import DATA_DIR, derived, toml_data
from briefing.translate import cedict
from briefing.translate import segmenter as segmenter_module
from briefing.translate.glossary import fold
from briefing.translate.segmenter import INDEX_PATH, Segmenter, replaced_frequency, shipped_index
from briefing.translate.termbase import Termbase

RULES_PATH = DATA_DIR / "label_rules.toml"
LABEL_BY = ("termbase", "composed", "dictionary")
NOUN_SOURCES = ("indicator", "sector", "product")  # termbase categories that name things
MAX_DEPTH = 8
MAX_RULED = 40  # characters; longer texts are clauses, not labels: their words are given in order
_EDGE_MARKS = "*#>|_~ \t　“”‘’\"'《》〈〉「」『』【】[]:：,，.。;；、!！?？-—"
_SHORT = 2  # words; a rest this short takes a head's `short` template (GDP growth)
_USER_WORD_FREQ = 10**7  # makes jieba prefer a termbase term over any split of it
_MAX_RUN = 8  # words joined when matching a run against the termbase


@dataclass(frozen=True)
class LabelEnglish:
    en: str
    by: str  # one of LABEL_BY


@dataclass(frozen=True)
class _Part:
    en: str
    looked_up: int = 0  # words that came from the dictionary
    known: int = 1  # words that came from the termbase or the rules

    def to(self, en: str, *others: _Part) -> _Part:
        """A part built from this one (and others): their word counts add up."""
        return _Part(en, sum(p.looked_up for p in (self, *others)), sum(p.known for p in (self, *others)))


class LabelRules:
    """data/label_rules.toml, read once."""

    def __init__(self, path: Path = RULES_PATH):
        data = toml_data(path)
        noise = data["noise"]
        self.noise_prefixes = sorted(noise["prefixes"], key=len, reverse=True)
        self.noise_suffixes = sorted(noise["suffixes"], key=len, reverse=True)
        self.noise_patterns = [regex_cache.compile(p) for p in noise["patterns"]]
        self.dropped_words = set(noise.get("dropped_words", []))
        self.heads = dict(sorted(data["heads"].items(), key=lambda kv: -len(kv[0])))
        self.verbs = dict(sorted(data["verbs"].items(), key=lambda kv: -len(kv[0])))
        self.patterns = [
            (pattern, sorted(pattern["tails"], key=len, reverse=True)) for pattern in data["patterns"]
        ]
        if any(not pattern["key"] for pattern, _ in self.patterns):
            raise ValueError(f"{path}: a pattern's key is empty (it would stand between any two characters)")
        # A text holding none of these characters holds no pattern's key: most labels, which are then
        # not walked through every pattern twice (tailed and open).
        self.pattern_key_starts = frozenset(pattern["key"][0] for pattern, _ in self.patterns)
        self.postposed = dict(sorted(data["postposed"].items(), key=lambda kv: -len(kv[0])))
        # The same, grouped by the character a text must end (heads, suffixes) or start with: a text is
        # tried only against the entries it can match, in the same order.
        self.heads_by_last = _by_edge(self.heads.items(), -1)
        self.verbs_by_first = _by_edge(self.verbs.items(), 0)
        self.postposed_by_first = _by_edge(self.postposed.items(), 0)
        self.noise_prefixes_by_first = _by_edge(((p, p) for p in self.noise_prefixes), 0)
        self.noise_suffixes_by_last = _by_edge(((s, s) for s in self.noise_suffixes), -1)


_V = TypeVar("_V")


def _by_edge(entries: Iterable[tuple[str, _V]], at: int) -> dict[str, list[tuple[str, _V]]]:
    """`entries` grouped by the first (`at` 0) or last (-1) character of their key, order kept."""
    grouped: dict[str, list[tuple[str, _V]]] = {}
    for key, value in entries:
        grouped.setdefault(key[at], []).append((key, value))
    return grouped


@cache
def shipped_rules() -> LabelRules:
    """The shipped rules, read once per process."""
    return LabelRules()


@cache
def segmenter(words: tuple[str, ...]) -> Segmenter:
    """jieba's segmentation with `words` as user words, made once per word list: every composer over the
    same termbase and glossary shares it (and its parsed buckets), and forked workers inherit it.

    The part of jieba's total the user words replace is kept in the user cache for this word list
    (resources.derived, the words themselves are the key): looking ~6,000 words up in the index cost
    every process ~7 ms, reading them back ~0.5 ms."""
    index = shipped_index()
    sources = (INDEX_PATH, Path(segmenter_module.__file__))
    name = f"segmenter-replaced-{zlib.crc32(chr(0).join(words).encode()):08x}"  # a file per word list
    replaced = derived(name, sources, lambda: replaced_frequency(index, words), key=words)
    return Segmenter(index, words, _USER_WORD_FREQ, replaced=replaced)


class LabelComposer:
    """Composes English labels from a termbase (see the module docstring)."""

    def __init__(self, termbase: Termbase, rules: LabelRules | None = None):
        self.termbase = termbase
        self.rules = rules or shipped_rules()
        self._cache: dict[bool, dict[str, LabelEnglish | None]] = {True: {}, False: {}}
        self._parts: dict[tuple[str, bool], _Part | None] = {}
        self._bounds: dict[str, frozenset[int]] = {}
        self._cuts: dict[str, list[str]] = {}
        self._senses: dict[str, str | None] = {}

    @cached_property
    def _segmenter(self) -> Segmenter:
        return segmenter(tuple(word for word in self.termbase.words() if len(word) > 1))

    # ------------------------------------------------------------ public

    def english(self, zh: str, *, indicator: bool = True) -> LabelEnglish | None:
        """English for a label, or None.

        `indicator`: the text is a figure's label, so reporting noise and dates around it are cut. Other
        noun phrases (titles, headlines) keep every word, and are declined when they hold digits (a
        number in English must come from a checked fact, not from a word-by-word rendering) or when
        a word had to be looked up in the dictionary.
        """
        cache = self._cache[indicator]  # a table per kind: every figure of a run asks, most a second time
        found = cache.get(zh, _UNKNOWN)
        if found is _UNKNOWN:
            found = cache[zh] = self._english(zh, indicator)
        return found

    def subject(self, zh: str) -> LabelEnglish | None:
        """What a change label is a change of (地区生产总值增速 → GDP), for sentences that say the
        change in their verb ("GDP grew 5.6%"); other labels whole."""
        text = fold(zh).strip(_EDGE_MARKS)
        text = self._cut_noise(text) or text
        for head, rule in self.rules.heads_by_last.get(text[-1:], ()):
            cut = len(text) - len(head)
            if rule.get("change") and text.endswith(head) and cut > 0 and self._at_boundary(text, cut):
                rest = self.english(text[:cut])
                if rest is not None:
                    return rest
        return self.english(zh)

    def _english(self, zh: str, indicator: bool) -> LabelEnglish | None:
        text = fold(zh).strip(_EDGE_MARKS)
        if not text:
            return None
        if text in self.rules.verbs and not self._names_a_thing(text):
            return None  # a verb alone (新建, 打造) names no thing: no label rather than "built"
        whole = self.termbase.lookup(text)
        if whole is not None:
            return LabelEnglish(whole, "termbase")
        if not indicator and re.search(r"\d", text):
            return None
        part = self._compose(text, 0, indicator)
        if part is None or not part.en:
            return None
        if not indicator and part.looked_up:
            return None  # a heading with words the termbase lacks reads as a word list, not English
        en = re.sub(r"\s+", " ", part.en).strip()
        return LabelEnglish(en, "dictionary" if part.looked_up else "composed")

    def _names_a_thing(self, text: str) -> bool:
        """Is `text` a termbase indicator, sector or product (出口 exports), not only a verb?"""
        term = self.termbase.terms.get(text)
        return term is not None and term.source in NOUN_SOURCES

    # ------------------------------------------------------------ rules

    def _compose(self, text: str, depth: int, indicator: bool) -> _Part | None:
        """`text` composed by the first rule that applies; remembered, since rules revisit substrings."""
        text = text.strip(_EDGE_MARKS)
        if not text or depth > MAX_DEPTH:
            return None
        key = (text, indicator)
        if key not in self._parts:
            self._parts[key] = self._compose_new(text, depth, indicator)
        return self._parts[key]

    def _compose_new(self, text: str, depth: int, indicator: bool) -> _Part | None:
        if len(text) > MAX_RULED:
            return self._words(text)
        whole = self.termbase.lookup(text)
        if whole is not None:
            return _Part(whole)
        if indicator:
            cut = self._cut_noise(text)
            if cut and cut != text:
                return self._compose(cut, depth + 1, indicator)
        steps = (
            self._place,
            self._tailed_pattern,
            self._whole_head,
            self._listing_of_phrases,
            self._head,
            self._verb,
            self._listing,
            self._pattern,
            self._indicator_tail,
            self._postposed,
        )
        for step in steps:
            found = step(text, depth, indicator)
            if found is not None:
                return found
        return self._words(text)

    def _cut_noise(self, text: str) -> str:
        for pattern in self.rules.noise_patterns:
            cut = pattern.sub("", text)
            if cut != text:
                return cut
        for prefix, _ in self.rules.noise_prefixes_by_first.get(text[:1], ()):
            if text.startswith(prefix) and len(text) > len(prefix) and self._at_boundary(text, len(prefix)):
                return text[len(prefix) :]
        for suffix, _ in self.rules.noise_suffixes_by_last.get(text[-1:], ()):
            at = len(text) - len(suffix)
            if text.endswith(suffix) and at > 0 and self._at_boundary(text, at):
                return text[:at]
        return text

    def _items(self, text: str) -> list[str]:
        """The items of a listing: split at 、 and the like, and at 和/及/与 where jieba makes them words.
        A text without any of these characters (most labels) is one item, found without the walk."""
        if _LINK_CHARS.isdisjoint(text):
            return [text] if text else []
        items, start = [], 0
        for at, char in enumerate(text):
            if char in _LIST_MARKS or (
                char in _LIST_WORDS and self._at_boundary(text, at) and self._at_boundary(text, at + 1)
            ):
                items.append(text[start:at])
                start = at + 1
        return [item for item in [*items, text[start:]] if item]

    def _has_head(self, text: str) -> bool:
        heads = self.rules.heads_by_last.get(text[-1:], ())
        return any(text.endswith(head) and len(text) > len(head) for head, _ in heads)

    def _listing_of_phrases(self, text: str, depth: int, indicator: bool) -> _Part | None:
        """甲产量和乙人数: every item has its own head, so the items are listed, not a shared head."""
        items = self._items(text)
        if len(items) < 2 or not all(self._has_head(item) for item in items[:-1]):
            return None
        return self._listing(text, depth, indicator)

    def _listing(self, text: str, depth: int, indicator: bool) -> _Part | None:
        """甲、乙、丙 → A, B and C; a head after the last item is shared (甲、乙产量 → output of A and B)."""
        items = self._items(text)
        if len(items) < 2:
            return None
        found = [self._compose(item, depth + 1, indicator) for item in items]
        parts = [part for part in found if part is not None]
        if len(parts) < len(found):
            return None
        ens = [part.en for part in parts]
        return parts[0].to(", ".join(ens[:-1]) + " and " + ens[-1], *parts[1:])

    def _place(self, text: str, depth: int, indicator: bool) -> _Part | None:
        terms = self.termbase.terms
        for end in range(len(text) - 1, 1, -1):
            if text[end] in _LINKS:
                continue
            term = terms.get(text[:end].strip())  # termbase.is_place of a folded text, inline: a hot loop
            if term is None or not term.is_place:
                continue
            if not self._at_boundary(text, end):
                continue  # a place inside a longer word (全国 in 全国重点实验室) is no place
            place = self.termbase.lookup(text[:end])
            rest = self._compose(text[end:], depth + 1, indicator)
            if place and rest is not None:
                return rest.to(f"{rest.en} in {place}")
        return None

    def _tailed_pattern(self, text: str, depth: int, indicator: bool) -> _Part | None:
        """Patterns closed by a tail (A占B比重): tried before heads, which would take the tail alone."""
        return self._pattern(text, depth, indicator, tailed=True)

    def _pattern(self, text: str, depth: int, indicator: bool, tailed: bool = False) -> _Part | None:
        if self.rules.pattern_key_starts.isdisjoint(text):
            return None
        for pattern, tails in self.rules.patterns:  # tails longest first
            key = pattern["key"]
            if key not in text:
                continue
            for tail in tails:
                if bool(tail) != tailed or not text.endswith(tail):
                    continue
                body = text[: len(text) - len(tail)]
                for at in _occurrences(key, body):
                    end = at + len(key)
                    if (
                        at < pattern.get("min_a", 1)
                        or end >= len(body)
                        or not self._at_boundary(text, at)
                        or not self._at_boundary(text, end)
                    ):
                        continue
                    a = self._compose(body[:at], depth + 1, indicator)
                    b = self._compose(body[end:], depth + 1, indicator)
                    if a is not None and b is not None:
                        return a.to(pattern["en"].format(a=a.en, b=b.en), b)
        return None

    def _whole_head(self, text: str, depth: int, indicator: bool) -> _Part | None:
        """Heads of change, share and rank apply to all that precedes them, listings included."""
        return self._head(text, depth, indicator, whole_only=True)

    def _head(self, text: str, depth: int, indicator: bool, whole_only: bool = False) -> _Part | None:
        for head, rule in self.rules.heads_by_last.get(text[-1:], ()):
            if whole_only and not rule.get("whole"):
                continue
            if (
                text.endswith(head)
                and len(text) > len(head)
                and self._at_boundary(text, len(text) - len(head))
            ):
                rest = self._compose(text[: -len(head)], depth + 1, indicator)
                if rest is None:
                    continue
                template = rule.get("short") if len(rest.en.split()) <= _SHORT else None
                return rest.to((template or rule["en"]).format(x=rest.en))
        return None

    def _verb(self, text: str, depth: int, indicator: bool) -> _Part | None:
        for verb, template in self.rules.verbs_by_first.get(text[:1], ()):
            if (
                text.startswith(verb)
                and len(text) > len(verb)
                and self._at_boundary(text, len(verb))
                and text[len(verb)] not in _LINKS
            ):
                rest = self._compose(text[len(verb) :], depth + 1, indicator)
                if rest is not None:
                    return rest.to(template.format(x=rest.en))
        return None

    def _indicator_tail(self, text: str, depth: int, indicator: bool) -> _Part | None:
        """…人均收入 → per capita income of …: a termbase indicator at the end is what is measured."""
        for start in range(1, len(text) - 1):
            term = self.termbase.terms.get(text[start:])
            if term is not None and term.source == "indicator":
                rest = self._compose(text[:start], depth + 1, indicator)
                if rest is not None:
                    return rest.to(f"{term.en} of {rest.en}")
        return None

    def _postposed(self, text: str, depth: int, indicator: bool) -> _Part | None:
        """A front modifier English puts after its noun: 规上服务业企业 → services enterprises above ..."""
        for prefix, template in self.rules.postposed_by_first.get(text[:1], ()):
            if text.startswith(prefix) and len(text) > len(prefix) and self._at_boundary(text, len(prefix)):
                rest = self._compose(text[len(prefix) :], depth + 1, indicator)
                if rest is not None:
                    return rest.to(template.format(x=rest.en))
        return None

    # ------------------------------------------------------------ words

    def _at_boundary(self, text: str, at: int) -> bool:
        """Does jieba put a word boundary at offset `at`? Rules ask last, once the characters match, so
        a text no rule matches is never segmented."""
        return at in self._boundaries(text)

    def _boundaries(self, text: str) -> frozenset[int]:
        """Offsets where jieba puts a word boundary; remembered, since every rule asks for them."""
        if text not in self._bounds:
            self._bounds[text] = frozenset(accumulate(map(len, self._cut(text)), initial=0))
        return self._bounds[text]

    def _cut(self, text: str) -> list[str]:
        """jieba's words of `text`; remembered, since a text's boundaries and words both come from them."""
        if text not in self._cuts:
            self._cuts[text] = self._segmenter.cut(text)
        return self._cuts[text]

    def _words(self, text: str) -> _Part | None:
        """The words of `text` in order: longest termbase runs, else the dictionary, else None."""
        words = [w for w in self._cut(text) if w.strip()]
        parts: list[str] = []
        known = looked_up = 0
        i = 0
        lookup = self.termbase.lookup_folded  # the words are folded, and none is blank at either end
        while i < len(words):
            for j in range(min(len(words), i + _MAX_RUN), i, -1):
                en = lookup("".join(words[i:j]))
                if en is not None:
                    parts.append(en)
                    known += 1
                    i = j
                    break
            else:
                word = words[i]
                i += 1
                if word in self.rules.dropped_words or _NUMBER.fullmatch(word):
                    continue
                if _spelled(word):
                    parts.append(word)
                    known += 1
                    continue
                en = self._looked_up(word)
                if en is None and len(word) > 1:
                    return None
                if en is not None:  # a lone character without a usable sense (第, 届) is left out
                    parts.append(en)
                    looked_up += 1
        return _Part(_joined(parts), looked_up, known) if parts else None

    def _looked_up(self, word: str) -> str | None:
        """The dictionary's English for a word, or for its longest known pieces, left to right;
        remembered, since the same words come back in many labels."""
        if word not in self._senses:
            self._senses[word] = self._look_up(word)
        return self._senses[word]

    def _look_up(self, word: str) -> str | None:
        en = cedict.lookup(word)
        if en is not None or len(word) == 1:
            return en
        pieces: list[str] = []
        start = 0
        while start < len(word):
            for end in range(len(word), start, -1):
                piece = word[start:end]
                found = self.termbase.lookup(piece) or cedict.lookup(piece)
                if found is not None:
                    pieces.append(found)
                    start = end
                    break
            else:
                return None
        return " ".join(pieces)


_UNKNOWN = LabelEnglish("", "")  # not composed yet (None is a result: no English)
_LIST_MARKS = "、，,/"
_LIST_WORDS = "和及与"
_LINKS = _LIST_MARKS + _LIST_WORDS
_LINK_CHARS = frozenset(_LINKS)
_NUMBER = regex_cache.compile(r"[\d.,%％]+")


def _occurrences(key: str, text: str) -> list[int]:
    """Where `key` occurs in `text`, left to right, not overlapping (as re.finditer finds it)."""
    found = []
    at = text.find(key)
    while at >= 0:
        found.append(at)
        at = text.find(key, at + len(key))
    return found


def _joined(parts: list[str]) -> str:
    """Words in order, where a noun that the next word repeats (in the singular) is that word's
    modifier, said once (中学 secondary schools + 学位 school places → secondary school places)."""
    joined: list[str] = []
    for part in parts:
        last = joined[-1].rsplit(" ", 1)[-1] if joined else ""
        first = part.split(" ", 1)[0]
        if last and last in (first, f"{first}s", f"{first}es"):
            joined[-1] = joined[-1][: -len(last)] + part
        else:
            joined.append(part)
    return " ".join(joined)


def _spelled(word: str) -> str | None:
    """Latin letters and digits stand for themselves (PM2.5, 5G, R&D)."""
    return word if re.fullmatch(r"[A-Za-z0-9.&+%\-]+", word) else None
