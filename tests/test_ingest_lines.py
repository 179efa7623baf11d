"""The lines of a plain source, cut at every line-break character (\\n, \\r, both), each stripped of
blanks, with its source offset: the fast split agrees with reading the lines by a regex."""

from __future__ import annotations

import random
import re

from briefing.ingest.cleanup import split_lines
from briefing.ingest.rules import WHITESPACE, rules


def lines_by_regex(text: str) -> list[tuple[int, str]]:
    """(offset, text) of every non-blank run between line breaks, stripped (the reference)."""
    out = []
    for match in re.finditer(r"[^\r\n]+", text):
        raw = match.group()
        stripped = raw.strip(WHITESPACE)
        if stripped:
            out.append((match.start() + len(raw) - len(raw.lstrip(WHITESPACE)), stripped))
    return out


def test_lines_and_their_offsets_agree_with_the_regex_reading():
    rng = random.Random(4)
    pieces = ["示例镇", "产值增长5%。", "ab", " ", "\u3000", "\t", "\ufeff", "\n", "\r", "\r\n", "\n\n"]
    for _ in range(2000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        lines = split_lines(text, rules())
        assert [(line.start, line.text) for line in lines] == lines_by_regex(text), repr(text)
        for line in lines:
            assert [text[offset] for offset in line.offsets] == list(line.text)
