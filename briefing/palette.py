"""The house colours, as hex strings: one palette for the PDF layouts (ReportLab) and the charts
(matplotlib), so a chart's bars match the brief's headings. Shared, so charts need not import the PDF
stage that places them.
"""

from __future__ import annotations

INK = "#1b1f24"
MUTED = "#5b6470"
FAINT = "#8a929c"
ACCENT = "#1f3a5f"  # navy: headings, rules, "up" bars
ACCENT_LIGHT = "#dfe6ef"
DOWN = "#b5562b"  # burnt orange: falls (neither red nor green: both mean "up" somewhere)
TARGET = "#9fb3cc"  # a target's bar beside the achieved one
RULE = "#c9ced6"
PANEL = "#f3f5f8"
LINK = "#2c5d93"

CHART_COLOURS = {
    "ink": INK,
    "muted": MUTED,
    "faint": FAINT,
    "up": ACCENT,
    "down": DOWN,
    "target": TARGET,
    "rule": RULE,
}
"""The colours a chart draws with, by role."""
