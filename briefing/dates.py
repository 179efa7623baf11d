"""The build date every output is stamped with, shared by the orchestrator and the PDF layouts.

One function so that the brief, the one-pagers and brief.json agree, and so that a pinned
SOURCE_DATE_EPOCH (reproducible builds) pins them all.
"""

from __future__ import annotations

import datetime as dt
import os


def generation_date() -> str:
    """Today's date, or the one SOURCE_DATE_EPOCH pins, so builds can be byte-reproducible."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date().isoformat()
    return dt.date.today().isoformat()
