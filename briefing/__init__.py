"""briefing: bilingual (Chinese + English) PDF briefs from Chinese public-sector documents.

Stages, in the order data flows: ingest → facts → translate → compose → charts → pdf → mail; `cli`
on top. Importing the package loads nothing heavy (no model runtime, no torch): the entry points below
are imported on first use.

Used as a library::

    import briefing

    document = briefing.load_document("report.txt")  # a Document: text, sections, sentences
    facts = briefing.extract_facts(document)  # list[Fact], as `briefing facts` prints them
    report = briefing.build(["report.txt"], briefing.BuildOptions(out_dir=Path("out")))
    report.written, report.failures  # what `briefing build` wrote, and one line per failed source
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_ENTRY_POINTS = {
    "build": "briefing.pipeline",
    "BuildOptions": "briefing.pipeline",
    "BuildReport": "briefing.pipeline",
    "load_document": "briefing.ingest",
    "extract_facts": "briefing.facts",
    "Document": "briefing.model",
    "Fact": "briefing.model",
    "Brief": "briefing.model",
}

__all__ = [  # the same names as _ENTRY_POINTS (tests/test_library.py checks it)
    "Brief",
    "BuildOptions",
    "BuildReport",
    "Document",
    "Fact",
    "__version__",
    "build",
    "extract_facts",
    "load_document",
]

if TYPE_CHECKING:  # what the names are, for type checkers and editors; nothing is imported at run time
    from briefing.facts import extract_facts
    from briefing.ingest import load_document
    from briefing.model import Brief, Document, Fact
    from briefing.pipeline import BuildOptions, BuildReport, build


def __getattr__(name: str) -> Any:
    """Import an entry point's module the first time the name is used (PEP 562)."""
    module = _ENTRY_POINTS.get(name)
    if module is None:
        raise AttributeError(f"module 'briefing' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value  # later uses skip this function
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_ENTRY_POINTS})
