"""briefing: bilingual (Chinese + English) PDF briefs from Chinese public-sector documents.

Stages, in the order data flows: ingest → facts → translate → compose → charts → pdf → mail; `cli`
on top. Importing the package loads nothing heavy (no model runtime, no torch).
"""

__version__ = "0.1.0"
