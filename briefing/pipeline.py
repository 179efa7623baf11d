"""The `facts` and `build` jobs: every source through ingest → facts → translate → compose → pdf, then the
one-pagers and the run's manifest.

Three rules hold the jobs together:
- Usage and environment problems (a bad glossary or brand file, an output folder that cannot be written,
  a source folder that cannot be listed, stdin closed) raise `UsageError` before any work is done.
- Each source is processed in isolation: whatever goes wrong with it becomes one line naming the file,
  and the others go on. A brief's outputs (PDF, facts, brief.json) appear together or not at all.
- Output names are unique within a run (`a/x.txt` and `b/x.txt` become `a-x` and `b-x`), and
  `manifest.json` lists what this run wrote, so `send` never mails what an earlier run left behind.

`build` can spread the documents over processes (`BuildOptions.jobs`); the output is the same as in one.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import traceback
from collections.abc import Callable, Iterable
from contextlib import nullcontext, suppress
from dataclasses import dataclass, field
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefing import atomic
from briefing.dates import generation_date
from briefing.model import Document, Fact

if TYPE_CHECKING:  # process pools are imported only when `build --jobs` asks for more than one
    from concurrent.futures import Executor, Future

Progress = Callable[[str], None]
MANIFEST = "manifest.json"
OUTPUT_SUFFIXES = (".pdf", ".facts.jsonl", ".brief.json")  # a brief's outputs, written together


class UsageError(Exception):
    """A usage or environment problem found before any work is done (exit 2); the message is one line."""


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
    jobs: int = 1  # processes building documents at once


@dataclass
class BuildReport:
    written: list[Path] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)  # one line each: file and problem
    notices: list[str] = field(default_factory=list)  # said once per run (e.g. how to install a model)
    renamed: list[str] = field(default_factory=list)  # "a/x.txt → a-x": names made unique in this run
    documents: int = 0
    facts: int = 0


def default_jobs() -> int:
    """The CPUs this process may run on."""
    affinity = getattr(os, "sched_getaffinity", None)
    return len(affinity(0)) if affinity else os.cpu_count() or 1


def translation_layer(options: BuildOptions):
    """The zh→en layer; a user glossary that cannot be read is a UsageError."""
    from briefing.translate import Glossary, GlossaryError, TranslationLayer
    from briefing.translate.derived import cache_home

    try:
        glossary = Glossary.load(options.glossaries)
    except GlossaryError as exc:
        raise UsageError(str(exc)) from None
    return TranslationLayer(
        glossary,
        cache_path=cache_home() / "translations.sqlite",
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


# ---------------------------------------------------------------- sources


@dataclass(frozen=True)
class Source:
    path: str  # as given, or found in a folder given; "-" is stdin
    doc: str  # its name in this run's outputs and fact ids, unique within the run


@dataclass
class Sources:
    items: list[Source] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)  # folders with nothing to read, broken links
    renamed: list[str] = field(default_factory=list)  # "a/x.txt → a-x"


def gather_sources(args: Iterable[str]) -> Sources:
    """The sources named on the command line, folders expanded (their supported files, sorted), each with
    a unique output name. UsageError when a folder cannot be listed or `-` is given with stdin closed."""
    from briefing.ingest import SUPPORTED_SUFFIXES

    gathered = Sources()
    paths: list[str] = []
    for arg in args:
        if arg == "-":
            if sys.stdin is None or sys.stdin.closed:
                raise UsageError("-: stdin is closed, so there is nothing to read")
            paths.append(arg)
            continue
        folder = Path(arg)
        if not folder.is_dir():
            paths.append(arg)
            continue
        try:
            entries = sorted(folder.iterdir())
        except OSError as exc:
            raise UsageError(f"{arg}: cannot list the folder ({exc.strerror or exc})") from None
        found = [str(p) for p in entries if p.suffix.lower() in SUPPORTED_SUFFIXES and not p.is_dir()]
        if not found:
            known = " ".join(SUPPORTED_SUFFIXES)
            gathered.failures.append(f"{arg}: no supported files in the folder ({known})")
        paths.extend(found)
    seen: set[str] = set()
    for path in paths:
        if path != "-" and Path(path).is_symlink() and not Path(path).exists():
            target = os.readlink(path)
            gathered.failures.append(f"{path}: broken symbolic link (its target {target} is missing)")
            continue
        key = path if path == "-" else os.path.realpath(path)
        if key not in seen:  # the same file named twice is built once
            seen.add(key)
            gathered.items.append(Source(path, ""))
    names = unique_names([s.path for s in gathered.items])
    gathered.items = [Source(s.path, name) for s, name in zip(gathered.items, names, strict=True)]
    gathered.renamed = [
        f"{s.path} → {s.doc}" for s in gathered.items if s.doc != _stem(s.path) and s.path != "-"
    ]
    return gathered


def unique_names(paths: list[str]) -> list[str]:
    """Output names for `paths`: the file's stem, or where stems clash (ignoring case, as some file
    systems do) the first of `folder-stem`, `stem-suffix`, `folder-stem-suffix` that tells them apart,
    else `stem-1`, `stem-2` … in the order given."""
    stems = [_stem(p) for p in paths]
    clashing: dict[str, list[int]] = {}
    for index, stem in enumerate(stems):
        clashing.setdefault(stem.casefold(), []).append(index)
    names = list(stems)
    taken = {stem.casefold() for stem in stems}
    for indices in clashing.values():
        if len(indices) < 2:
            continue
        for scheme in (_folder_stem, _stem_suffix, _folder_stem_suffix, None):
            candidates = (
                [scheme(Path(paths[i])) for i in indices]
                if scheme
                else [f"{stems[i]}-{n}" for n, i in enumerate(indices, 1)]
            )
            folded = [c.casefold() for c in candidates]
            if scheme is None or (len(set(folded)) == len(folded) and not taken & set(folded)):
                break
        for i, name in zip(indices, candidates, strict=True):
            names[i] = name
        taken |= {c.casefold() for c in candidates}
    return names


def _stem(path: str) -> str:
    return "stdin" if path == "-" else Path(path).stem


def _folder(path: Path) -> str:
    return Path(os.path.abspath(path)).parent.name or "root"


def _folder_stem(path: Path) -> str:
    return f"{_folder(path)}-{path.stem}"


def _stem_suffix(path: Path) -> str:
    return f"{path.stem}-{path.suffix.lstrip('.').lower() or 'stdin'}"


def _folder_stem_suffix(path: Path) -> str:
    return f"{_folder(path)}-{_stem_suffix(path)}"


def load(source: Source) -> Document:
    """The source read into a Document named for this run; SourceError for anything that goes wrong
    (a damaged file must cost its own output only) and for a document with no visible text."""
    from briefing.ingest import SourceError, load_document

    path = Path(source.path)
    if source.path != "-" and path.exists() and not path.is_dir() and not path.is_file():
        raise SourceError(f"{source.path}: not a regular file (a device or pipe could be read forever)")
    try:
        document = load_document(source.path)
    except SourceError:
        raise
    except MemoryError:
        raise SourceError(f"{source.path}: too large to read in the memory available") from None
    except Exception as exc:  # a damaged file trips parsers in ways they do not promise to report cleanly
        raise SourceError(f"{source.path}: cannot read ({type(exc).__name__}: {exc})") from None
    if not any(ch.isalnum() for ch in document.text):
        raise SourceError(f"{source.path}: no text (only blank or invisible characters)")
    document.doc = source.doc
    return document


def check_writable(folder: Path) -> None:
    """UsageError unless files can be created in `folder` (created if missing)."""
    problem = atomic.folder_problem(folder)
    if problem:
        raise UsageError(problem)


# ---------------------------------------------------------------- facts


@dataclass
class FactsReport:
    facts: list[Fact] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)


def extract_all(sources: Sources) -> FactsReport:
    """The facts of every source; a source that cannot be read is one failure line. The translation layer
    is made when the first document needs it, so a run without a model imports no model code."""
    from briefing.ingest import SourceError

    report = FactsReport(failures=list(sources.failures))
    layer = None
    for source in sources.items:
        try:
            document = load(source)
            layer = layer or translation_layer(BuildOptions())
            report.facts.extend(extract(document, layer))
        except SourceError as exc:
            report.failures.append(str(exc))
        except Exception as exc:  # a bug on one document must not cost the others their facts
            report.failures.append(f"{source.path}: could not extract facts ({type(exc).__name__}: {exc})")
    return report


# ---------------------------------------------------------------- build


@dataclass
class _Context:
    """What every document of a run shares; made once per process."""

    options: BuildOptions
    layer: Any
    branding: Any
    generated: str


def _context(options: BuildOptions) -> _Context:
    branding = None
    if options.brand_config:
        from briefing.pdf.branding import BrandingError, load_branding

        try:
            branding = load_branding(options.brand_config)
        except BrandingError as exc:
            raise UsageError(str(exc)) from None
    return _Context(options, translation_layer(options), branding, generation_date())


@dataclass
class _Built:
    """One document's outcome, sent back from a worker process."""

    source: Source
    failure: str = ""
    written: list[Path] = field(default_factory=list)
    facts: list[Fact] = field(default_factory=list)
    document: Document | None = None  # kept for the one-pagers
    notices: list[str] = field(default_factory=list)


_worker: _Context | None = None  # the context of a worker process


def _start_worker(options: BuildOptions) -> None:
    global _worker
    _worker = _context(options)


def _build_in_worker(source: Source) -> _Built:
    assert _worker is not None
    return build_document(source, _worker)


def _theme_in_worker(theme_brief, path: Path) -> str:
    assert _worker is not None
    return _write_theme(theme_brief, path, _worker)


def build_document(source: Source, context: _Context, say: Progress | None = None) -> _Built:
    """Read, extract, compose and typeset one source; its three outputs are written together or not at all."""
    from briefing.compose import compose_brief
    from briefing.facts import facts_to_jsonl
    from briefing.ingest import SourceError
    from briefing.pdf import write_brief_pdf

    options = context.options
    say = say or (lambda _message: None)
    result = _Built(source)
    try:
        say(f"reading {source.path}")
        document = load(source)
        say(f"{source.doc}: {len(document.sentences)} sentences; extracting facts")
        facts = extract(document, context.layer)
        say(f"{source.doc}: {len(facts)} facts; composing")
        brief = compose_brief(document, facts, context.layer, templates=options.templates)
        say(f"{source.doc}: typesetting")
        paths = [options.out_dir / f"{source.doc}{suffix}" for suffix in OUTPUT_SUFFIXES]
        with atomic.atomic_group(paths) as (pdf, facts_file, brief_file):
            write_brief_pdf(brief, pdf, branding=context.branding, generated=context.generated)
            facts_file.write_text(facts_to_jsonl(facts), encoding="utf-8")
            brief_file.write_text(json.dumps(brief.to_json(), ensure_ascii=False, indent=1), encoding="utf-8")
    except SourceError as exc:
        result.failure = str(exc)
    except Exception as exc:  # a bug on one document must not cost the others their briefs
        detail = traceback.format_exc().rstrip() if options.verbose else f"{type(exc).__name__}: {exc}"
        result.failure = f"{source.path}: could not build the brief ({detail})"
    else:
        result.written, result.facts = paths, facts
        result.document = document if options.one_pagers else None
    result.notices = list(context.layer.notices)
    return result


def _write_theme(theme_brief, path: Path, context: _Context) -> str:
    """Typeset one one-pager; the failure line, or "" when it was written."""
    from briefing.pdf.onepager import write_theme_pdf

    try:
        write_theme_pdf(theme_brief, path, branding=context.branding, generated=context.generated)
    except Exception as exc:
        return f"{path}: could not write the one-pager ({type(exc).__name__}: {exc})"
    return ""


def build(
    sources: Sources | list[str], options: BuildOptions, progress: Progress | None = None
) -> BuildReport:
    """Build every source (gathered, or as named on the command line); UsageError, before any work, when
    options, sources or the output folder are unusable."""
    say = progress or (lambda _message: None)
    if not isinstance(sources, Sources):
        sources = gather_sources(sources)
    context = _context(options)
    check_writable(options.out_dir)
    report = BuildReport(failures=list(sources.failures), renamed=list(sources.renamed))
    out = options.out_dir
    (out / MANIFEST).unlink(missing_ok=True)  # until this run's is written, send has nothing stale to mail
    atomic.sweep_leftovers(out)
    atomic.sweep_leftovers(out / "themes")

    jobs = min(options.jobs, len(sources.items))
    with _executor(jobs, context) as pool:
        results = _build_all(sources.items, context, pool, say)
        built: list[tuple[Document, list[Fact]]] = []
        for result in results:
            if result.failure:
                report.failures.append(result.failure)
                continue
            report.written += result.written
            report.documents += 1
            report.facts += len(result.facts)
            if result.document is not None:
                built.append((result.document, result.facts))
        themes = _build_one_pagers(built, context, pool, report, say) if options.one_pagers and built else []

    hint = context.layer.missing_model_hint() if report.documents else None  # no brief, nothing to say
    for notice in [n for r in results for n in r.notices] + [hint]:
        if notice and notice not in report.notices:
            report.notices.append(notice)
    _write_manifest(out, [r for r in results if not r.failure], themes, context.generated)
    return report


def _executor(jobs: int, context: _Context):
    """A process pool for `jobs` > 1, else a stand-in that runs everything here.

    Where processes can be forked, the stages are imported and the fonts loaded here first and the
    workers inherit them with this process's context; otherwise each worker makes its own.
    """
    if jobs <= 1:
        return nullcontext()
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    global _worker
    if "fork" in multiprocessing.get_all_start_methods():
        _preload(context)
        _worker = context
        return ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork"))
    return ProcessPoolExecutor(jobs, initializer=_start_worker, initargs=(context.options,))


_WARM_UP = "示例市2031年地区生产总值增长5.5%，达到1200亿元。"  # invented; a sentence to run the rules once
_WORKER_MODULES = (
    "briefing.compose",
    "briefing.charts",
    "briefing.pdf.onepager",
    "matplotlib.figure",
    "matplotlib.backends.backend_svg",
    "svglib.svglib",
)


def _preload(context: _Context) -> None:
    """Import the stages and drawing libraries, load the fonts and dictionaries and compile the rules here,
    once, by reading and composing an invented sentence: forked workers inherit all of it warm instead
    of each paying for it again. The sentence is translated without a model (an empty models folder):
    a forked copy of CTranslate2's threads would not work in the workers."""
    from briefing import fonts
    from briefing.compose import compose_brief
    from briefing.ingest import document_from_text
    from briefing.translate import TranslationLayer, cedict

    for module in _WORKER_MODULES:
        import_module(module)
    fonts.register_reportlab_fonts()
    fonts.register_matplotlib_fonts()
    fonts.uncovered(_WARM_UP)  # reads each font's character map
    cedict.index()  # loaded on the first word the termbase lacks: load it here, not once per worker
    document = document_from_text(_WARM_UP)
    # only a warm-up: any real problem (a broken user template) is reported by the documents themselves
    with tempfile.TemporaryDirectory() as no_models, suppress(Exception):
        layer = TranslationLayer(context.layer.glossary, use_cache=False, model_dir=Path(no_models))
        compose_brief(document, extract(document, layer), layer, templates=context.options.templates)


def _build_all(items: list[Source], context: _Context, pool: Executor | None, say: Progress) -> list[_Built]:
    """Every document built, results in source order whatever order they finish in. Stdin is read here:
    a worker process has no stdin of its own."""
    if pool is None:
        return [build_document(source, context, say) for source in items]
    futures: list[Future | None] = [
        None if source.path == "-" else pool.submit(_build_in_worker, source) for source in items
    ]
    results = []
    for source, future in zip(items, futures, strict=True):
        result = build_document(source, context) if future is None else _outcome(future, source)
        say(f"built {source.path}" if not result.failure else f"failed: {source.path}")
        results.append(result)
    return results


def _outcome(future: Future, source: Source) -> _Built:
    from concurrent.futures.process import BrokenProcessPool

    try:
        return future.result()
    except BrokenProcessPool:  # a worker was killed (out of memory?): its documents are lost, not the run
        return _Built(source, failure=f"{source.path}: could not build the brief (a worker process died)")


def _build_one_pagers(
    built: list[tuple[Document, list[Fact]]],
    context: _Context,
    pool: Executor | None,
    report: BuildReport,
    say: Progress,
) -> list[dict[str, Any]]:
    """Compose the theme one-pagers over all documents and typeset them (in the pool when there is one);
    the manifest entries of those written."""
    from concurrent.futures.process import BrokenProcessPool

    from briefing.compose import compose_theme_briefs

    options = context.options
    say("composing theme one-pagers")
    theme_briefs = compose_theme_briefs(
        built, context.layer, themes=options.themes, min_facts=options.min_theme_facts
    )
    paths = [options.out_dir / "themes" / f"{t.theme}.pdf" for t in theme_briefs]
    failures = []
    jobs = list(zip(theme_briefs, paths, strict=True))
    futures = [pool.submit(_theme_in_worker, *job) for job in jobs] if pool else []
    for number, (theme_brief, path) in enumerate(jobs):
        say(f"typesetting {path.name}")
        try:
            failures.append(futures[number].result() if futures else _write_theme(theme_brief, path, context))
        except BrokenProcessPool:  # no workers left: typeset it here
            failures.append(_write_theme(theme_brief, path, context))
    entries = []
    for theme_brief, path, failure in zip(theme_briefs, paths, failures, strict=True):
        if failure:
            report.failures.append(failure)
            continue
        report.written.append(path)
        entries.append(
            {
                "theme": theme_brief.theme,
                "pdf": path.relative_to(options.out_dir).as_posix(),
                "title": theme_brief.title.to_json(),
                "bullets": [b.to_json() for b in theme_brief.bullets],
            }
        )
    return entries


def _write_manifest(out: Path, results: list[_Built], themes: list[dict[str, Any]], generated: str) -> None:
    """`manifest.json`: what this run wrote, the only files `send` mails."""
    briefs = [
        {
            "doc": r.source.doc,
            "source": r.source.path,
            **{key: path.name for key, path in zip(("pdf", "facts", "brief"), r.written, strict=True)},
        }
        for r in results
    ]
    manifest = {"generated": generated, "briefs": briefs, "themes": themes}
    atomic.write_text(out / MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1) + "\n")
