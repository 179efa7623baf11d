"""What every format reader hands to the rest of ingest, and the one error a reader may raise."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Hints:
    """What a reader learnt besides the text (page title, metadata date, site name)."""

    title: str = ""
    date: str | None = None
    source: str = ""


class SourceError(Exception):
    """A source that cannot be read; the message is one line naming the file and the problem."""

    def __init__(self, message: str) -> None:
        # library messages (pdfminer, zipfile) may span lines; the CLI prints one line per failure
        super().__init__(" ".join(message.split()))


@dataclass
class Extracted:
    """The text of a source (offsets refer to it) and what the reader learnt besides it."""

    text: str
    encoding: str = "utf-8"
    hints: Hints = field(default_factory=Hints)
