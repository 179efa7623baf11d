"""Reading the extractor's data files (briefing/data/*.toml) and compiling word lists into patterns."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from typing import Any

from briefing import regex_cache
from briefing.resources import DATA_DIR, toml_data


def read_toml(name: str) -> dict[str, Any]:
    """data/`name` parsed, a fresh copy for each call (kept between runs: resources.toml_data)."""
    return toml_data(DATA_DIR / name)


@cache
def compiled(source: str) -> re.Pattern[str]:
    """`re.compile(source)` when a run first asks for it, once a process, and through regex_cache (the
    compiled code kept between runs). For patterns a run may never need or that wait behind a cheaper
    test: Python's `re` builds a CJK class such as [\u4e00-\u9fff] code point by code point (~0.7 ms
    each), and a one-line input paid at import for rules it never tried. A call is one dictionary
    look-up (~0.1 µs): not for the innermost loops."""
    return regex_cache.compile(source)


def alternation(words: Iterable[str]) -> str:
    """A regex matching any listed word, the longest one where several match at the same place.

    The words are factored into a prefix tree (规模以上(?:工业(?:增加值)?)…), because Python's regex engine
    tries a flat alternation word by word at every position, and the theme, place and exclusion lexicons
    have hundreds of words: the tree is several times faster and matches the same text."""
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}
    return _tree_pattern(trie)


def _tree_pattern(node: dict) -> str:
    branches = [re.escape(char) + _tree_pattern(child) for char, child in sorted(node.items()) if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" in node:  # a word ends here: the longer words through this node are tried first
        return f"(?:{body})?"
    return body


_UNSPELLED = re.compile(r"[\[\\.{^]|\(\?(?!:)")
"""What a tail pattern may not hold: a class, an escape or `.` (characters it does not spell out), any
`(?…)` but `(?:` (a flag such as `(?i)` matches characters it does not spell out), a count `{2}` or `^`
(no list of tail words needs these; refusing them keeps the reading of the pattern's characters simple)."""


class TailWords:
    """A pattern of words that only matches at the end of a text (`(?:达到|至|为)+$`), and the removal of
    its match: what `re.compile(pattern).sub("", text)` gives.

    Python's engine tries such a pattern at every position of the text, and labels ask it thousands of
    times. A match holds only characters written in the pattern, so it cannot begin before the last
    character of the text that is not one of them: the pattern is tried from there on. The pattern
    must spell out every character it can match, and only those (see `_UNSPELLED`). Most texts end
    with no character a match can end with (`ends`, all of them unless told fewer): they are returned
    at once."""

    def __init__(self, pattern: str, *, ends: Iterable[str] = ()) -> None:
        if _UNSPELLED.search(pattern):
            raise ValueError(f"a tail pattern names its characters one by one, with no flag: {pattern}")
        self.pattern = regex_cache.compile(pattern)
        self.chars = frozenset(char for char in pattern.replace("(?:", "") if char not in "()?|+*$")
        self.ends = frozenset(ends) or self.chars
        # The last characters of the texts `cut` may change (`$` also stands before a final line break):
        # a caller may skip the call for any other text.
        self.triggers = self.ends | {"\n"}

    @classmethod
    def any_of(cls, words: Iterable[str]) -> TailWords:
        """Any run of the listed words ending a text (…达到, …共计为), each word plain text (a data list)."""
        words = list(words)
        marked = [word for word in words if not word or re.escape(word) != word]
        if marked:
            raise ValueError(f"a tail word is plain text, without regex signs or blanks: {marked}")
        return cls(f"(?:{'|'.join(words)})+$", ends=(word[-1] for word in words))

    def cut(self, text: str) -> str:
        """`text` without the words the pattern matches at its end."""
        if text.endswith("\n"):  # `$` also stands before a final line break: the plain way
            return self.pattern.sub("", text)
        if not text or text[-1] not in self.ends:
            return text
        begin = len(text) - 1
        while begin and text[begin - 1] in self.chars:
            begin -= 1
        found = self.pattern.search(text, begin)
        return text[: found.start()] if found else text
