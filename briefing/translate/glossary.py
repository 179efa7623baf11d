"""The zh→en glossary: fixed English for names, plan titles, slogans and indicators.

Official English for these terms is settled (十四五 is "the 14th Five-Year Plan", not whatever a model
guesses), so they are never left to machine translation: a label that is a whole entry is looked up, and
entries inside a sentence are protected through MT (see protect.py). The built-in list is
`data/glossary.tsv`; user glossaries (TSV `zh<TAB>en`, or TOML `"zh" = "en"` at top level or under
`[terms]`) override it in the order given.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Iterator
from functools import cached_property
from pathlib import Path

from briefing import regex_cache
from briefing.resources import DATA_DIR

BUILTIN_PATH = DATA_DIR / "glossary.tsv"

# Matching folds full-width ASCII (（ＰＭ２．５）) to half-width, one character for one, so offsets into the
# original text stay valid.
_FOLD = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}


class GlossaryError(ValueError):
    """A user glossary that cannot be read; the message names the file and line."""


_FOLDABLE = regex_cache.compile("[\uff01-\uff5e\u3000]")


def fold(text: str) -> str:
    """`text` with full-width ASCII folded; a search first, since most texts have none and `translate`
    with a table costs five times as much as the search."""
    return text.translate(_FOLD) if _FOLDABLE.search(text) else text


class Glossary:
    def __init__(self, entries: dict[str, str]):
        self._entries = {fold(zh.strip()): en.strip() for zh, en in entries.items()}
        self._lengths_by_first: dict[str, list[int]] = {}
        for zh in self._entries:
            self._lengths_by_first.setdefault(zh[0], []).append(len(zh))
        for lengths in self._lengths_by_first.values():
            lengths.sort(reverse=True)

    @cached_property
    def version(self) -> str:
        """A digest of the entries, for the translation memory: worked out only when a model is used."""
        import hashlib

        digest = hashlib.sha256()
        for zh, en in sorted(self._entries.items()):
            digest.update(f"{zh}\t{en}\n".encode())
        return digest.hexdigest()[:16]

    @classmethod
    def load(cls, user_paths: Iterable[Path] = ()) -> Glossary:
        """The built-in glossary overridden by each user file in turn.

        Raises GlossaryError ("path:line: problem") for unreadable files and bad lines.
        """
        entries = dict(_read_tsv(BUILTIN_PATH))
        for path in user_paths:
            path = Path(path)
            reader = _read_toml if path.suffix.lower() == ".toml" else _read_tsv
            entries.update(reader(path))
        return cls(entries)

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, zh: str) -> bool:
        return self.lookup(zh) is not None

    def entries(self) -> Iterator[str]:
        """Every Chinese entry (folded), in no particular order."""
        return iter(self._entries)

    def lookup(self, zh: str) -> str | None:
        """English of `zh` when the whole (stripped) text is an entry."""
        return self._entries.get(fold(zh.strip()))

    def lookup_folded(self, key: str) -> str | None:
        """`lookup` of a text already stripped and folded (the termbase folds once for both tables)."""
        return self._entries.get(key)

    def find(self, text: str) -> list[tuple[int, int, str]]:
        """Entries occurring in `text` as (start, end, en): leftmost-longest, non-overlapping, in order."""
        folded = fold(text)
        found: list[tuple[int, int, str]] = []
        i = 0
        while i < len(folded):
            for length in self._lengths_by_first.get(folded[i], ()):
                en = self._entries.get(folded[i : i + length])
                if en is not None:
                    found.append((i, i + length, en))
                    i += length
                    break
            else:
                i += 1
        return found


def _read_tsv(path: Path) -> Iterator[tuple[str, str]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise GlossaryError(f"{path}: cannot read glossary ({exc.__class__.__name__}: {exc})") from exc
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != 2 or not fields[0].strip() or not fields[1].strip():
            raise GlossaryError(f"{path}:{number}: expected 'Chinese<TAB>English', got {line.strip()[:60]!r}")
        yield fields[0].strip(), fields[1].strip()


def _read_toml(path: Path) -> Iterator[tuple[str, str]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
        table = tomllib.loads(text)
    except (OSError, UnicodeDecodeError) as exc:
        raise GlossaryError(f"{path}: cannot read glossary ({exc.__class__.__name__}: {exc})") from exc
    except tomllib.TOMLDecodeError as exc:
        raise GlossaryError(f"{path}: {exc}") from exc  # the message carries "(at line N, column M)"
    terms = table["terms"] if isinstance(table.get("terms"), dict) else table
    for zh, en in terms.items():
        if not isinstance(en, str) or not en.strip() or not zh.strip():
            line = next((n for n, raw in enumerate(text.splitlines(), 1) if zh and zh in raw), 0)
            raise GlossaryError(f"{path}:{line}: the English for {zh!r} must be a non-empty string")
        yield zh, en
