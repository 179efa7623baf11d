"""The full brief PDF: structure (outline, links, metadata), fonts, escaping, reproducibility, branding."""

from __future__ import annotations

import struct
import zlib
from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader
from test_pdf_samples import sample_brief

from briefing.model import BriefSentence
from briefing.pdf import Branding, BrandingError, load_branding, write_brief_pdf
from briefing.pdf.brief import english_title

GENERATED = "2025-10-01"
UNTRANSLATED = "[English not machine-translated"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, PdfReader]:
    path = tmp_path_factory.mktemp("brief") / "brief.pdf"
    write_brief_pdf(sample_brief(), path, generated=GENERATED)
    return path, PdfReader(path)


def page_texts(reader: PdfReader) -> list[str]:
    return [page.extract_text() for page in reader.pages]


def outline_titles(outline) -> list[str]:
    titles = []
    for item in outline:
        titles += outline_titles(item) if isinstance(item, list) else [item.title]
    return titles


def fonts_of(resources, seen=None) -> dict[str, dict]:
    """Every font dictionary reachable from a resource dictionary (pages and form XObjects)."""
    seen = {} if seen is None else seen
    resources = resources.get_object() if resources is not None else {}
    for font in (resources.get("/Font") or {}).values():
        font = font.get_object()
        seen[font["/BaseFont"]] = font
    for xobject in (resources.get("/XObject") or {}).values():
        xobject = xobject.get_object()
        if xobject.get("/Subtype") == "/Form":
            fonts_of(xobject.get("/Resources"), seen)
    return seen


def test_every_section_has_an_outline_entry(built):
    _, reader = built
    titles = outline_titles(reader.outline)
    brief = sample_brief()
    for section in brief.sections:
        assert any(section.title.zh in t and section.title.en in t for t in titles), section.title
    assert any("关键数据" in t for t in titles) and any("资料来源" in t for t in titles)
    assert reader.trailer["/Root"]["/PageMode"] == "/UseOutlines"


def test_metadata_language_and_viewer_title(built):
    _, reader = built
    brief = sample_brief()
    info = reader.metadata
    assert brief.title.zh in info.title and brief.title.en in info.title
    assert info.author == brief.issuer.zh
    assert "004_976266724e1df7b4.txt" in info.subject
    assert "economy" in info["/Keywords"]
    assert info["/CreationDate"].startswith("D:20251001")
    root = reader.trailer["/Root"]
    assert root["/Lang"] == "zh-CN"
    assert root["/ViewerPreferences"]["/DisplayDocTitle"].value is True


def test_every_font_is_an_embedded_subset(built):
    _, reader = built
    found = {}
    for page in reader.pages:
        found.update(fonts_of(page.get("/Resources")))
    assert found
    for name, font in found.items():
        assert "Helvetica" not in name and "Times" not in name, name
        assert name[7:8] == "+" and name[1:7].isupper(), f"{name} is not a subset"
        descriptor = font["/FontDescriptor"].get_object()
        assert "/FontFile2" in descriptor, f"{name} is not embedded"
    assert {n.split("+")[1] for n in found} >= {"NotoSans-Regular", "NotoSansSC-Regular", "NotoSansSC-Bold"}


def test_source_markup_prints_literally(built):
    _, reader = built
    text = "".join(page_texts(reader))
    assert "<b>R&D</b>投入" in text
    assert "<b>R&D</b> spending" in text


def test_citation_marks_link_to_the_quoted_source_sentence(built):
    _, reader = built
    brief = sample_brief()
    pages = page_texts(reader)
    appendix = next(i for i, text in enumerate(pages) if "资料来源" in text and "[1]" in text)
    page_ids = [page.indirect_reference.idnum for page in reader.pages]
    targets = []
    for page in reader.pages:
        for annot in page.get("/Annots") or []:
            annot = annot.get_object()
            if annot.get("/Subtype") == "/Link" and "/Dest" in annot:
                targets.append(page_ids.index(annot["/Dest"][0].idnum))
    marks = sum(len(s.citations) * 2 for sec in brief.sections for s in sec.sentences)
    assert len(targets) >= marks + len(brief.key_figures)
    assert min(targets) >= appendix  # every mark jumps into the appendix
    for citation in brief.citations:
        assert citation.sentence[:12] in "".join(pages[appendix:]).replace("\n", "")


def test_untranslated_marker_once_per_section(built):
    _, reader = built
    text = "".join(page_texts(reader))
    sections = [s for s in sample_brief().sections if any(x.en_by == "untranslated" for x in s.sentences)]
    assert sections
    assert text.count(UNTRANSLATED) == len(sections)


def test_page_x_of_y_on_every_page(built):
    _, reader = built
    total = len(reader.pages)
    assert total >= 3
    for number, text in enumerate(page_texts(reader), start=1):
        assert f"Page {number} of {total}" in text


def test_same_inputs_give_identical_bytes(built, tmp_path):
    path, _ = built
    again = tmp_path / "again.pdf"
    write_brief_pdf(sample_brief(), again, generated=GENERATED)
    assert again.read_bytes() == path.read_bytes()
    later = tmp_path / "later.pdf"
    write_brief_pdf(sample_brief(), later, generated="2025-10-02")
    assert later.read_bytes() != path.read_bytes()


def test_odd_characters_never_cost_the_document(tmp_path, caplog):
    """An emoji and a rare ideograph are drawn with the shipped fallback fonts; an ideograph no shipped
    font has prints as the missing mark, and the run is warned once, naming it, however often it occurs."""
    brief = sample_brief()
    brief.sections[-1].sentences.extend(
        [
            BriefSentence(
                "营商环境持续优化\U0001f680，𠀀字出现，𠀁字也出现。",
                "Better business climate \U0001f680.",
                [],
            ),
            BriefSentence("又见𠀁字。", "The same character 𠀁 again.", []),
        ]
    )
    target = tmp_path / "out.pdf"
    with caplog.at_level("WARNING", logger="briefing"):
        write_brief_pdf(brief, target, generated=GENERATED)
    reader = PdfReader(target)
    text = "".join(page_texts(reader))
    assert "〓字也出现" in text and "𠀁" not in text
    embedded = {name for page in reader.pages for name in fonts_of(page["/Resources"])}
    assert any("NotoEmoji" in name for name in embedded) and any("BriefingExtB" in name for name in embedded)
    warnings = [r.getMessage() for r in caplog.records if "U+20001" in r.getMessage()]
    assert len(warnings) == 1 and "004_976266724e1df7b4.txt" in warnings[0]
    assert "U+1F680" not in warnings[0] and "U+20000" not in warnings[0]


def test_pdf_shows_the_source_file_name_never_its_folders(tmp_path):
    brief = replace(sample_brief(), source_path="/home/analyst/private/incoming/town_report.txt")
    target = tmp_path / "out.pdf"
    write_brief_pdf(brief, target, generated=GENERATED)
    reader = PdfReader(target)
    shown = "".join(page_texts(reader)) + str(reader.metadata)
    assert "town_report.txt" in shown
    assert "/home" not in shown and "analyst" not in shown and "incoming" not in shown


def tiny_png(path: Path) -> Path:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    raw = b"".join(b"\x00" + b"\x1f\x3a\x5f" * 8 for _ in range(4))
    header = struct.pack(">IIBBBBB", 8, 4, 8, 2, 0, 0, 0)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )
    return path


SVG_LOGO = (
    '<svg xmlns="http://www.w3.org/2000/svg" width="60" height="20" viewBox="0 0 60 20">'
    '<rect width="20" height="20" fill="#1f3a5f"/>'
    '<text x="24" y="15" style="font-family: \'Noto Sans\'; font-size: 12px">EU</text></svg>'
)


@pytest.mark.parametrize("logo_kind", ["png", "svg"])
def test_branding_from_toml_in_every_header(tmp_path, logo_kind):
    if logo_kind == "png":
        tiny_png(tmp_path / "logo.png")
    else:
        (tmp_path / "logo.svg").write_text(SVG_LOGO, encoding="utf-8")
    config = tmp_path / "brand.toml"
    config.write_text(
        f'[brand]\norganisation = "欧盟商会 EU Chamber"\nlogo = "logo.{logo_kind}"\n', encoding="utf-8"
    )
    branding = load_branding(config)
    assert branding == Branding("欧盟商会 EU Chamber", tmp_path / f"logo.{logo_kind}")
    path = tmp_path / "branded.pdf"
    write_brief_pdf(sample_brief(), path, branding=branding, generated=GENERATED)
    reader = PdfReader(path)
    for text in page_texts(reader):
        assert "欧盟商会 EU Chamber" in text
    if logo_kind == "png":
        assert "/XObject" in reader.pages[0]["/Resources"]


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("organisation = 'x'", r"no \[brand\] table"),
        ("[brand]\norganisation = 3", "must be a string"),
        ("[brand]\nlogo = 'missing.png'", "does not exist"),
        ("[brand]\nlogo = 'logo.gif'", "PNG or SVG"),
        ("[brand\n", "cannot read"),
    ],
)
def test_bad_brand_config_is_one_clear_error(tmp_path, content, problem):
    config = tmp_path / "brand.toml"
    config.write_text(content, encoding="utf-8")
    with pytest.raises(BrandingError, match=problem) as caught:
        load_branding(config)
    assert str(config) in str(caught.value)


def test_title_without_english_gets_a_descriptor_from_metadata():
    brief = sample_brief()
    brief = replace(brief, title=replace(brief.title, en=""))
    described = english_title(brief)
    assert brief.issuer.en in described and brief.date in described
    translated = replace(brief, title=replace(brief.title, en="A translated title"))
    assert english_title(translated) == "A translated title"
