"""The delivery log: which content went to whom, and what the server said.

One row per (content digest, recipient). A row is committed the moment the server accepts a message, so
a crash or a kill between two messages loses nothing, and a re-run sends only what was not accepted.
SQLite because it gives exactly that (a durable, atomic commit per row) with no server to run.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType

from briefing.mail.config import MailError

LOG_NAME = ".delivery.sqlite"

ACCEPTED = "accepted"
FAILED = "failed"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS deliveries (
    digest     TEXT NOT NULL,
    recipient  TEXT NOT NULL,
    list       TEXT NOT NULL,
    subject    TEXT NOT NULL,
    message_id TEXT NOT NULL,
    status     TEXT NOT NULL CHECK (status IN ('accepted', 'failed')),
    reply      TEXT NOT NULL,
    attempts   INTEGER NOT NULL,
    updated    TEXT NOT NULL,
    PRIMARY KEY (digest, recipient)
)
"""


class DeliveryLog:
    """Open with `DeliveryLog(folder)`; `read_only` for a dry run, which must leave no trace."""

    def __init__(self, folder: Path, *, read_only: bool = False) -> None:
        path = folder / LOG_NAME
        self._connection: sqlite3.Connection | None = None
        try:
            if read_only:
                if path.exists():
                    self._connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
                    self._connection.execute("SELECT count(*) FROM deliveries")
            else:
                self._connection = sqlite3.connect(path, isolation_level=None)  # autocommit: a row a commit
                self._connection.execute(_SCHEMA)
        except sqlite3.Error as exc:
            self.close()
            raise MailError(f"{path}: delivery log not usable ({exc})") from None

    def accepted(self, digest: str, recipient: str) -> bool:
        if self._connection is None:
            return False
        row = self._connection.execute(
            "SELECT 1 FROM deliveries WHERE digest = ? AND recipient = ? AND status = ?",
            (digest, _key(recipient), ACCEPTED),
        ).fetchone()
        return row is not None

    def record(
        self,
        digest: str,
        recipient: str,
        *,
        status: str,
        reply: str,
        list_name: str,
        subject: str,
        message_id: str,
        attempts: int,
    ) -> None:
        if self._connection is None:
            raise RuntimeError("the delivery log was opened read-only")
        self._connection.execute(
            "INSERT INTO deliveries VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (digest, recipient) DO UPDATE SET list = excluded.list,"
            " subject = excluded.subject, message_id = excluded.message_id, status = excluded.status,"
            " reply = excluded.reply, attempts = deliveries.attempts + excluded.attempts,"
            " updated = excluded.updated",
            (
                digest,
                _key(recipient),
                list_name,
                subject,
                message_id,
                status,
                reply,
                attempts,
                datetime.now(UTC).isoformat(timespec="seconds"),
            ),
        )

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    def __enter__(self) -> DeliveryLog:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()


def _key(recipient: str) -> str:
    """Mail domains are case-insensitive; local parts are in theory not, in practice always."""
    return recipient.lower()
