"""What the last `briefing build` wrote in its output folder, seen as mail attachments with key points.

Only what the build's `manifest.json` lists is sent: files an earlier run left in the same folder are
not this run's briefs. The PDFs are what is sent; the JSON beside them only feeds the few lines of the
message body, so a missing or malformed JSON file costs a poorer body (and a note), never the delivery.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefing.mail.config import MailError
from briefing.mail.headers import header_text
from briefing.model import Bilingual

MANIFEST = "manifest.json"  # written by briefing.pipeline.build (not imported: it pulls in the build)

MAX_POINTS = 5  # sentences quoted per attachment: enough to decide whether to open the PDF
MAX_FIGURES = 4
MAX_FILENAME = 80  # characters before ".pdf"; long Chinese titles make unwieldy names in mail clients


@dataclass
class Part:
    """One attachment and what the message body says about it."""

    pdf: Path
    filename: str  # the name shown to the reader (UTF-8, RFC 2231 in the message)
    title: Bilingual
    byline: Bilingual | None = None  # issuer and date of a full brief
    points: list[Bilingual] = field(default_factory=list)
    figures: list[Bilingual] = field(default_factory=list)


@dataclass
class BuildOutputs:
    folder: Path
    pdfs: dict[str, Path] = field(default_factory=dict)  # doc → its full brief, in the build's order
    briefs: dict[str, dict[str, Any]] = field(default_factory=dict)  # doc → parsed <doc>.brief.json
    themes: dict[str, dict[str, Any]] = field(default_factory=dict)  # theme → its manifest entry
    fact_themes: dict[str, str] = field(default_factory=dict)  # fact id → theme, from <doc>.facts.jsonl
    notes: list[str] = field(default_factory=list)  # unreadable or missing files, one line each

    @property
    def empty(self) -> bool:
        return not self.pdfs and not self.themes

    def full_parts(self) -> list[Part]:
        """The full brief of every source the build wrote."""
        return [self._full_part(doc, pdf) for doc, pdf in self.pdfs.items()]

    def theme_part(self, theme: str) -> Part | None:
        """The one-pager of `theme`, or None when build wrote none (a theme no source touches)."""
        entry = self.themes.get(theme)
        if entry is None:
            return None
        title = _bilingual(entry.get("title")) or self._theme_title(theme)
        part = Part(pdf=entry["pdf"], filename=_filename(_title_line(title), theme), title=title)
        part.points = _bilinguals(entry.get("bullets"))[:MAX_POINTS] or self._theme_points(theme)[:MAX_POINTS]
        figures = (k for b in self.briefs.values() for k in _dicts(b.get("key_figures")))
        part.figures = _figure_lines(k for k in figures if k.get("theme") == theme)
        return part

    def _full_part(self, doc: str, pdf: Path) -> Part:
        brief = self.briefs.get(doc, {})
        title = _bilingual(brief.get("title")) or Bilingual(doc, doc)
        part = Part(pdf=pdf, filename=_filename(title.zh, doc), title=title)
        issuer = _bilingual(brief.get("issuer"))
        date = brief.get("date") if isinstance(brief.get("date"), str) else ""
        if issuer or date:
            zh = " · ".join(x for x in (issuer.zh if issuer else "", date) if x)
            en = " · ".join(x for x in (issuer.en if issuer else "", date) if x)
            part.byline = Bilingual(zh, en)
        summary = [s for s in _dicts(brief.get("sections")) if s.get("kind", s.get("id")) == "summary"]
        part.points = [p for s in summary for p in _bilinguals(s.get("sentences"))][:MAX_POINTS]
        part.figures = _figure_lines(_dicts(brief.get("key_figures")))
        return part

    def _theme_title(self, theme: str) -> Bilingual:
        """The theme's heading as compose wrote it in a brief, else its id."""
        for brief in self.briefs.values():
            for section in _dicts(brief.get("sections")):
                title = _bilingual(section.get("title"))
                if section.get("id") == theme and title:
                    return title
        return Bilingual(theme, theme.replace("_", " ").capitalize())

    def _theme_points(self, theme: str) -> list[Bilingual]:
        """Summary sentences stating a fact of the theme, then the theme's own section sentences."""
        touching: list[Bilingual] = []
        own: list[Bilingual] = []
        for brief in self.briefs.values():
            for section in _dicts(brief.get("sections")):
                for sentence in _dicts(section.get("sentences")):
                    line = _bilingual(sentence)
                    if not line:
                        continue
                    if section.get("id") == theme:
                        own.append(line)
                    elif section.get("kind", section.get("id")) == "summary" and theme in self._themes_of(
                        sentence
                    ):
                        touching.append(line)
        return list({p.zh: p for p in touching + own}.values())

    def _themes_of(self, sentence: dict[str, Any]) -> set[str]:
        return {self.fact_themes.get(f, "") for f in _list(sentence.get("facts")) if isinstance(f, str)}

    def listed_file(self, name: Any, suffix: str) -> Path | None:
        """A file the manifest names, if it is a file of this folder (or its themes/) that exists."""
        if not isinstance(name, str) or not name.endswith(suffix):
            return None
        path = self.folder / name
        inside = path.resolve().parent in {self.folder.resolve(), (self.folder / "themes").resolve()}
        if not inside or not path.is_file():
            self.notes.append(f"{path}: listed in {MANIFEST} but missing; left out")
            return None
        return path

    def read_fact_themes(self, path: Path) -> None:
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
            records = [json.loads(line) for line in lines if line.strip()]
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            self.notes.append(f"{path}: not readable JSON lines ({exc}); theme key points may be fewer")
            return
        for record in records:
            if isinstance(record, dict) and isinstance(record.get("id"), str):
                self.fact_themes[record["id"]] = str(record.get("theme", ""))

    def read_json(self, path: Path) -> dict[str, Any] | None:
        if not path.is_file():
            return None
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            self.notes.append(f"{path}: not readable JSON ({exc}); the message body leaves it out")
            return None
        if not isinstance(data, dict):
            self.notes.append(f"{path}: not a JSON object; the message body leaves it out")
            return None
        return data


def read_outputs(folder: Path) -> BuildOutputs:
    """The outputs `manifest.json` lists; MailError when the folder holds no manifest to go by."""
    outputs = BuildOutputs(folder=folder)
    manifest = outputs.read_json(folder / MANIFEST)
    if manifest is None:
        raise MailError(
            f"{folder}: no briefs to send: no readable {MANIFEST} from `briefing build` "
            f"(run `briefing build --out {folder}` first)"
        )
    for entry in _dicts(manifest.get("briefs")):
        doc, pdf = entry.get("doc"), outputs.listed_file(entry.get("pdf"), ".pdf")
        if not isinstance(doc, str) or pdf is None:
            continue
        outputs.pdfs[doc] = pdf
        brief_file = outputs.listed_file(entry.get("brief"), ".brief.json")
        brief = outputs.read_json(brief_file) if brief_file else None
        if brief is not None:
            outputs.briefs[doc] = brief
        facts_file = outputs.listed_file(entry.get("facts"), ".facts.jsonl")
        if facts_file:
            outputs.read_fact_themes(facts_file)
    for entry in _dicts(manifest.get("themes")):
        pdf = outputs.listed_file(entry.get("pdf"), ".pdf")
        if isinstance(entry.get("theme"), str) and pdf is not None:
            outputs.themes[entry["theme"]] = {**entry, "pdf": pdf}
    for brief in outputs.briefs.values():  # key figures name their theme too, should facts.jsonl be gone
        for figure in _dicts(brief.get("key_figures")):
            if isinstance(figure.get("fact"), str):
                outputs.fact_themes.setdefault(figure["fact"], str(figure.get("theme", "")))
    return outputs


def _figure_lines(figures: Iterable[dict[str, Any]]) -> list[Bilingual]:
    return [line for line in map(_figure_line, figures) if line][:MAX_FIGURES]


def _figure_line(figure: dict[str, Any]) -> Bilingual | None:
    """`indicator：value，change（period）` in each language, from a key figure of brief.json."""
    indicator, value = _bilingual(figure.get("indicator")), _bilingual(figure.get("value"))
    if not indicator or not value:
        return None
    change, period = _bilingual(figure.get("change")), _bilingual(figure.get("period"))
    zh = f"{indicator.zh}：{value.zh}" + (f"，{change.zh}" if change else "")
    en = f"{indicator.en}: {value.en}" + (f", {change.en}" if change else "")
    if period:
        zh, en = f"{zh}（{period.zh}）", f"{en} ({period.en})"
    return Bilingual(zh, en)


def _bilingual(value: Any) -> Bilingual | None:
    if not isinstance(value, dict):
        return None
    zh, en = value.get("zh"), value.get("en")
    zh = zh.strip() if isinstance(zh, str) else ""
    en = en.strip() if isinstance(en, str) else ""
    if not zh and not en:
        return None
    return Bilingual(zh or en, en or zh)


def _bilinguals(values: Any) -> list[Bilingual]:
    return [b for b in map(_bilingual, _list(values)) if b]


def _list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else []


def _dicts(value: Any) -> list[dict[str, Any]]:
    return [v for v in _list(value) if isinstance(v, dict)]


def _title_line(title: Bilingual) -> str:
    return title.zh if title.zh == title.en else f"{title.zh} {title.en}"


_UNSAFE = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]+')


def _filename(title: str, fallback: str) -> str:
    """A file name a mail client can save anywhere: no path separators or control characters."""
    name = " ".join(_UNSAFE.sub(" ", header_text(title)).split())[:MAX_FILENAME].strip(" .")
    return f"{name or fallback}.pdf"
