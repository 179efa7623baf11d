"""The `build` job: every source through ingest → facts → translate → compose → pdf, then the one-pagers.

One bad source never stops the batch: its failure becomes one line in the report and the others are
built. Outputs are written atomically, so a failure leaves no half-written file behind.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import traceback
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from briefing import atomic
from briefing.model import Document, Fact

Progress = Callable[[str], None]


@dataclass
class BuildOptions:
    out_dir: Path = Path("out")
    themes: list[str] | None = None  # None: every theme with enough material
    one_pagers: bool = True
    templates: Path | None = None
    glossaries: list[Path] = field(default_factory=list)
    use_cache: bool = True
    brand_config: Path | None = None
    min_theme_facts: int = 3
    verbose: bool = False


@dataclass
class BuildReport:
    written: list[Path] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)  # one line each: file and problem
    notices: list[str] = field(default_factory=list)  # said once per run (e.g. how to install a model)
    documents: int = 0
    facts: int = 0


def generation_date() -> str:
    """Today's date, or the one SOURCE_DATE_EPOCH pins, so builds can be byte-reproducible."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date().isoformat()
    return dt.date.today().isoformat()


def translation_layer(options: BuildOptions):
    from briefing.translate import Glossary, TranslationLayer

    cache_home = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return TranslationLayer(
        Glossary.load(options.glossaries),
        cache_path=cache_home / "briefing" / "translations.sqlite",
        use_cache=options.use_cache,
    )


def extract(document: Document, layer) -> list[Fact]:
    """The document's facts with English indicator labels: composed from the termbase by rule, the model
    (when installed) only for labels the composer could not build; all labels in one batch."""
    from briefing.facts import extract_facts

    facts = extract_facts(document)
    english = layer.indicator_labels(f.indicator_zh for f in facts)
    for fact in facts:
        found = english.get(fact.indicator_zh)
        fact.indicator_en = found.en if found else ""
        fact.indicator_en_by = found.by if found else ""
    return facts


def build(sources: list[str], options: BuildOptions, progress: Progress | None = None) -> BuildReport:
    from briefing.compose import compose_brief, compose_theme_briefs
    from briefing.facts import facts_to_jsonl
    from briefing.ingest import SourceError, load_document
    from briefing.pdf import load_branding, write_brief_pdf
    from briefing.pdf.onepager import write_theme_pdf

    say = progress or (lambda _message: None)
    report = BuildReport()
    layer = translation_layer(options)
    branding = load_branding(options.brand_config) if options.brand_config else None
    generated = generation_date()
    out = options.out_dir
    built: list[tuple[Document, list[Fact]]] = []

    for source in sources:
        say(f"reading {source}")
        try:
            document = load_document(source)
            say(f"{document.doc}: {len(document.sentences)} sentences; extracting facts")
            facts = extract(document, layer)
            say(f"{document.doc}: {len(facts)} facts; composing")
            brief = compose_brief(document, facts, layer, templates=options.templates)
            say(f"{document.doc}: typesetting")
            pdf_path = out / f"{document.doc}.pdf"
            write_brief_pdf(brief, pdf_path, branding=branding, generated=generated)
            facts_path = out / f"{document.doc}.facts.jsonl"
            atomic.write_text(facts_path, facts_to_jsonl(facts))
            brief_path = out / f"{document.doc}.brief.json"
            atomic.write_text(brief_path, json.dumps(brief.to_json(), ensure_ascii=False, indent=1))
        except SourceError as exc:
            report.failures.append(str(exc))
            continue
        except Exception as exc:  # a bug on one document must not cost the others their briefs
            detail = traceback.format_exc() if options.verbose else f"{type(exc).__name__}: {exc}"
            report.failures.append(f"{source}: could not build the brief: {detail}".rstrip())
            continue
        report.written += [pdf_path, facts_path, brief_path]
        report.documents += 1
        report.facts += len(facts)
        built.append((document, facts))

    if options.one_pagers and built:
        say("composing theme one-pagers")
        for theme_brief in compose_theme_briefs(
            built, layer, themes=options.themes, min_facts=options.min_theme_facts
        ):
            path = out / "themes" / f"{theme_brief.theme}.pdf"
            say(f"typesetting {path.name}")
            try:
                write_theme_pdf(theme_brief, path, branding=branding, generated=generated)
            except Exception as exc:
                report.failures.append(f"{path}: could not write the one-pager: {type(exc).__name__}: {exc}")
                continue
            report.written.append(path)

    hint = layer.missing_model_hint()
    if hint:
        report.notices.append(hint)
    return report
