"""The full bilingual brief of one source: title block, summary, key figures, themes, targets, risks and
the sources appendix, on A4 with a running header and "page x of y" footer.

Chinese and English sit side by side, sentence by sentence, so a reader of either language can check
the other at a glance; every figure carries a citation mark that links to the source sentence quoted in
the appendix. The output is byte-reproducible: ReportLab's invariant mode, dates taken from the brief
and the `generated` argument, charts rendered with fixed ids.
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path, PurePath
from typing import Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    HRFlowable,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
)
from reportlab.rl_config import _FUZZ

from briefing import atomic, fonts
from briefing.charts import theme_chart
from briefing.model import Bilingual, Brief, BriefSection, BriefSentence, Citation, Fact, KeyFigure
from briefing.pdf import styles as house
from briefing.pdf.branding import Branding
from briefing.pdf.graphics import chart_flowable, logo_flowable
from briefing.pdf.text import (
    ELLIPSIS,
    CJKParagraph,
    cite_anchor,
    cite_markup,
    cut_points,
    draw_string,
    font_markup,
    glyph_report,
    least_width,
    para,
)
from briefing.resources import DATA_DIR

ZH_COLUMN = 0.545  # share of the text width for Chinese in side-by-side rows
HEADER_LOGO = (26.0, 11.0)  # max width, height of the logo in the page header (points)
FOOTER_Y = house.MARGIN_BOTTOM - 16
FIRST_BLOCK_ROOM = 64.0  # a heading starts a new page unless this much of what follows fits under it
SOURCE_LINES = 2  # lines of one entry of the sources appendix: the quote and where it stands
SOURCE_HEAD_CHARS = 16  # a shortened quote keeps its opening (who, when) before the cited figures
SOURCE_HEADING_CHARS = 18  # longer source headings are shortened in the appendix


@cache
def _data() -> dict[str, Any]:
    with open(DATA_DIR / "pdf_labels.toml", "rb") as handle:
        return tomllib.load(handle)


def label(key: str) -> Bilingual:
    entry = _data()["labels"][key]
    return Bilingual(entry["zh"], entry["en"])


# ---------------------------------------------------------------- flowables


class Bookmark(Flowable):
    """A zero-size mark that makes the next heading a PDF outline entry and link destination."""

    def __init__(self, key: str, title: str, level: int = 0) -> None:
        super().__init__()
        self.key, self.title, self.level = key, title, level
        self.keepWithNext = 1

    def wrap(self, available_width, available_height):
        return 0, 0

    def draw(self):
        self.canv.bookmarkHorizontal(self.key, 0, 14)
        self.canv.addOutlineEntry(self.title, self.key, self.level, closed=False)


def _heading(
    title: Bilingual, key: str, *, level: int = 0, room: float = FIRST_BLOCK_ROOM, note: str = ""
) -> list[Flowable]:
    """The two-line heading, on a new page unless `room` points of what follows fit under it; `note`
    (small, grey) follows the English title on its line.

    Not ReportLab's keepWithNext, which would carry a whole table or section to the next page with
    its heading and leave the rest of this page empty; the block under a heading splits instead.
    """
    s = house.styles()
    zh_style, en_style = (s.h1_zh, s.h1_en) if level == 0 else (s.h2_zh, s.h2_en)
    zh = para(title.zh, zh_style)
    en_markup = font_markup(title.en, en_style.fontName)
    if note:
        en_markup += (
            f'&nbsp;&nbsp;&nbsp;<font face="{s.note.fontName}" size="{s.note.fontSize}" '
            f'color="{s.note.textColor.hexval()}">{font_markup(note, s.note.fontName)}</font>'
        )
    en = Paragraph(en_markup, en_style)
    zh.keepWithNext = 1
    height = sum(
        p.wrap(house.FRAME_WIDTH, 10_000)[1] + p.getSpaceBefore() + p.getSpaceAfter() for p in (zh, en)
    )
    return [CondPageBreak(height + room), Bookmark(key, f"{title.zh}  {title.en}", level), zh, en]


def _side_by_side(rows: list[tuple[Flowable, Flowable]], *, panel: bool = False) -> Table:
    width = house.FRAME_WIDTH
    table = Table(
        [list(r) for r in rows],
        colWidths=[width * ZH_COLUMN, width * (1 - ZH_COLUMN)],
        splitByRow=1,
        splitInRow=1,
    )
    commands = [
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (0, -1), 10),
        ("RIGHTPADDING", (1, 0), (1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("LINEBELOW", (0, 0), (-1, -2), 0.25, house.RULE),
    ]
    if panel:
        commands += [
            ("BACKGROUND", (0, 0), (-1, -1), house.PANEL),
            ("LEFTPADDING", (0, 0), (0, -1), 8),
            ("RIGHTPADDING", (1, 0), (1, -1), 8),
            ("TOPPADDING", (0, 0), (-1, 0), 7),
            ("BOTTOMPADDING", (0, -1), (-1, -1), 7),
            ("LINEBELOW", (0, 0), (-1, -2), 0.25, colors.white),
        ]
    table.setStyle(house.table_style(commands))
    return table


def _sentence_rows(sentences: list[BriefSentence], *, lead: bool = False) -> list[tuple[Flowable, Flowable]]:
    s = house.styles()
    zh_style, en_style = (s.lead_zh, s.lead_en) if lead else (s.body_zh, s.body_en)
    rows = []
    for sentence in sentences:
        zh = para(sentence.zh, zh_style, cites=sentence.citations)
        if not sentence.en.strip() or sentence.en == sentence.zh:  # a light dash, not an empty column
            en = para(_data()["notes"]["no_english"], s.note, lang="en")
        else:
            en = para(sentence.en, en_style, lang="en", cites=sentence.citations)
        rows.append((zh, en))
    return rows


def _untranslated_note(section: BriefSection) -> str:
    """One grey note per section, beside its English title, not a marker on every sentence, when some
    English is missing."""
    if any(sentence.en_by == "untranslated" for sentence in section.sentences):
        return _data()["notes"]["untranslated"]
    return ""


def _section(brief: Brief, section: BriefSection) -> list[Flowable]:
    body: list[Flowable] = []
    if section.sentences:
        body.append(
            _side_by_side(
                _sentence_rows(section.sentences, lead=section.kind == "summary"),
                panel=section.kind == "summary",
            )
        )
    chart = None
    if section.kind == "theme":
        chart = theme_chart([f for f in brief.facts if f.theme == section.id], title=section.title)
    if chart is not None:
        drawing = chart_flowable(chart, house.FRAME_WIDTH)
        body += [Spacer(0, 8), KeepTogether([drawing])]
    room = FIRST_BLOCK_ROOM if section.sentences or chart is None else drawing.height + 8
    heading = _heading(section.title, f"section-{section.id}", room=room, note=_untranslated_note(section))
    return [*heading, *body, Spacer(0, 6)]


# ---------------------------------------------------------------- title block and tables


def source_name(brief: Brief) -> str:
    """The source's file name: a brief is mailed, and the local folders it was built from are nobody's
    business (title block, footer and PDF metadata show only this)."""
    return PurePath(brief.source_path.replace("\\", "/")).name if brief.source_path else ""


def english_title(brief: Brief) -> str:
    """The title's English, or, when there is none, what the document is from its metadata
    ("Dongcheng District · report of 2025-09-28"): an English reader still learns what they hold."""
    if brief.title.en.strip() and brief.title.en != brief.title.zh:
        return brief.title.en
    words = _data()["descriptor"]
    title = brief.title.zh.rstrip(" 。.")
    kind = next((en for zh, en in words["kinds"].items() if title.endswith(zh)), words["default"])
    described = (words["dated"] if brief.date else words["undated"]).format(kind=kind, date=brief.date)
    parts = [p for p in (brief.issuer.en, described) if p]
    text = " · ".join(parts)
    return text[:1].upper() + text[1:]


def _title_block(brief: Brief, generated: str | None) -> list[Flowable]:
    s = house.styles()
    unknown = label("unknown_date")
    facts = [
        (label("issuer"), Bilingual(brief.issuer.zh, brief.issuer.en)),
        (label("source_date"), Bilingual(brief.date or unknown.zh, brief.date or unknown.en)),
        (label("generated"), Bilingual(generated or "", generated or "")),
        (label("source_file"), Bilingual(source_name(brief), source_name(brief))),
    ]
    rows = []
    for name, value in facts:
        if not value.zh:
            continue
        shown = value.zh if value.zh == value.en or not value.en else f"{value.zh} · {value.en}"
        rows.append([para(f"{name.zh} {name.en}", s.meta, lang="en"), para(shown, s.meta, lang="en")])
    meta = Table(rows, colWidths=[32 * mm, house.FRAME_WIDTH - 32 * mm])
    meta.setStyle(
        house.table_style(
            [
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 0.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0.5),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return [
        Bookmark("title", f"{brief.title.zh}  {english_title(brief)}"),
        para(brief.title.zh, s.title_zh),
        para(english_title(brief), s.title_en, lang="en"),
        Spacer(0, 6),
        HRFlowable(width="100%", thickness=0.8, color=house.ACCENT, spaceAfter=1),
        Spacer(0, 3),
        meta,
        Spacer(0, 4),
    ]


def _stack(zh: str, en: str, zh_style, en_style, *, cites=()) -> list[Flowable]:
    out = [para(zh, zh_style, cites=cites)]
    if en and en != zh:
        out.append(para(en, en_style, lang="en"))
    return out


def _key_figures(figures: list[KeyFigure]) -> list[Flowable]:
    if not figures:
        return []
    s = house.styles()
    heads = [label(k) for k in ("indicator", "value", "change", "period", "source")]
    rows: list[list[Any]] = [[_stack(h.zh, h.en, s.cell_head, s.cell_head) for h in heads]]
    for figure in figures:
        change = figure.change or Bilingual("—", "")
        rows.append(
            [
                _stack(figure.indicator.zh, figure.indicator.en, s.cell_zh, s.cell_en),
                _stack(figure.value.zh, figure.value.en, s.cell_value_zh, s.cell_en),
                _stack(change.zh, change.en, s.cell_zh, s.cell_en),
                _stack(figure.period.zh, figure.period.en, s.cell_zh, s.cell_en),
                Paragraph(cite_markup([figure.citation], superscript=False), s.cell_en),
            ]
        )
    width = house.FRAME_WIDTH
    table = Table(
        rows, colWidths=[width * w for w in (0.31, 0.21, 0.2, 0.2, 0.08)], repeatRows=1, splitByRow=1
    )
    table.setStyle(
        house.table_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, 0), 0.8, house.ACCENT),
                ("LINEBELOW", (0, 1), (-1, -1), 0.25, house.RULE),
                ("ROWBACKGROUNDS", (0, 1), (-1, -1), [colors.white, house.PANEL]),
                ("LEFTPADDING", (0, 0), (-1, -1), 4),
                ("RIGHTPADDING", (0, 0), (-1, -1), 4),
                ("TOPPADDING", (0, 0), (-1, -1), 3),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    table.wrap(width, 10_000)  # row heights, so the heading keeps with the head row and two more
    room = sum(table._rowHeights[:3])  # type: ignore[attr-defined]  # set by wrap, not in the stubs
    return [*_heading(label("key_figures"), "key-figures", room=room), table, Spacer(0, 6)]


def _figure_range(citation: Citation, facts: list[Fact]) -> tuple[int, int] | None:
    """Where in the quoted sentence the figures the brief takes from it stand."""
    start, end = citation.span
    found = []
    for fact in facts:
        if start <= fact.span[0] < end:
            at = citation.sentence.find(fact.raw)
            if at >= 0:
                found.append((at, at + len(fact.raw)))
    return (min(a for a, _ in found), max(b for _, b in found)) if found else None


QUOTE_SEARCH_CHARS = 400


def _shortened(sentence: str, figures: tuple[int, int] | None, fits) -> str:
    """`sentence` whole when it fits, else cut with ellipses around its opening and its cited figures:
    the reader of the appendix must still find the numbers the brief states. Never cut in a number.

    A quote of SOURCE_LINES lines holds far fewer than QUOTE_SEARCH_CHARS characters, so no candidate is
    ever longer: each `fits` wraps a paragraph, and wrapping a whole run-on "sentence" of a malformed
    source many times over would make the appendix quadratic in its length."""
    if len(sentence) <= QUOTE_SEARCH_CHARS and fits(sentence):
        return sentence
    points = [p for p in cut_points(sentence, "zh") if p <= max(figures or (0, 0)) + QUOTE_SEARCH_CHARS]
    a, b = figures or (0, 0)

    def snap_down(i: int) -> int:
        return max((p for p in points if p <= i), default=0)

    def snap_up(i: int) -> int:
        return min((p for p in points if p >= i), default=len(sentence))

    def candidate(context: int) -> str:
        low, high = snap_down(max(0, a - context)), snap_up(min(len(sentence), b + context))
        tail = ELLIPSIS if high < len(sentence) else ""
        if low <= SOURCE_HEAD_CHARS:
            return sentence[:high] + tail
        head = snap_down(SOURCE_HEAD_CHARS)
        return sentence[:head] + ELLIPSIS + sentence[low:high] + tail

    low, high, best = 0, QUOTE_SEARCH_CHARS, None
    while low <= high:  # the most context around the figures that still fits
        middle = (low + high) // 2
        if fits(candidate(middle)):
            best, low = candidate(middle), middle + 1
        else:
            high = middle - 1
    if best is not None:
        return best
    cuts = [p for p in points if p <= QUOTE_SEARCH_CHARS and fits(sentence[:p] + ELLIPSIS)]  # keep the start
    return sentence[: cuts[-1]] + ELLIPSIS if cuts else sentence


def _source_entry(brief: Brief, citation: Citation, width: float) -> Flowable:
    """One source in at most SOURCE_LINES lines: the quoted sentence (a link destination), then, small
    and muted, the heading it stands under and its character range in the source."""
    s = house.styles()
    start, end = citation.span
    heading = citation.heading
    if len(heading) > SOURCE_HEADING_CHARS:
        heading = heading[: SOURCE_HEADING_CHARS - 1] + ELLIPSIS
    doc = citation.doc if citation.doc != brief.doc else ""  # the brief's own source goes unsaid
    place = " · ".join(p for p in (doc, heading, f"{label('characters').en} {start}–{end}") if p)
    where = (
        f'<font face="{s.source_meta.fontName}" size="{s.source_meta.fontSize}" '
        f'color="{s.source_meta.textColor.hexval()}">&nbsp;&nbsp;{font_markup(place, s.source_meta.fontName)}'
        "</font>"
    )
    anchor = f'<a name="{cite_anchor(citation.number)}"/>'
    limit = SOURCE_LINES * s.source_zh.leading + 0.5
    # No quote wider than the lines hold can fit: such candidates are ruled out without a layout.
    room = SOURCE_LINES * (width + _FUZZ) - least_width(place, s.source_meta.fontName, s.source_meta.fontSize)
    laid_out: dict[str, Flowable] = {}

    def entry(quote: str) -> Flowable:
        if quote not in laid_out:
            markup = anchor + font_markup(quote, s.source_zh.fontName) + where
            laid_out[quote] = CJKParagraph(markup, s.source_zh)
        return laid_out[quote]

    def fits(quote: str) -> bool:
        if least_width(quote, s.source_zh.fontName, s.source_zh.fontSize) > room:
            return False
        return entry(quote).wrap(width, 10_000)[1] <= limit

    quote = " ".join(citation.sentence.split())
    return entry(_shortened(quote, _figure_range(citation, brief.facts), fits))


def _sources(brief: Brief) -> list[Flowable]:
    if not brief.citations:
        return []
    s = house.styles()
    intro = label("sources_intro")
    number_width = 9 * mm
    width = house.FRAME_WIDTH - number_width
    rows = [
        [Paragraph(f"[{c.number}]", s.source_number), _source_entry(brief, c, width)] for c in brief.citations
    ]
    table = Table(rows, colWidths=[number_width, width], splitByRow=1)
    table.setStyle(
        house.table_style(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), 1),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
                ("LINEBELOW", (0, 0), (-1, -2), 0.25, house.RULE),
            ]
        )
    )
    return [
        *_heading(label("sources"), "sources"),
        para(f"{intro.zh} {intro.en}", s.source_meta, lang="en"),
        Spacer(0, 3),
        table,
    ]


def story(brief: Brief, generated: str | None) -> list[Flowable]:
    """Every flowable of the brief in reading order: summary first, key figures after it."""
    out = _title_block(brief, generated)
    sections = sorted(brief.sections, key=lambda sec: sec.kind != "summary")  # stable: summary first
    figures_done = False
    for section in sections:
        if section.kind != "summary" and not figures_done:
            out += _key_figures(brief.key_figures)
            figures_done = True
        out += _section(brief, section)
    if not figures_done:
        out += _key_figures(brief.key_figures)
    return out + _sources(brief)


# ---------------------------------------------------------------- pages


def pdf_date(generated: str | None):
    """PDF date formatter pinning CreationDate/ModDate to the generation day (reproducible builds)."""
    if not generated:
        return None
    stamp = "D:" + generated.replace("-", "")[:8] + "000000+00'00'"
    return lambda *_ymdhms: stamp


def _page_form(number: int) -> str:
    return f"page-number-{number}"


def _canvas_class(generated: str | None):
    """The canvas: PDF dates pinned to the generation day, and "page x of y" filled in at the end.

    Each footer shows a form XObject that is only defined once the page count is known (forms may be
    referenced before they are defined), so pages are written as they come and links, bookmarks and
    outline entries keep pointing at the right pages.
    """
    formatter = pdf_date(generated)
    words = label("page")

    class BriefCanvas(Canvas):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            if formatter:
                self.setDateFormatter(formatter)

        def save(self):
            total = self.getPageNumber() - 1  # the page begun after the last showPage is never shown
            width = house.PAGE_SIZE[0] - house.MARGIN_RIGHT
            for number in range(1, total + 1):
                text = f"{words.zh}  {words.en}".format(page=number, pages=total)
                self.beginForm(_page_form(number))
                self.setFillColor(house.MUTED)
                draw_string(self, width, FOOTER_Y, text, fonts.LATIN.regular, 6.8, align="right")
                self.endForm()
            super().save()

    return BriefCanvas


class BriefDocument(BaseDocTemplate):
    """A document template that knows its brief and branding, for the running header and footer."""

    def __init__(self, filename: str, *, brief: Brief, branding: Branding | None, **kwargs) -> None:
        self.brief, self.branding = brief, branding
        self.logo = logo_flowable(branding.logo, *HEADER_LOGO) if branding and branding.logo else None
        super().__init__(filename, **kwargs)


def _decorate(canvas, doc: BriefDocument) -> None:
    """Running header (organisation, logo, short title) and footer (source, page x of y)."""
    brief, branding = doc.brief, doc.branding
    number = doc.page
    width, height = house.PAGE_SIZE
    left, right = house.MARGIN_LEFT, width - house.MARGIN_RIGHT
    top = height - house.MARGIN_TOP + 9
    canvas.saveState()
    canvas.setFillColor(house.MUTED)
    canvas.setStrokeColor(house.RULE)
    canvas.setLineWidth(0.5)
    x = left
    if doc.logo is not None:
        logo_width, _ = doc.logo.wrap(*HEADER_LOGO)
        doc.logo.drawOn(canvas, x, top - 2)
        x += logo_width + 5
    if branding and branding.organisation:
        canvas.setFillColor(house.ACCENT)
        draw_string(canvas, x, top, branding.organisation, fonts.CJK.bold, 7.5)
        canvas.setFillColor(house.MUTED)
    if number > 1:
        short = brief.title.zh if len(brief.title.zh) <= 36 else brief.title.zh[:35] + "…"
        draw_string(canvas, right, top, short, fonts.CJK.regular, 7, align="right")
    if number > 1 or branding:
        canvas.line(left, top - 4, right, top - 4)
    bottom = FOOTER_Y
    canvas.line(left, bottom + 9, right, bottom + 9)
    source = source_name(brief)
    footer = " · ".join(p for p in (brief.issuer.en or brief.issuer.zh, brief.date, source) if p)
    draw_string(canvas, left, bottom, footer, fonts.LATIN.regular, 6.8)
    canvas.doForm(_page_form(number))
    canvas.restoreState()
    if number == 1:
        canvas.showOutline()  # open the viewer's bookmark pane


def write_brief_pdf(
    brief: Brief, path: Path, *, branding: Branding | None = None, generated: str | None = None
) -> None:
    """Typeset `brief` to `path` (atomically). Same brief, branding and `generated` → same bytes."""
    fonts.register_reportlab_fonts()
    with glyph_report(source_name(brief) or brief.doc):
        _write(brief, Path(path), branding, generated)


def _write(brief: Brief, path: Path, branding: Branding | None, generated: str | None) -> None:
    flowables = story(brief, generated)
    keywords = ["briefing", brief.doc] + [sec.id for sec in brief.sections if sec.kind == "theme"]
    author = (branding.organisation if branding and branding.organisation else "") or brief.issuer.zh
    with atomic.atomic_path(Path(path)) as tmp:
        doc = BriefDocument(
            str(tmp),
            brief=brief,
            branding=branding,
            pagesize=house.PAGE_SIZE,
            leftMargin=house.MARGIN_LEFT,
            rightMargin=house.MARGIN_RIGHT,
            topMargin=house.MARGIN_TOP,
            bottomMargin=house.MARGIN_BOTTOM,
            title=f"{brief.title.zh} | {english_title(brief)}",
            author=author,
            subject=f"{english_title(brief)} ({source_name(brief)})",
            keywords=keywords,
            creator="briefing",
            invariant=1,
            lang="zh-CN",
            displayDocTitle=1,
            initialFontName=fonts.LATIN.regular,
            initialFontSize=9,
        )
        frame = Frame(
            doc.leftMargin,
            doc.bottomMargin,
            doc.width,
            doc.height,
            id="body",
            leftPadding=0,
            rightPadding=0,
            topPadding=0,
            bottomPadding=0,
        )
        doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=_decorate)])
        doc.build(flowables, canvasmaker=_canvas_class(generated))
