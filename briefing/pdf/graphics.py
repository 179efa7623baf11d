"""Vector graphics in the PDF: matplotlib charts and SVG logos become ReportLab drawings with real text.

svglib turns the SVG into ReportLab shapes and strings. Its font lookup would quietly fall back to
Helvetica (unembedded, no Chinese) or ask fontconfig for system fonts, so it gets a font map of its own
that knows only the project's Noto faces, and every string of the result is checked against it.
"""

from __future__ import annotations

import dataclasses
import io
from pathlib import Path

from reportlab.graphics.shapes import Drawing, Group
from reportlab.platypus import Flowable, Image

from briefing import fonts

_FACES = {
    # svg family (as matplotlib writes it) → ReportLab faces by (weight, style)
    "Noto Sans SC": fonts.CJK,
    "Noto Sans": fonts.LATIN,
}


class GraphicsError(ValueError):
    """An SVG (chart or logo) cannot be drawn with the project's fonts."""


class _NotoFontMap:
    """svglib's font lookup (`find_font`) answered from the project's faces only: no guessing of font
    files, no fontconfig, and an unknown family gets no font (svglib then warns and the check below
    refuses the drawing)."""

    def find_font(self, font_name: str, weight: str = "normal", style: str = "normal") -> tuple[str, bool]:
        faces = _FACES.get(font_name)
        if faces is None:
            return "", False
        bold = weight.lower() in ("bold", "bolder") or (weight.isdigit() and int(weight) >= 600)
        italic = style.lower() in ("italic", "oblique")
        face = {
            (False, False): faces.regular,
            (True, False): faces.bold,
            (False, True): faces.italic,
            (True, True): faces.bold_italic,
        }[(bold, italic)]
        return face, True


def _our_faces() -> set[str]:
    return {face for f in _FACES.values() for face in (f.regular, f.bold, f.italic, f.bold_italic)}


def _strings(node):
    if isinstance(node, Group):
        for child in node.contents:
            yield from _strings(child)
    elif hasattr(node, "fontName") and hasattr(node, "text"):
        yield node


def svg_drawing(svg: bytes, *, name: str = "SVG") -> Drawing:
    """A ReportLab Drawing of `svg` whose every text is set in an embedded project font."""
    from svglib.svglib import svg2rlg

    fonts.register_reportlab_fonts()
    drawing = svg2rlg(io.BytesIO(svg), font_map=_NotoFontMap())
    if drawing is None:
        raise GraphicsError(f"{name}: not a readable SVG")
    drawing.initialFontName = fonts.LATIN.regular  # type: ignore[attr-defined]  # not Helvetica, which the PDF would not embed
    allowed = _our_faces()
    for string in _strings(drawing):
        if string.fontName not in allowed:
            raise GraphicsError(f"{name}: text {string.text!r} asks for a font the brief does not embed")
        missing = fonts.uncovered(string.text, (string.fontName,))
        if missing:
            raise GraphicsError(f"{name}: {string.fontName} lacks {''.join(sorted(missing))!r}")
    return drawing


def fit(drawing: Drawing, width: float, height: float) -> Drawing:
    """`drawing` scaled (keeping its proportions) to fit inside width × height."""
    scale = min(width / drawing.width, height / drawing.height)
    drawing.scale(scale, scale)
    drawing.width *= scale
    drawing.height *= scale
    return drawing


def chart_flowable(chart, width: float, height: float | None = None) -> Drawing:
    """A theme chart (`briefing.charts.Chart`) as a vector flowable `width` points wide; `height` defaults
    to the chart's natural height. Drawn at its final size, so its 7-pt labels print at 7 pt."""
    from briefing.charts import render_svg

    chart = _printable(chart)
    return svg_drawing(render_svg(chart, width, height), name=f"chart {chart.title.en!r}")


def _printable(value):
    """A copy of a chart (dataclasses, lists, strings) whose every text the two text fonts can draw:
    matplotlib knows no fallback font, so what they lack prints as the missing mark (text.printable)."""
    from briefing.pdf.text import printable

    if isinstance(value, str):
        return printable(value, fallbacks=False)
    if isinstance(value, list):
        return [_printable(item) for item in value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {f.name: _printable(getattr(value, f.name)) for f in dataclasses.fields(value)}
        return dataclasses.replace(value, **changes)
    return value


def logo_flowable(path: Path, width: float, height: float) -> Flowable:
    """The organisation's logo fitted into width × height: SVG as vector, PNG as an image."""
    if path.suffix.lower() == ".svg":
        return fit(svg_drawing(path.read_bytes(), name=str(path)), width, height)
    image = Image(str(path))
    scale = min(width / image.imageWidth, height / image.imageHeight)
    return Image(str(path), width=image.imageWidth * scale, height=image.imageHeight * scale)
