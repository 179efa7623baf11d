"""The `briefing` command line: a thin Click layer over the library (DESIGN.md: command line, exit codes).

Exit status: 0 all done; 1 some inputs or deliveries failed (the rest were done, one line each on
stderr); 2 usage or configuration error.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import NoReturn

import click

EXIT_PARTIAL = 1
EXIT_USAGE = 2


def _fail_usage(message: str) -> None:
    click.echo(f"briefing: {message}", err=True)
    sys.exit(EXIT_USAGE)


def _report_failures(failures: list[str]) -> None:
    for line in failures:
        click.echo(f"briefing: {line}", err=True)


@contextmanager
def _tuned_collector(*, off: bool) -> Iterator[None]:
    """The cyclic collector tuned for one command. Put back as it was when the command ends (also by
    sys.exit or an error) if the command was called in-process (a test's CliRunner), so the caller keeps
    its own collector; not when the command is the program, since the process ends with it (unfreezing
    made the exit's final collection walk every imported object again: ~0.015 s, 8% of a one-line
    `briefing facts`).

    Objects that exist now (what is imported) are frozen: the collector stops re-scanning them. Then:
    - `off` (`facts`, a short batch whose garbage reference counting frees): switched off; about 5% of
      `briefing facts`' CPU went to it by default, ~1% with a high threshold, and the whole public corpus
      ten times over leaves ~350 objects in cycles, a few per document;
    - else (`build`): run less often; about 6% of `build`'s CPU went to it, peak memory did not change.
      Not switched off: each chart's matplotlib figure is a web of reference cycles. Forked workers
      inherit the setting, and objects frozen before a fork are never touched by their collector
      (pipeline).
    """
    import gc

    enabled, threshold = gc.isenabled(), gc.get_threshold()
    freezing = not gc.get_freeze_count()  # a caller's own frozen objects are left frozen
    if freezing:
        gc.freeze()
    if off:
        gc.disable()
    else:
        gc.set_threshold(20_000, 50, 50)
    try:
        yield
    finally:
        if not _is_the_program():
            gc.set_threshold(*threshold)
            if freezing:
                gc.unfreeze()
            if enabled:
                gc.enable()


def _end(code: int) -> NoReturn:
    """End the command with exit status `code`. When the program is `run` (the console script, `python
    -m briefing`), the process ends here, after running the exit handlers (the regex cache's save) and
    flushing stdout and stderr: the interpreter's own shutdown would free every object one by one,
    ~0.01 s (8%) of a one-line `briefing facts`, memory the system takes back at once anyway (mypy ends
    the same way). Not with a thread still running (it would be cut off), nor when a stream cannot be
    flushed or `atexit` has no `_run_exitfuncs` (Python's own exit does it, as ever). A caller of `main`
    (a test's CliRunner, a script that goes on after the command) gets its SystemExit."""
    import atexit
    import threading

    run_exit_handlers = getattr(atexit, "_run_exitfuncs", None)  # CPython's, what its own exit calls
    program = getattr(sys.modules.get("__main__"), "run", None) is run
    if program and threading.active_count() == 1 and run_exit_handlers is not None:
        import os

        run_exit_handlers()
        try:
            for stream in (sys.stdout, sys.stderr):
                if stream is not None:
                    stream.flush()
        except (OSError, ValueError):
            sys.exit(code)
        os._exit(code)
    sys.exit(code)


def _is_the_program() -> bool:
    """Whether the command line runs as the program: the console script and `python -m briefing` run
    `run` (or, as installed by earlier versions, `main`) from the main module, where an in-process
    caller has its own."""
    main_module = sys.modules.get("__main__")
    return getattr(main_module, "run", None) is run or getattr(main_module, "main", None) is main


@contextmanager
def _progress(quiet: bool, verbose: bool):
    """Yield a callback that shows what each stage does: a rich status line on a terminal, log lines
    with --verbose, nothing with --quiet or when stderr is not a terminal."""
    if quiet:
        yield None
        return
    if verbose:
        yield lambda message: click.echo(f"· {message}", err=True)
        return
    if not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console

    console = Console(stderr=True)
    with console.status("starting…") as status:
        yield lambda message: status.update(message)


def _split_themes(value: str | None) -> list[str] | None:
    if not value:
        return None
    from briefing.model import THEMES

    themes = [t.strip() for t in value.split(",") if t.strip()]
    unknown = [t for t in themes if t not in THEMES]
    if unknown:
        raise click.BadParameter(f"unknown theme(s) {', '.join(unknown)}; known: {', '.join(THEMES)}")
    return themes


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="briefing")
def main() -> None:
    """Bilingual (Chinese + English) PDF briefs from Chinese public-sector documents."""


def run() -> None:
    """The program: what the console script `briefing` and `python -m briefing` call. The same as `main`,
    except that `briefing facts` ends its process at once (`_end`)."""
    main()


@main.command()
@click.argument("sources", nargs=-1, required=True)
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("out"),
    show_default=True,
    help="Folder for PDFs, facts and briefs.",
)
@click.option("--themes", help="Comma-separated theme ids for the one-pagers (default: all with material).")
@click.option("--no-one-pagers", is_flag=True, help="Skip the one-page theme briefs.")
@click.option(
    "--templates",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Folder of custom Jinja2 templates (zh/ and en/).",
)
@click.option(
    "--glossary",
    "glossaries",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="User glossary (TSV or TOML) overriding the built-in one; repeatable.",
)
@click.option(
    "--brand-config",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="TOML with [brand] organisation and logo for the page header.",
)
@click.option("--no-cache", is_flag=True, help="Bypass the translation memory.")
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    help="Documents built at once, each in its own process  [default: number of CPUs]",
)
@click.option("-q", "--quiet", is_flag=True, help="No progress display.")
@click.option("-v", "--verbose", is_flag=True, help="Say what each stage did.")
def build(
    sources,
    out_dir,
    themes,
    no_one_pagers,
    templates,
    glossaries,
    brand_config,
    no_cache,
    jobs,
    quiet,
    verbose,
):
    """Write a bilingual PDF brief per source, its facts and brief.json, and one-pagers per theme."""
    from briefing.pipeline import BuildOptions, UsageError, default_jobs, gather_sources
    from briefing.pipeline import build as run_build

    options = BuildOptions(
        out_dir=out_dir,
        themes=_split_themes(themes),
        one_pagers=not no_one_pagers,
        templates=templates,
        glossaries=list(glossaries),
        use_cache=not no_cache,
        brand_config=brand_config,
        verbose=verbose,
        jobs=jobs or default_jobs(),
    )
    with _tuned_collector(off=False):
        try:
            with _progress(quiet, verbose) as progress:
                report = run_build(gather_sources(sources), options, progress)
        except UsageError as exc:
            _fail_usage(str(exc))
        for notice in report.notices:
            click.echo(f"briefing: {notice}", err=True)
        _report_failures(report.failures)
        if not quiet:
            renamed = f" (same names made unique: {', '.join(report.renamed)})" if report.renamed else ""
            click.echo(
                f"briefing: {report.documents} brief(s), {report.facts} facts, "
                f"{len(report.written)} files written to {out_dir}/{renamed}",
                err=True,
            )
        sys.exit(EXIT_PARTIAL if report.failures else 0)


@main.command()
@click.argument("sources", nargs=-1, required=True)
@click.option(
    "--format", "fmt", type=click.Choice(["jsonl", "csv", "table"]), default="jsonl", show_default=True
)
@click.option(
    "-o", "output", type=click.Path(dir_okay=False, path_type=Path), help="Write to FILE, not stdout."
)
def facts(sources, fmt, output):
    """Extract the quantitative facts of each source."""
    from briefing.facts import format_facts_in_parts
    from briefing.pipeline import UsageError, check_writable, facts_by_document, gather_sources

    with _tuned_collector(off=True):
        failures: list[str] = []
        try:
            if output:
                check_writable(output.parent)
            texts = format_facts_in_parts(facts_by_document(gather_sources(sources), failures), fmt)
            if output:
                _write_facts(texts, output)
            else:
                for text in texts:  # each document's facts as soon as they are read
                    click.echo(text, nl=False)
        except UsageError as exc:
            _fail_usage(str(exc))
        _report_failures(failures)
        _end(EXIT_PARTIAL if failures else 0)


def _write_facts(texts: Iterable[str], output: Path) -> None:
    """Write the facts into `output` as they come: a file whole or not at all (a temporary file renamed
    at the end), a pipe or device (/dev/stdout) directly."""
    from briefing.pipeline import UsageError

    try:
        if output.exists() and not output.is_file():
            with output.open("w", encoding="utf-8") as stream:
                stream.writelines(texts)
        else:
            from briefing import atomic

            with atomic.atomic_path(output) as temporary, temporary.open("w", encoding="utf-8") as stream:
                stream.writelines(texts)
    except OSError as exc:
        raise UsageError(f"{output}: cannot write ({exc.strerror or exc})") from None


@main.command()
@click.option(
    "--config",
    "config_path",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Mail configuration (TOML).",
)
@click.option("--list", "list_name", help="Send to this list only.")
@click.option("--dry-run", is_flag=True, help="Write .eml files to DIR/outbox/ and send nothing.")
@click.argument("directory", type=click.Path(exists=True, file_okay=False, path_type=Path))
def send(config_path, list_name, dry_run, directory):
    """Email what `build` wrote in DIRECTORY to the configured lists."""
    from briefing.mail import MailError, load_mail_config, send_briefs

    try:
        config = load_mail_config(config_path)
        with _progress(quiet=False, verbose=False) as progress:
            on_progress = progress and (lambda event: progress(f"{event.status}: {event.recipient}"))
            report = send_briefs(
                config, directory, list_name=list_name, dry_run=dry_run, on_progress=on_progress
            )
    except MailError as exc:  # configuration, folder without briefs, unusable delivery log
        _fail_usage(str(exc))
    for note in report.notes:
        click.echo(f"briefing: {note}", err=True)
    _report_failures(report.failures)
    if dry_run:
        done = f"{len(report.outbox)} message(s) written to {directory / 'outbox'}/"
    else:
        done = f"{len(report.sent)} message(s) sent"
    click.echo(
        f"briefing: {done}, {len(report.skipped)} already delivered, {len(report.failures)} failed", err=True
    )
    sys.exit(EXIT_PARTIAL if report.failures else 0)


@main.group()
def models() -> None:
    """Translation models (Argos Translate packages)."""


@models.command("list")
def models_list():
    """List installed translation models."""
    from briefing.translate.models import ModelsFolderError, list_models

    try:
        installed = list_models()
    except ModelsFolderError as exc:
        _fail_usage(str(exc))
    if not installed:
        click.echo("no translation model installed; run: briefing models install zh-en")
    for info in installed:
        status = "in use" if info is installed[0] and info.usable else ("" if info.usable else "not zh→en")
        click.echo(f"{info.code}\t{info.version or '-'}\t{info.path}\t{status}".rstrip())


@models.command("install")
@click.argument("spec", default="zh-en")
def models_install(spec):
    """Install the zh→en model from Argos's package index (`zh-en`) or from a FILE.argosmodel."""
    from briefing.translate.models import ModelError, ModelsFolderError, install_model

    try:
        info = install_model(spec)
    except ModelsFolderError as exc:
        _fail_usage(str(exc))
    except ModelError as exc:
        click.echo(f"briefing: {exc}", err=True)
        sys.exit(EXIT_PARTIAL)
    click.echo(f"installed {info.name} (version {info.version or '-'}) in {info.path}")
