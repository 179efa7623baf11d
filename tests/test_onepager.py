"""One-page theme briefs: one page whatever the material, both languages, legible sizes, embedded fonts."""

from __future__ import annotations

import math
import re
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from pypdf.generic import ContentStream
from test_onepager_material import realistic_briefs, stress_brief

from briefing.model import Bilingual, ThemeBrief
from briefing.pdf import onepager
from briefing.pdf.branding import Branding

GENERATED = "2026-01-01"
REALISTIC = {brief.theme: brief for brief in realistic_briefs()}


def _stress() -> ThemeBrief:
    return replace(stress_brief(), theme="stress")


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory) -> dict[str, tuple[ThemeBrief, Path]]:
    out = tmp_path_factory.mktemp("themes")
    written = {}
    for brief in [*REALISTIC.values(), _stress()]:
        path = out / f"{brief.theme}.pdf"
        onepager.write_theme_pdf(brief, path, generated=GENERATED)
        written[brief.theme] = (brief, path)
    return written


ALL_THEMES = [*REALISTIC, "stress"]


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def text_shown(reader: PdfReader) -> list[tuple[float, bytes]]:
    """Every text-showing operation of page 1: its size in points on the page (the Tf size scaled by
    the text matrix and the CTM, into form XObjects too) and the string codes it shows."""
    shown: list[tuple[float, bytes]] = []

    def scale(m: list[float]) -> float:
        return math.sqrt(abs(m[0] * m[3] - m[1] * m[2]))

    def codes(operands) -> bytes:
        parts = operands[0] if isinstance(operands[0], list) else operands[-1:]
        return b"".join(bytes(p.original_bytes) for p in parts if hasattr(p, "original_bytes"))

    def walk(stream_owner, resources, ctm_scale: float) -> None:
        stack, ctm, size, tm = [], ctm_scale, 0.0, 1.0
        for operands, op in ContentStream(stream_owner, reader).operations:
            if op == b"q":
                stack.append(ctm)
            elif op == b"Q":
                ctm = stack.pop()
            elif op == b"cm":
                ctm *= scale([float(x) for x in operands])
            elif op == b"Tf":
                size = float(operands[1])
            elif op == b"Tm":
                tm = scale([float(x) for x in operands])
            elif op == b"BT":
                tm = 1.0
            elif op in (b"Tj", b"TJ", b"'", b'"'):
                shown.append((size * tm * ctm, codes(operands)))
            elif op == b"Do":
                xobject = resources["/XObject"][operands[0]].get_object()
                if xobject["/Subtype"] == "/Form":
                    matrix = [float(x) for x in xobject.get("/Matrix", [1, 0, 0, 1, 0, 0])]
                    walk(xobject, xobject.get("/Resources", resources), ctm * scale(matrix))

    page = reader.pages[0]
    walk(page.get_contents(), page["/Resources"], 1.0)
    return shown


@pytest.mark.parametrize("theme", ALL_THEMES)
def test_one_page_with_every_font_embedded_as_a_subset(pdfs, theme):
    reader = PdfReader(pdfs[theme][1])
    assert len(reader.pages) == 1
    page_fonts = reader.pages[0]["/Resources"]["/Font"]
    assert page_fonts
    for font in page_fonts.values():
        font = font.get_object()
        assert re.match(r"/[A-Z]{6}\+", font["/BaseFont"]), font["/BaseFont"]
        assert "/FontFile2" in font["/FontDescriptor"].get_object()


@pytest.mark.parametrize("theme", ALL_THEMES)
def test_no_character_is_drawn_as_the_missing_glyph(pdfs, theme):
    """ReportLab sets a character its font lacks as code 0 of the subset (.notdef: a blank or a box)."""
    shown = text_shown(PdfReader(pdfs[theme][1]))
    assert shown and all(codes for _size, codes in shown)
    assert not [codes for _size, codes in shown if b"\0" in codes]


@pytest.mark.parametrize("theme", ALL_THEMES)
def test_page_states_title_figures_bullets_and_date_in_both_languages(pdfs, theme):
    brief, path = pdfs[theme]
    text = squeeze(PdfReader(path).pages[0].extract_text())
    layout = onepager.plan_layout(brief, onepager.chart_slot(brief))
    labels = [onepager.label(key) for key in ("key_figures", "highlights", "sources", "generated")]
    expected = [brief.title.zh, brief.title.en, GENERATED, layout.tiles[0].value.zh]
    expected += [label.zh for label in labels] + [label.en for label in labels]
    expected += [layout.tiles[0].indicator.zh[:6], layout.tiles[0].indicator.en.split()[0]]
    expected += [layout.bullets[0].zh[:12], " ".join(layout.bullets[0].en.split()[:3])]
    for phrase in expected:
        assert squeeze(phrase) in text, phrase


@pytest.mark.parametrize("theme", ALL_THEMES)
def test_no_text_is_set_below_the_legible_minimum(pdfs, theme):
    sizes = [size for size, _codes in text_shown(PdfReader(pdfs[theme][1]))]
    assert sizes
    assert min(sizes) >= onepager.MIN_FONT_SIZE - 1e-6


def test_metadata_names_the_theme_and_language(pdfs):
    brief, path = pdfs["environment"]
    reader = PdfReader(path)
    assert brief.title.zh in reader.metadata.title and brief.title.en in reader.metadata.title
    assert reader.trailer["/Root"]["/Lang"] == "zh-CN"


def test_sources_name_each_document(pdfs):
    for brief, path in pdfs.values():
        if brief.theme == "stress":
            continue
        text = squeeze(PdfReader(path).pages[0].extract_text())
        for source in brief.sources:
            assert squeeze(source.zh) in text


def test_too_many_sources_are_counted_not_dropped_silently():
    sources = _stress().sources
    text = onepager.sources_paragraph(sources, onepager.WIDTH).getPlainText()
    shown = text.split("：", 1)[1].split("；")
    more = re.search(r"and (\d+) more", text)
    assert more and len(shown) - 1 + int(more.group(1)) == len(sources)


def _placeholder_chart(height: float) -> onepager.ChartSlot:
    return onepager.ChartSlot(lambda: onepager.Stack([]), height)


def _cut(brief: ThemeBrief, n_tiles: int, n_bullets: int) -> ThemeBrief:
    return replace(brief, kpis=brief.kpis[:n_tiles], bullets=brief.bullets[:n_bullets])


def test_overflow_keeps_the_best_items_and_fills_the_page():
    brief = _stress()
    layout = onepager.plan_layout(brief, _placeholder_chart(250))
    assert layout.tiles == brief.kpis[: len(layout.tiles)]
    assert layout.bullets == brief.bullets[: len(layout.bullets)]
    assert onepager.MIN_TILES <= len(layout.tiles) <= onepager.MAX_TILES
    used = sum(advance for _flowable, advance in layout.blocks)
    available = onepager.CONTENT_TOP - onepager.CONTENT_BOTTOM
    assert used <= available
    next_bullet = onepager.bullet_block(brief.bullets[len(layout.bullets)], onepager.WIDTH)
    assert used + onepager._measure(next_bullet) + onepager.BULLET_GAP > available


@pytest.mark.parametrize("chart_height", [150, 250, 350, 450, 550])
def test_tiles_go_only_after_bullets_and_the_chart_only_after_tiles(chart_height):
    brief = _stress()
    chart = _placeholder_chart(chart_height)
    layout = onepager.plan_layout(brief, chart)
    if len(layout.tiles) < onepager.MAX_TILES:  # would the tiles have fitted with the fewest bullets?
        fewest = onepager.plan_layout(_cut(brief, onepager.MAX_TILES, onepager.MIN_BULLETS), chart)
        assert len(fewest.tiles) == len(layout.tiles)
    if not layout.chart_height:  # would the chart have fitted with the fewest tiles and bullets?
        fewest = _cut(brief, onepager.MIN_TILES, onepager.MIN_BULLETS)
        assert not onepager.plan_layout(fewest, chart).chart_height
    else:
        assert layout.chart_height == chart_height


def test_short_material_is_shown_whole():
    brief = REALISTIC["safety"]
    layout = onepager.plan_layout(_cut(brief, 3, 3), _placeholder_chart(250))
    assert (len(layout.tiles), len(layout.bullets), layout.chart_height) == (3, 3, 250)


_WORD = st.one_of(
    st.sampled_from(["growth", "district", "investment", "of", "the", "year-on-year", "CNY", "billion"]),
    st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False).map(str),
    st.decimals(min_value=0, max_value=100, places=1, allow_nan=False).map(lambda d: f"{d}%"),
)


@settings(max_examples=40, deadline=None)
@given(words=st.lists(_WORD, min_size=1, max_size=80))
def test_cut_labels_end_in_an_ellipsis_within_their_lines_and_keep_numbers_whole(words):
    text = " ".join(words)
    style = onepager.page_styles().indicator_en
    flowable = onepager.fitted(text, style, 150, 2, "en")
    shown = flowable.getPlainText()
    assert flowable.wrap(150, 10_000)[1] <= 2 * style.leading + 0.5
    if shown != text:
        assert shown.endswith(onepager.ELLIPSIS)
    numbers = set(re.findall(r"\d[\d.]*%?", text))
    assert set(re.findall(r"\d[\d.]*%?", shown)) <= numbers


def test_same_brief_gives_the_same_bytes(tmp_path):
    brief = REALISTIC["economy"]
    onepager.write_theme_pdf(brief, tmp_path / "a.pdf", generated=GENERATED)
    onepager.write_theme_pdf(brief, tmp_path / "b.pdf", generated=GENERATED)
    assert (tmp_path / "a.pdf").read_bytes() == (tmp_path / "b.pdf").read_bytes()


def test_a_failed_write_leaves_the_previous_file_untouched(tmp_path, monkeypatch):
    path = tmp_path / "economy.pdf"
    brief = REALISTIC["economy"]
    onepager.write_theme_pdf(brief, path, generated=GENERATED)
    before = path.read_bytes()

    def fail(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(onepager, "draw_page", fail)
    with pytest.raises(OSError, match="disk full"):
        onepager.write_theme_pdf(brief, path, generated=GENERATED)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["economy.pdf"]


def test_branding_puts_the_organisation_and_logo_on_the_page(tmp_path):
    from PIL import Image

    logo = tmp_path / "logo.png"
    Image.new("RGB", (120, 40), (200, 30, 30)).save(logo)
    path = tmp_path / "branded.pdf"
    branding = Branding("European Chamber 中国欧盟商会", logo)
    onepager.write_theme_pdf(REALISTIC["environment"], path, branding=branding, generated=GENERATED)
    page = PdfReader(path).pages[0]
    assert "European Chamber" in page.extract_text()
    xobjects = page["/Resources"]["/XObject"].values()
    assert any(x.get_object()["/Subtype"] == "/Image" for x in xobjects)


def test_sparse_material_still_makes_a_page(tmp_path):
    """A theme with one bullet, no figures, no chart material and no named source still gets its page."""
    brief = REALISTIC["safety"]
    sparse = ThemeBrief(brief.theme, brief.title, bullets=brief.bullets[:1])
    path = tmp_path / "sparse.pdf"
    onepager.write_theme_pdf(sparse, path, generated=GENERATED)
    text = squeeze(PdfReader(path).pages[0].extract_text())
    assert squeeze(brief.bullets[0].zh[:12]) in text and onepager.label("key_figures").zh not in text


def test_generation_date_defaults_to_the_pinned_build_date(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # 2026-01-01
    path = tmp_path / "dated.pdf"
    onepager.write_theme_pdf(REALISTIC["safety"], path)
    assert "2026-01-01" in PdfReader(path).pages[0].extract_text()


def test_a_source_title_longer_than_the_sources_budget_is_cut_not_overflowing():
    long_title = "".join(b.zh for b in REALISTIC["economy"].bullets) * 3
    style = onepager.page_styles().sources
    paragraph = onepager.sources_paragraph([Bilingual(long_title, long_title)], onepager.WIDTH, max_lines=4)
    assert paragraph.wrap(onepager.WIDTH, 10_000)[1] <= 4 * style.leading + 0.5
    assert paragraph.getPlainText().endswith(onepager.ELLIPSIS)
