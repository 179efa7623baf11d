"""The `facts` and `build` jobs: every source through ingest → facts → translate → compose → pdf, then the
one-pagers and the run's manifest.

Three rules hold the jobs together:
- Usage and environment problems (a bad glossary or brand file, an output folder that cannot be written,
  a source folder that cannot be listed, stdin closed) raise `UsageError` before any work is done.
- Each source is processed in isolation: whatever goes wrong with it becomes one line naming the file,
  and the others go on. A brief's outputs (PDF, facts, brief.json) appear together or not at all.
- Output names are unique within a run (`a/x.txt` and `b/x.txt` become `a-x` and `b-x`), and
  `manifest.json` lists what this run wrote, so `send` never mails what an earlier run left behind.

`build` can spread the work over processes (`BuildOptions.jobs`); the output is the same as in one. A pool
reads and composes the documents (longest first) and this process then composes the one-pagers, while a
typesetting host process, started first, loads the typesetting libraries and fonts and typesets each
brief as it is composed, and the one-pagers, in a pool of its own (see `_build_in_processes`). Pools are
forked from a process whose stages are warm, so the workers do not each pay for imports, fonts, rules.

What only `build` uses (output files, tracebacks, dates) is imported inside its functions: a `facts`
run, whose fixed cost is mostly imports, never loads it.
"""

from __future__ import annotations

import gc
import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import nullcontext, suppress
from dataclasses import dataclass, field, replace
from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

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
    """What `briefing build` was asked to do (its command-line options)."""

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
    """What a build wrote and what went wrong, for the command's last lines and exit status."""

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
    from briefing.translate.memory import default_path

    try:
        glossary = Glossary.load(options.glossaries)
    except GlossaryError as exc:
        raise UsageError(str(exc)) from None
    return TranslationLayer(
        glossary,
        cache_path=default_path(),
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
    """A file (or stdin) to read, with its name in this run's outputs."""

    path: str  # as given, or found in a folder given; "-" is stdin
    doc: str  # its name in this run's outputs and fact ids, unique within the run


@dataclass
class Sources:
    """The sources of a run, gathered from the command line, and what could not be gathered."""

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
    from briefing import atomic  # not for `facts` without -o: its file helpers cost ~0.003 s to import

    problem = atomic.folder_problem(folder)
    if problem:
        raise UsageError(problem)


# ---------------------------------------------------------------- facts


def facts_by_document(sources: Sources, failures: list[str]) -> Iterator[list[Fact]]:
    """The facts of each source in turn; a source that cannot be read adds one line to `failures` (which
    starts with the sources that could not be gathered). One document's facts at a time, so that a run
    over a large corpus holds one document and its facts, not all of them. The translation layer is made
    when the first document needs it, so a run without a model imports no model code."""
    from briefing.ingest import SourceError

    failures.extend(sources.failures)
    layer = None
    for source in sources.items:
        try:
            document = load(source)
            layer = layer or translation_layer(BuildOptions())
            facts = extract(document, layer)
        except SourceError as exc:
            failures.append(str(exc))
            continue
        except Exception as exc:  # a bug on one document must not cost the others their facts
            failures.append(f"{source.path}: could not extract facts ({type(exc).__name__}: {exc})")
            continue
        yield facts


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
    from briefing.dates import generation_date

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


@dataclass
class _Composed:
    """One document read and its brief composed, sent from a composing worker to a typesetting one."""

    source: Source
    failure: str = ""
    brief: Any = None  # model.Brief
    facts: list[Fact] = field(default_factory=list)
    document: Document | None = None
    notices: list[str] = field(default_factory=list)


@dataclass
class _OnePager:
    """One theme's outcome: its manifest entry when it was written."""

    entry: dict[str, Any] | None = None  # None: not written (too few figures, or failed)
    path: Path | None = None
    failure: str = ""


_Done = TypeVar("_Done", _Composed, _Built)
_ABORT = "abort"  # sent to the typesetting host when the main process stops early
_worker: _Context | None = None  # the context of a worker process
_requests: Any = None  # queues between the main process and the typesetting host (_host)
_replies: Any = None


def _start_worker(options: BuildOptions) -> None:
    global _worker
    _worker = _context(options)


def _start_host(options: BuildOptions, requests: Any, replies: Any) -> None:
    global _requests, _replies
    _ignore_interrupts()
    _start_worker(options)
    _requests, _replies = requests, replies


def _compose_in_worker(source: Source) -> _Composed:
    assert _worker is not None
    return compose_document(source, _worker)


def _write_in_worker(composed: _Composed) -> _Built:
    assert _worker is not None
    return write_document(composed, _worker)


def _theme_in_worker(theme_brief, path: Path) -> str:
    assert _worker is not None
    return _write_theme(theme_brief, path, _worker)


def build_document(source: Source, context: _Context, say: Progress | None = None) -> _Built:
    """Read, extract, compose and typeset one source; its three outputs are written together or not at all."""
    return write_document(compose_document(source, context, say), context, say)


def compose_document(source: Source, context: _Context, say: Progress | None = None) -> _Composed:
    """Read one source, extract its facts and compose its brief (the first half of `build_document`)."""
    from briefing.compose import compose_brief
    from briefing.ingest import SourceError

    options = context.options
    say = say or (lambda _message: None)
    result = _Composed(source)
    try:
        say(f"reading {source.path}")
        document = load(source)
        say(f"{source.doc}: {len(document.sentences)} sentences; extracting facts")
        facts = extract(document, context.layer)
        say(f"{source.doc}: {len(facts)} facts; composing")
        result.brief = compose_brief(document, facts, context.layer, templates=options.templates)
    except SourceError as exc:
        result.failure = str(exc)
    except Exception as exc:  # a bug on one document must not cost the others their briefs
        result.failure = _could_not_build(source, exc, options)
    else:
        result.document, result.facts = document, facts
    result.notices = list(context.layer.notices)
    return result


def write_document(composed: _Composed, context: _Context, say: Progress | None = None) -> _Built:
    """Typeset a composed brief and write it with its facts and brief.json, all three or none (the second
    half of `build_document`)."""
    from briefing import atomic
    from briefing.facts import facts_to_jsonl
    from briefing.pdf import write_brief_pdf

    options, source, brief = context.options, composed.source, composed.brief
    result = _Built(source, failure=composed.failure, notices=composed.notices)
    if composed.failure:
        return result
    try:
        if say:
            say(f"{source.doc}: typesetting")
        paths = [options.out_dir / f"{source.doc}{suffix}" for suffix in OUTPUT_SUFFIXES]
        with atomic.atomic_group(paths) as (pdf, facts_file, brief_file):
            write_brief_pdf(brief, pdf, branding=context.branding, generated=context.generated)
            facts_file.write_text(facts_to_jsonl(composed.facts), encoding="utf-8")
            brief_file.write_text(json.dumps(brief.to_json(), ensure_ascii=False, indent=1), encoding="utf-8")
    except Exception as exc:  # a bug on one document must not cost the others their briefs
        result.failure = _could_not_build(source, exc, options)
    else:
        result.written, result.facts = paths, composed.facts
        result.document = composed.document if options.one_pagers else None
    return result


def _could_not_build(source: Source, exc: Exception, options: BuildOptions) -> str:
    import traceback

    detail = traceback.format_exc().rstrip() if options.verbose else f"{type(exc).__name__}: {exc}"
    return f"{source.path}: could not build the brief ({detail})"


def _theme_briefs(material: Any, context: _Context) -> dict[str, Any]:
    """Each theme's one-pager composed over every document in `material`, for the themes with enough
    figures, in theme order."""
    from briefing.model import THEMES

    options = context.options
    briefs = {
        theme: material.compose(theme, context.layer, min_facts=options.min_theme_facts)
        for theme in options.themes or list(THEMES)
    }
    return {theme: brief for theme, brief in briefs.items() if brief is not None}


def _theme_path(theme: str, context: _Context) -> Path:
    return context.options.out_dir / "themes" / f"{theme}.pdf"


def _one_pager(theme_brief, failure: str, context: _Context) -> _OnePager:
    """The outcome of typesetting `theme_brief`: its manifest entry, or its failure line."""
    path = _theme_path(theme_brief.theme, context)
    if failure:
        return _OnePager(path=path, failure=failure)
    entry = {
        "theme": theme_brief.theme,
        "pdf": path.relative_to(context.options.out_dir).as_posix(),
        "title": theme_brief.title.to_json(),
        "bullets": [b.to_json() for b in theme_brief.bullets],
    }
    return _OnePager(entry, path)


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
    from briefing import atomic

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
    if jobs > 1:
        try:
            results, one_pagers = _build_in_processes(sources.items, context, jobs, say)
        except BaseException:  # interrupted: the workers are stopped; what they were writing goes too
            atomic.sweep_stopped_workers(out)
            atomic.sweep_stopped_workers(out / "themes")
            raise
    else:
        results = [build_document(source, context, say) for source in sources.items]
        material = _material([r for r in results if not r.failure])
        say("composing and typesetting theme one-pagers")
        one_pagers = [
            _one_pager(brief, _write_theme(brief, _theme_path(theme, context), context), context)
            for theme, brief in _theme_briefs(material, context).items()
        ]
    for result in results:
        if result.failure:
            report.failures.append(result.failure)
            continue
        report.written += result.written
        report.documents += 1
        report.facts += len(result.facts)
    themes = []
    for one_pager in one_pagers:
        if one_pager.failure:
            report.failures.append(one_pager.failure)
        elif one_pager.entry is not None and one_pager.path is not None:
            report.written.append(one_pager.path)
            themes.append(one_pager.entry)

    hint = context.layer.missing_model_hint() if report.documents else None  # no brief, nothing to say
    for notice in [n for r in results for n in r.notices] + [hint]:
        if notice and notice not in report.notices:
            report.notices.append(notice)
    _write_manifest(out, [r for r in results if not r.failure], themes, context.generated)
    return report


def _material(done: list[_Built] | list[_Composed]) -> Any:
    """The one-pagers' material: every document given, in the order given (none without one-pagers)."""
    from briefing.compose import ThemeMaterial

    material = ThemeMaterial()
    for item in done:
        if item.document is not None:
            material.add(item.document, item.facts)
    return material


def _executor(jobs: int, context: _Context, *, warm_up: Callable[[_Context], None] | None):
    """A process pool for `jobs` > 1, else a stand-in that runs everything here.

    Where processes can be forked, the workers inherit this process's context, and `warm_up` (if any)
    first imports their stages and loads fonts and dictionaries here for them to inherit warm;
    otherwise each worker makes its own.
    """
    if jobs <= 1:
        return nullcontext()
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    global _worker
    if "fork" in multiprocessing.get_all_start_methods():
        if warm_up is not None:
            warm_up(context)
        _worker = context
        gc.freeze()  # the workers' collectors leave what they inherit alone: less to scan, pages stay shared
        return ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork"))
    return ProcessPoolExecutor(jobs, initializer=_start_worker, initargs=(context.options,))


_WARM_UP = "示例市2031年地区生产总值增长5.5%，达到1200亿元。"  # invented; a sentence to run the rules once
_TYPESETTING_MODULES = (
    "briefing.pdf",
    "briefing.pdf.onepager",
    "briefing.charts",
    "matplotlib.figure",  # briefs have charts too
    "matplotlib.backends.backend_svg",
    "svglib.svglib",
)


def _preload(context: _Context) -> None:
    """Import the stages that compose a brief, load the dictionaries and compile the rules and templates
    here, once, by reading and composing an invented sentence: forked workers inherit all of it warm
    instead of each paying for it again. The sentence is translated without a model (an empty models
    folder): a forked copy of CTranslate2's threads would not work in the workers."""
    import tempfile

    from briefing.compose import compose_brief
    from briefing.ingest import document_from_text
    from briefing.translate import TranslationLayer, cedict

    cedict.index()  # loaded on the first word the termbase lacks: load it here, not once per worker
    document = document_from_text(_WARM_UP)
    # only a warm-up: any real problem (a broken user template) is reported by the documents themselves
    with tempfile.TemporaryDirectory() as no_models, suppress(Exception):
        layer = TranslationLayer(context.layer.glossary, use_cache=False, model_dir=Path(no_models))
        compose_brief(document, extract(document, layer), layer, templates=context.options.templates)


def _preload_typesetting(_context: _Context) -> None:
    """Import the typesetting and drawing libraries and load the fonts, for the typesetting workers to
    inherit (in the typesetting host, while the main process warms up for composing)."""
    from briefing import fonts

    for module in _TYPESETTING_MODULES:
        import_module(module)
    fonts.register_reportlab_fonts()
    fonts.register_matplotlib_fonts()
    fonts.uncovered(_WARM_UP)  # reads each font's character map


def _build_in_processes(
    items: list[Source], context: _Context, jobs: int, say: Progress
) -> tuple[list[_Built], list[_OnePager]]:
    """Every document built and the one-pagers written, the work spread over processes; results in
    source order whatever order they finish in.

    Two sides work at once. Here, a pool reads and composes the documents, longest first (so that no
    worker is left with a long one at the end while the others idle); then this process composes the
    one-pagers. A typesetting host (`_host`), started first, loads the typesetting libraries and fonts
    meanwhile (rather than this process before or after composing, while the other cores idle) and
    typesets each brief as it is composed, and then the one-pagers, in a pool of its own. Stdin is read
    here: a worker has no stdin."""
    from concurrent.futures import as_completed

    host, hosting = _start_typesetting_host(context, jobs)
    built: dict[int, _Built] = {}
    sent: dict[int, _Composed] = {}

    def typeset(index: int, composed: _Composed) -> None:
        if composed.failure:
            built[index] = write_document(composed, context)  # nothing to write: the failure, its notices
        else:
            sent[index] = composed
            _requests.put((index, "brief", replace(composed, document=None)))  # the document stays here

    with host:
        try:
            with _executor(jobs, context, warm_up=_preload) as pool:
                assert pool is not None
                order = sorted(range(len(items)), key=lambda i: -_size(items[i]))
                files = [i for i in order if items[i].path != "-"]
                composing = {pool.submit(_compose_in_worker, items[i]): i for i in files}
                for future in as_completed(composing):
                    index = composing[future]
                    typeset(index, _outcome(future, items[index], _Composed))
            for index in [i for i, source in enumerate(items) if source.path == "-"]:
                typeset(index, compose_document(items[index], context))
            material = _material([sent[i] for i in sorted(sent)])
            say("composing theme one-pagers")
            theme_briefs = _theme_briefs(material, context) if material.documents else {}
            typeset_briefs = _collect(set(sent), hosting)
            for index, composed in sent.items():
                built[index] = typeset_briefs.get(index) or _died(composed.source, _Built)
            if any(built[i].failure for i in sent):  # one-pagers only draw on briefs that were written
                written = [built[i] for i in sorted(sent) if not built[i].failure]
                theme_briefs = _theme_briefs(_material(written), context) if written else {}
            say("typesetting theme one-pagers")
            for theme, brief in theme_briefs.items():
                _requests.put((theme, "theme", (brief, _theme_path(theme, context))))
            _requests.put(None)  # nothing more: the host finishes and returns
            typeset_themes = _collect(set(theme_briefs), hosting)
        except BaseException:  # interrupted, or a bug here: the host drops its work and returns
            _requests.put(_ABORT)
            raise
    one_pagers = []
    for theme, brief in theme_briefs.items():
        failure = typeset_themes.get(theme)
        if failure is None:  # the host died first: typeset it here
            failure = _write_theme(brief, _theme_path(theme, context), context)
        one_pagers.append(_one_pager(brief, failure, context))
    results = []
    for index, source in enumerate(items):
        result = built[index]
        say(f"built {source.path}" if not result.failure else f"failed: {source.path}")
        results.append(result)
    return results, one_pagers


def _start_typesetting_host(context: _Context, jobs: int) -> tuple[Executor, Future]:
    """A process that runs `_host`, and the future of its one task."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    global _worker, _requests, _replies
    forking = "fork" in multiprocessing.get_all_start_methods()
    start = multiprocessing.get_context("fork" if forking else None)
    _requests, _replies = start.Queue(), start.Queue()
    _requests.cancel_join_thread()  # should the host die, exit without waiting for it to read
    if forking:
        _worker = context
        host = ProcessPoolExecutor(1, mp_context=start, initializer=_ignore_interrupts)
    else:
        host = ProcessPoolExecutor(
            1, mp_context=start, initializer=_start_host, initargs=(context.options, _requests, _replies)
        )
    return host, host.submit(_host, jobs)


def _host(jobs: int) -> None:
    """The typesetting host's one task: warm up for typesetting, start a pool of `jobs` workers (forked
    warm) and have it typeset what the main process sends — (key, "brief", composed) or (key, "theme",
    (theme brief, path)) — until None comes; each outcome goes back as (key, outcome) as it is done."""
    from concurrent.futures.process import BrokenProcessPool
    from functools import partial

    assert _worker is not None
    context = _worker
    _replies.cancel_join_thread()  # should the main process stop reading, exit without waiting for it
    with _executor(jobs, context, warm_up=_preload_typesetting) as pool:
        while (request := _requests.get()) is not None:
            if request == _ABORT:
                if pool is not None:
                    _stop_now(pool)
                break
            key, kind, job = request
            if pool is None:
                _replies.put((key, _typeset_here(kind, job, context)))
                continue
            try:
                call = (_write_in_worker, job) if kind == "brief" else (_theme_in_worker, *job)
                future = pool.submit(*call)
            except BrokenProcessPool:  # its workers died: typeset here
                _replies.put((key, _typeset_here(kind, job, context)))
                continue
            future.add_done_callback(partial(_reply, key, kind, job))


def _stop_now(pool: Executor) -> None:
    """Stop the typesetting pool without waiting for the briefs it is typesetting: its workers ignore
    Ctrl-C (see `_ignore_interrupts`), so an interrupted run would otherwise wait for each to finish.
    `ProcessPoolExecutor` has no public way to stop its workers before Python 3.14
    (`terminate_workers`); `_processes` is the same in 3.11–3.13."""
    workers = list((getattr(pool, "_processes", None) or {}).values())  # shutdown forgets them
    pool.shutdown(wait=False, cancel_futures=True)
    for process in workers:
        process.terminate()
    for process in workers:
        process.join(timeout=10)  # gone, not zombies: the main process then sweeps their files


def _ignore_interrupts() -> None:
    """In the typesetting host (and so in the pool it forks): Ctrl-C is the main process's to handle,
    which tells the host to stop. A worker interrupted inside a queue's lock would leave its siblings,
    and the host waiting for them, hanging."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _typeset_here(kind: str, job: Any, context: _Context) -> _Built | str:
    if kind == "brief":
        return write_document(job, context)
    theme_brief, path = job
    return _write_theme(theme_brief, path, context)


def _reply(key: int | str, kind: str, job: Any, future: Future) -> None:
    from concurrent.futures.process import BrokenProcessPool

    if future.cancelled():  # the run was interrupted: nobody waits for this one
        return
    try:
        outcome = future.result()
    except BrokenProcessPool:  # a typesetting worker was killed
        died = f"{job[1]}: could not write the one-pager (a worker process died)" if kind == "theme" else ""
        outcome = died or _died(job.source, _Built)
    _replies.put((key, outcome))


def _collect(keys: set, hosting: Future) -> dict:
    """The host's replies for `keys`; those it will never send (it died) are missing."""
    import queue

    got: dict = {}
    while len(got) < len(keys):
        try:
            key, outcome = _replies.get(timeout=0.2)
        except queue.Empty:
            if hosting.done() and hosting.exception() is not None:
                break
            continue
        got[key] = outcome
    return got


def _size(source: Source) -> int:
    """The source's size in bytes, 0 when it cannot be told (stdin, a missing file)."""
    try:
        return os.stat(source.path).st_size if source.path != "-" else 0
    except OSError:
        return 0


def _outcome(future: Future, source: Source, kind: type[_Done]) -> _Done:
    from concurrent.futures.process import BrokenProcessPool

    try:
        return future.result()
    except BrokenProcessPool:  # a worker was killed (out of memory?): its documents are lost, not the run
        return _died(source, kind)


def _died(source: Source, kind: type[_Done]) -> _Done:
    return kind(source, failure=f"{source.path}: could not build the brief (a worker process died)")


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
    from briefing import atomic

    atomic.write_text(out / MANIFEST, json.dumps(manifest, ensure_ascii=False, indent=1) + "\n")
