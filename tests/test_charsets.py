"""charsets.share_class_tables: the regex compiler keeps the table of each character class and reuses it
for the same class. Every pattern must compile to the code `re` gives without it. Patterns: generated
classes over CJK ranges, full-width forms, astral characters, categories and negation, with and without
case folding, and every pattern the extractor compiles for the documents in tests/data."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing import charsets

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def original():
    assert charsets.share_class_tables()
    return re._compiler._optimize_charset.__wrapped__


def code_of(pattern: str | bytes, flags: int) -> list[int]:
    """The compiled code of a pattern, as `re.compile` makes it (its own cache not asked)."""
    return re._compiler._code(re._parser.parse(pattern, flags), flags)


def code_without_sharing(pattern: str | bytes, flags: int, original) -> list[int]:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(re._compiler, "_optimize_charset", original)
        return code_of(pattern, flags)


_ITEMS = st.sampled_from(
    [
        "\\u4e00-\\u9fff",
        "\\u3400-\\u4dbf",
        "\\uff01-\\uff5e",
        "\\U00020000-\\U0002a6df",
        "０-９",
        "a-z",
        "A-Z",
        "\\d",
        "\\w",
        "\\s",
        "，。；、",
        "甲乙",
        "ǅ",
        "ß",
        "\\-",
        "_",
        "\\x00-\\x1f",
    ]
)
_CLASS = st.tuples(st.booleans(), st.lists(_ITEMS, min_size=1, max_size=4)).map(
    lambda c: ("[^" if c[0] else "[") + "".join(c[1]) + "]"
)
_FLAGS = st.sampled_from([0, re.IGNORECASE, re.ASCII, re.IGNORECASE | re.ASCII])


@settings(max_examples=150, deadline=None)
@given(classes=st.lists(_CLASS, min_size=1, max_size=4), flags=_FLAGS)
def test_generated_classes_compile_as_without_sharing(original, classes, flags):
    pattern = "(?:" + "|".join(classes) + ")+" + classes[0]  # a class again: shared the second time
    expected = code_without_sharing(pattern, flags, original)
    assert code_of(pattern, flags) == expected
    assert code_of(pattern, flags) == expected  # every class now from the shared tables


def test_bytes_patterns_compile_as_without_sharing(original):
    for pattern in (rb"[\x80-\xff]+", rb"[^a-z0-9]", rb"[a-z][a-z]"):
        for flags in (0, re.IGNORECASE):
            assert code_of(pattern, flags) == code_without_sharing(pattern, flags, original)


def test_the_extractors_patterns_compile_as_without_sharing(original):
    from briefing.facts import extract_facts
    from briefing.ingest import load_document

    for path in sorted((ROOT / "tests" / "data").rglob("*.txt"))[:4]:
        extract_facts(load_document(str(path)))
    patterns = [(key[1], key[2]) for key in list(re._cache) if isinstance(key[1], str)]
    assert len(patterns) > 50
    for pattern, flags in patterns:
        assert code_of(pattern, flags) == code_without_sharing(pattern, flags, original), pattern


def test_installing_twice_keeps_one_layer(original):
    assert charsets.share_class_tables()
    assert re._compiler._optimize_charset.__wrapped__ is original
