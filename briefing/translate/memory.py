"""Translation memory: MT output kept in SQLite so a rebuild does not translate the same text twice.

Entries are keyed by the exact text sent to the model together with the model's identity and the
glossary version: a new model or an edited glossary (which changes what gets protected) misses the cache
instead of serving stale English. A cache file that cannot be opened is not fatal: the run goes on with
an in-memory cache and the reason is kept in `problem`.

`sqlite3` and `hashlib` are imported by the methods that use them: every run asks for `default_path`,
and a run without a model (all of `briefing facts`) never opens the memory; the two cost ~4 ms CPU to
import (hashlib loads OpenSSL).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from briefing.resources import user_cache_dir

if TYPE_CHECKING:
    import sqlite3

_SCHEMA = """
CREATE TABLE IF NOT EXISTS memory (
    key TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    en TEXT NOT NULL,
    model TEXT NOT NULL,
    glossary TEXT NOT NULL
)
"""


def default_path() -> Path | None:
    """translations.sqlite in the user cache folder (resources.user_cache_dir: under $XDG_CACHE_HOME when
    it is absolute, else ~/.cache); None without a home folder: the memory then lasts one run."""
    folder = user_cache_dir()
    return None if folder is None else folder / "translations.sqlite"


class TranslationMemory:
    def __init__(self, path: Path | None, *, model: str, glossary: str):
        self.model = model
        self.glossary = glossary
        self.problem: str | None = None
        self._db = self._open(path)

    def _open(self, path: Path | None) -> sqlite3.Connection:
        import sqlite3

        if path is not None:
            try:
                Path(path).parent.mkdir(parents=True, exist_ok=True)
                db = sqlite3.connect(path, timeout=30)
                db.execute(_SCHEMA)
                db.commit()
                return db
            except (OSError, sqlite3.Error) as exc:
                self.problem = f"{path}: translation memory unusable ({exc}); translating without it"
        db = sqlite3.connect(":memory:")
        db.execute(_SCHEMA)
        return db

    def key(self, source: str) -> str:
        import hashlib

        return hashlib.sha256(f"{self.model}\0{self.glossary}\0{source}".encode()).hexdigest()

    def get_many(self, sources: Iterable[str]) -> dict[str, str]:
        """English of each source already in memory."""
        import sqlite3

        wanted = {self.key(s): s for s in sources}
        found: dict[str, str] = {}
        keys = list(wanted)
        for at in range(0, len(keys), 500):  # SQLite's bound-parameter limit
            chunk = keys[at : at + 500]
            marks = ",".join("?" * len(chunk))
            try:
                rows = self._db.execute(
                    f"SELECT key, en FROM memory WHERE key IN ({marks})", chunk
                ).fetchall()
            except sqlite3.Error as exc:
                self.problem = f"translation memory read failed ({exc})"
                return found
            found.update({wanted[key]: en for key, en in rows})
        return found

    def put_many(self, pairs: dict[str, str]) -> None:
        import sqlite3

        rows = [(self.key(s), s, en, self.model, self.glossary) for s, en in pairs.items()]
        try:
            with self._db:
                self._db.executemany("INSERT OR REPLACE INTO memory VALUES (?, ?, ?, ?, ?)", rows)
        except sqlite3.Error as exc:
            self.problem = f"translation memory write failed ({exc})"

    def close(self) -> None:
        self._db.close()
