"""Every command against every bad input a hostile user tried (issue 14): no traceback, the right exit
status (1: some inputs failed, the rest done; 2: usage or environment, nothing done), one line per problem
naming the file, and the good sources' outputs all there.

The commands run in-process through Click's CliRunner; the few cases that need a real process (stdin
closed) are at the end. The texts are invented for these tests.
"""

from __future__ import annotations

import gc
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner, Result
from conftest import use_private_environment
from smtp_server import write_build

from briefing import atomic
from briefing.cli import main

GOOD_TEXT = """示例县2030年国民经济运行情况

全县实现地区生产总值812.4亿元，同比增长4.6%。
社会消费品零售总额完成233.5亿元，同比增长6.1%。
城镇新增就业2.3万人，城镇调查失业率为4.9%。
全年空气质量优良天数达到301天，细颗粒物平均浓度下降8.2%。
"""
OTHER_TEXT = """样例区2031年上半年经济运行简况

上半年，全区规模以上工业增加值增长7.3%。
固定资产投资完成96.8亿元，同比增长3.4%。
新建改建公园绿地14处，新增绿地面积35公顷。
"""
GOOD_RAW = "812.4亿元"  # a figure extraction finds in GOOD_TEXT


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No translation model, a private cache, pinned dates; work inside tmp_path."""
    use_private_environment(monkeypatch, tmp_path / "home")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    monkeypatch.chdir(tmp_path)


def run(*args: object, stdin: str | None = None) -> Result:
    result = CliRunner().invoke(main, [str(a) for a in args], input=stdin)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    assert "Traceback" not in result.stderr
    return result


NOTICES = ("no Chinese→English translation model", "translation model unusable")  # said once a run


def error_lines(result: Result) -> list[str]:
    lines = result.stderr.splitlines()
    return [line for line in lines if line.startswith("briefing: ") and not any(n in line for n in NOTICES)]


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def rezipped_docx(path: Path, document_xml: bytes) -> Path:
    """A real Word file whose body part is replaced by `document_xml`."""
    template = path.with_name("template.docx")
    word = docx.Document()
    word.add_paragraph("示例段落。")
    word.save(template)
    with zipfile.ZipFile(template) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for member in source.infolist():
            data = document_xml if member.filename == "word/document.xml" else source.read(member)
            out.writestr(member.filename, data)
    template.unlink()
    return path


LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">'
    + "".join(f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8))
    + "]><w:document xmlns:w='http://schemas.openxmlformats.org/wordprocessingml/2006/main'>"
    "<w:body><w:p><w:r><w:t>&i;</w:t></w:r></w:p></w:body></w:document>"
)


@pytest.fixture
def damaged(tmp_path: Path) -> list[Path]:
    """Word files damaged each in its own way: not a zip, cut XML, entity expansion, a zip bomb."""
    folder = tmp_path / "damaged"
    folder.mkdir()
    (folder / "not-a-zip.docx").write_bytes(b"PK\x03\x04 this is no zip archive")
    cut = rezipped_docx(folder / "cut-xml.docx", b"<?xml version='1.0'?><w:document xmlns:w='x'><w:bo")
    laughs = rezipped_docx(folder / "laughs.docx", LAUGHS.encode())
    bomb_body = "<w:t>" + "数" * 6_000_000 + "</w:t>"  # 18 MB unpacked from a few KB
    bomb = rezipped_docx(folder / "bomb.docx", bomb_body.encode())
    assert bomb.stat().st_size < 200_000
    return [folder / "not-a-zip.docx", cut, laughs, bomb]


# ---------------------------------------------------------------- facts


def test_facts_keeps_good_output_when_other_sources_are_damaged(tmp_path: Path, damaged: list[Path]) -> None:
    good = write(tmp_path / "good.txt", GOOD_TEXT)
    result = run("facts", damaged[0], good, *damaged[1:])
    assert result.exit_code == 1
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert GOOD_RAW in {r["raw"] for r in records}
    errors = error_lines(result)
    assert len(errors) == len(damaged)
    for path in damaged:
        assert sum(str(path) in line for line in errors) == 1


def test_facts_reports_blank_documents_broken_links_and_empty_folders(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write(folder / "good.txt", GOOD_TEXT)
    (folder / "blank.txt").write_bytes("\ufeff\u200b\u200b \n\u200b".encode())
    (folder / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    (tmp_path / "empty").mkdir()
    result = run("facts", folder, tmp_path / "empty")
    assert result.exit_code == 1
    assert GOOD_RAW in result.stdout
    errors = "\n".join(error_lines(result))
    assert "blank.txt: no text" in errors
    assert "gone.txt: broken symbolic link" in errors
    assert "empty: no supported files" in errors


def test_a_device_or_pipe_named_as_a_source_is_refused_not_read(tmp_path: Path) -> None:
    good = write(tmp_path / "good.txt", GOOD_TEXT)
    (tmp_path / "endless.txt").symlink_to("/dev/zero")
    os.mkfifo(tmp_path / "pipe.txt")
    result = run("facts", tmp_path / "endless.txt", tmp_path / "pipe.txt", good)
    assert result.exit_code == 1 and GOOD_RAW in result.stdout
    assert [line.split(": ")[2] for line in error_lines(result)] == [
        "not a regular file (a device or pipe could be read forever)"
    ] * 2


def test_facts_output_into_an_unusable_place_is_a_usage_error(tmp_path: Path) -> None:
    good = write(tmp_path / "good.txt", GOOD_TEXT)
    blocker = write(tmp_path / "a-file", "x")
    result = run("facts", good, "-o", blocker / "facts.jsonl")
    assert result.exit_code == 2
    assert error_lines(result) == [f"briefing: {blocker}: cannot write there (a file is in the way)"]
    assert ".part" not in result.stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_facts_output_into_a_read_only_folder_is_a_usage_error(tmp_path: Path) -> None:
    good = write(tmp_path / "good.txt", GOOD_TEXT)
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    result = run("facts", good, "-o", locked / "facts.jsonl")
    assert result.exit_code == 2 and len(error_lines(result)) == 1


def test_facts_output_into_a_pipe_goes_into_the_pipe(tmp_path: Path) -> None:
    """`-o /dev/stdout` or a named pipe: written into, never replaced by a regular file."""
    good = write(tmp_path / "good.txt", GOOD_TEXT)
    pipe = tmp_path / "facts.pipe"
    os.mkfifo(pipe)
    reader = subprocess.Popen(["cat", str(pipe)], stdout=subprocess.PIPE, text=True)
    result = run("facts", good, "-o", pipe)
    assert result.exit_code == 0
    assert GOOD_RAW in reader.communicate(timeout=60)[0]
    assert pipe.is_fifo()


def test_facts_csv_cells_cannot_run_as_formulas(tmp_path: Path) -> None:
    source = write(tmp_path / "=cmd.txt", GOOD_TEXT)
    result = run("facts", source, "--format", "csv")
    assert result.exit_code == 0
    rows = result.stdout.splitlines()[1:]
    assert rows and all(row.startswith("'=cmd,") for row in rows)


# ---------------------------------------------------------------- build


def brief_outputs(out: Path, doc: str) -> list[Path]:
    return [out / f"{doc}{suffix}" for suffix in (".pdf", ".facts.jsonl", ".brief.json")]


def test_build_keeps_going_past_damaged_blank_and_missing_sources(
    tmp_path: Path, damaged: list[Path]
) -> None:
    good = write(tmp_path / "good.txt", GOOD_TEXT)
    blank = tmp_path / "blank.txt"
    blank.write_bytes(b"\xef\xbb\xbf\xe2\x80\x8b")
    out = tmp_path / "out"
    result = run(
        "build", *damaged, blank, tmp_path / "missing.txt", good, "--out", out, "--no-one-pagers", "-j1"
    )
    assert result.exit_code == 1
    assert len(error_lines(result)) == len(damaged) + 2 + 1  # one line each, and the summary
    assert all(path.is_file() for path in brief_outputs(out, "good"))
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [p.name for p in brief_outputs(out, "good")] + ["manifest.json"]
    )
    assert "1 brief(s)" in result.stderr


def test_same_names_are_made_unique_and_said_in_the_summary(tmp_path: Path) -> None:
    first = write(tmp_path / "north" / "report.txt", GOOD_TEXT)
    second = write(tmp_path / "south" / "report.txt", OTHER_TEXT)
    web = write(tmp_path / "south" / "report.html", f"<html><body><p>{OTHER_TEXT}</p></body></html>")
    out = tmp_path / "out"
    result = run("build", first, second, "--out", out, "--no-one-pagers", "-j1")
    assert result.exit_code == 0, result.stderr
    for doc in ("north-report", "south-report"):
        assert all(path.is_file() for path in brief_outputs(out, doc))
    assert f"{first} → north-report" in result.stderr and f"{second} → south-report" in result.stderr
    facts = (out / "north-report.facts.jsonl").read_text(encoding="utf-8").splitlines()
    assert json.loads(facts[0])["id"].startswith("north-report#")

    again = run("build", second, web, "--out", tmp_path / "out2", "--no-one-pagers", "-j1")
    assert again.exit_code == 0, again.stderr
    assert {p.name for p in (tmp_path / "out2").glob("*.pdf")} == {"report-txt.pdf", "report-html.pdf"}


def test_bad_options_and_unwritable_output_stop_before_any_work(tmp_path: Path) -> None:
    good = write(tmp_path / "good.txt", GOOD_TEXT)
    bad_glossary = write(tmp_path / "terms.tsv", "只有一列\n")
    bad_toml = write(tmp_path / "brand.toml", "[brand\norganisation = 1")
    blocker = write(tmp_path / "a-file", "x")
    out = tmp_path / "out"
    for options, named in (
        (["--glossary", bad_glossary], bad_glossary),
        (["--brand-config", bad_toml], bad_toml),
        (["--out", blocker / "sub"], blocker),
    ):
        result = run(
            "build", good, "--no-one-pagers", *(["--out", out] if "--out" not in options else []), *options
        )
        assert result.exit_code == 2, (options, result.stderr)
        (line,) = error_lines(result)
        assert str(named) in line and ".part" not in line
        assert not out.exists() or not any(out.iterdir())


def test_an_unreadable_source_folder_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "in"
    write(folder / "good.txt", GOOD_TEXT)
    listing = Path.iterdir

    def refuse(path: Path):
        if path == folder:
            raise PermissionError(13, "Permission denied", str(path))
        return listing(path)

    monkeypatch.setattr(Path, "iterdir", refuse)
    result = run("build", folder, "--out", tmp_path / "out")
    assert result.exit_code == 2
    assert error_lines(result) == [f"briefing: {folder}: cannot list the folder (Permission denied)"]
    assert not (tmp_path / "out" / "good.pdf").exists()


def test_a_failed_document_leaves_none_of_its_outputs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The PDF is written, then writing the facts fails: the PDF must not appear on its own."""
    import briefing.facts

    good = write(tmp_path / "good.txt", GOOD_TEXT)
    other = write(tmp_path / "other.txt", OTHER_TEXT)
    out = tmp_path / "out"
    to_jsonl = briefing.facts.facts_to_jsonl

    def fail_for_good(facts):
        if facts and facts[0].doc == "good":
            raise OSError(28, "No space left on device")
        return to_jsonl(facts)

    monkeypatch.setattr(briefing.facts, "facts_to_jsonl", fail_for_good)
    result = run("build", good, other, "--out", out, "--no-one-pagers", "-j1")
    assert result.exit_code == 1
    assert not any(path.exists() for path in brief_outputs(out, "good"))
    assert all(path.is_file() for path in brief_outputs(out, "other"))
    assert not [p for p in out.rglob("*") if p.name.endswith(".part")]


def test_leftovers_of_a_killed_run_are_swept_but_a_live_writers_files_stay(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    dead_pid = int(dead.stdout)
    leftover = write(out / f".good.pdf.{dead_pid}-abcd1234.part", "half a PDF")
    old_style = write(out / "themes" / ".economy.pdf.x1y2z3w4.part", "")
    live = write(out / f".good.pdf.{os.getppid()}-efgh5678.part", "being written")
    for path in (leftover, old_style, live):
        os.utime(path, (1, 1))
    atomic._swept.clear()
    result = run("build", write(tmp_path / "good.txt", GOOD_TEXT), "--out", out, "-j1")
    assert result.exit_code == 0, result.stderr
    assert not leftover.exists() and not old_style.exists()
    assert live.exists()


def test_manifest_lists_this_runs_outputs_only(tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run("build", write(tmp_path / "good.txt", GOOD_TEXT), "--out", out, "-j1").exit_code == 0
    assert run("build", write(tmp_path / "other.txt", OTHER_TEXT), "--out", out, "-j1").exit_code == 0
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert [b["doc"] for b in manifest["briefs"]] == ["other"]
    assert (out / "good.pdf").exists()  # still on disk, but not this run's
    for theme in manifest["themes"]:
        assert (out / theme["pdf"]).is_file() and theme["title"]["zh"]


# ---------------------------------------------------------------- send


MAIL_CONFIG = """[smtp]
host = "127.0.0.1"
port = 9
security = "none"
sender = "Briefs <briefs@example.org>"

[[lists]]
name = "all"
recipients = ["Desk\u2028Two <desk@example.org>"]
themes = ["full"]

[[lists]]
name = "other"
recipients = ["other@example.org"]
themes = ["full"]
"""


def test_send_mails_only_this_runs_briefs_whatever_their_titles(tmp_path: Path) -> None:
    out = tmp_path / "out"
    config = write(tmp_path / "mail.toml", MAIL_CONFIG)
    title = "示例县\u2028经济\u000b运行\u0085情况\u001c通报\u2029"
    stale = write(tmp_path / "stale.txt", GOOD_TEXT)
    assert run("build", stale, "--out", out, "-j1").exit_code == 0
    fresh = write(tmp_path / "fresh.txt", title + "\n\n" + OTHER_TEXT)
    assert run("build", fresh, "--out", out, "-j1").exit_code == 0
    result = run("send", "--config", config, "--dry-run", out)
    assert result.exit_code == 0, result.stderr
    messages = sorted((out / "outbox").glob("*.eml"))
    assert len(messages) == 2
    full = next(m for m in messages if m.name.startswith("all-"))
    data = full.read_bytes()
    assert b"stale" not in data and data.count(b"application/pdf") == 1


def test_send_without_a_build_manifest_is_a_usage_error(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write(out / "old.pdf", "%PDF-1.4 an earlier version's output")
    config = write(tmp_path / "mail.toml", MAIL_CONFIG)
    result = run("send", "--config", config, "--dry-run", out)
    assert result.exit_code == 2
    (line,) = error_lines(result)
    assert "manifest.json" in line and "briefing build" in line


def test_send_dry_run_with_an_unwritable_outbox_is_a_usage_error(tmp_path: Path) -> None:
    out = tmp_path / "out"
    write_build(out)
    write(out / "outbox", "a file where the outbox folder goes")
    result = run("send", "--config", write(tmp_path / "mail.toml", MAIL_CONFIG), "--dry-run", out)
    assert result.exit_code == 2
    assert error_lines(result) == [f"briefing: {out / 'outbox'}: cannot write there (a file is in the way)"]


# ---------------------------------------------------------------- models


def test_models_folder_that_is_a_file_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = write(tmp_path / "packages-file", "x")
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(blocker))
    listed = run("models", "list")
    assert listed.exit_code == 2
    assert error_lines(listed) == [
        f"briefing: {blocker}: the translation models folder is a file, not a folder"
    ]
    archive = tmp_path / "model.argosmodel"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("pkg/metadata.json", json.dumps({"from_code": "zh", "to_code": "en"}))
        zf.writestr("pkg/sentencepiece.model", "x")
        zf.writestr("pkg/model/model.bin", "x")
    installed = run("models", "install", archive)
    assert installed.exit_code == 2
    (line,) = error_lines(installed)
    assert str(blocker) in line
    built = run("build", write(tmp_path / "good.txt", GOOD_TEXT), "--out", tmp_path / "out", "-j1")
    assert built.exit_code == 0  # a model is optional: the build says why there is no MT and goes on
    assert "translation model unusable" in built.stderr


def test_models_install_sweeps_staging_folders_of_killed_installs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    packages = tmp_path / "packages"
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    staging = packages / f".installing-{int(dead.stdout)}-k9j8h7g6"
    write(staging / "pkg" / "model" / "model.bin", "a partly unpacked model")
    os.utime(staging, (1, 1))
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(packages))
    atomic._swept.clear()
    archive = tmp_path / "model.argosmodel"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("pkg/metadata.json", json.dumps({"from_code": "zh", "to_code": "en"}))
        zf.writestr("pkg/sentencepiece.model", "x")
        zf.writestr("pkg/model/model.bin", "x")
    assert run("models", "install", archive).exit_code == 0
    assert not staging.exists()
    assert [p.name for p in packages.iterdir()] == ["pkg"]


# ---------------------------------------------------------------- in a real process


@pytest.mark.parametrize(
    ("args", "status"), [(["facts", "county.txt"], 0), (["build", "missing.txt", "--out", "out"], 1)]
)
def test_a_command_called_in_process_gives_the_caller_its_collector_back(
    args: list[str], status: int
) -> None:
    """The commands tune Python's cyclic collector for their run (cli.py); a caller in the same process
    (these tests, which then build charts full of reference cycles) gets its own setting back, also
    from a command that failed."""
    Path("county.txt").write_text(GOOD_TEXT, encoding="utf-8")
    threshold, frozen = gc.get_threshold(), gc.get_freeze_count()
    gc.set_threshold(1234, 11, 12)  # the caller's own
    try:
        result = run(*args)
        assert result.exit_code == status, result.stderr
        assert gc.isenabled()
        assert gc.get_threshold() == (1234, 11, 12)
        assert gc.get_freeze_count() == frozen
    finally:
        gc.set_threshold(*threshold)


def test_reading_stdin_when_it_is_closed_is_a_usage_error(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "briefing", "build", "-", "--out", str(tmp_path / "out")],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        preexec_fn=lambda: os.close(0),
        env={**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")},
        timeout=120,
    )
    assert result.returncode == 2
    assert result.stderr == "briefing: -: stdin is closed, so there is nothing to read\n"
    assert not (tmp_path / "out").exists()
