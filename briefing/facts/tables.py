"""Reading the extractor's data files (briefing/data/*.toml) and compiling word lists into patterns."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from typing import Any

from briefing.resources import DATA_DIR


def read_toml(name: str) -> dict[str, Any]:
    with (DATA_DIR / name).open("rb") as handle:
        return tomllib.load(handle)


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
