"""The first five minutes of a user: build the bundled examples and get bilingual PDFs."""

from __future__ import annotations

import json
import re
import subprocess
import sys

from conftest import EXAMPLES, private_environment, run_briefing
from pypdf import PdfReader

from briefing.model import EN_BY

pytest_plugins = ["argos_test_model"]

FACT_FIELDS = {
    "doc", "id", "raw", "span", "sentence", "value", "unit", "measure_word", "qualifier", "indicator_zh",
    "indicator_en", "period", "kind", "direction", "geo", "theme", "article",
}  # fmt: skip


def example_docs() -> list[str]:
    return sorted(p.stem for p in EXAMPLES.glob("*.txt"))


def pdf_fonts(reader: PdfReader) -> dict[str, bool]:
    """Every font used on any page → whether its file is embedded (like `pdffonts`)."""
    fonts: dict[str, bool] = {}
    for page in reader.pages:
        resources = page["/Resources"]
        for font in resources.get("/Font", {}).values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            target = descendants[0].get_object() if descendants else font
            descriptor = target.get("/FontDescriptor")
            embedded = bool(descriptor) and any(
                k in descriptor.get_object() for k in ("/FontFile", "/FontFile2", "/FontFile3")
            )
            fonts[str(font["/BaseFont"])] = embedded
    return fonts


def test_every_example_gets_a_pdf_facts_and_brief(built_examples):
    for doc in example_docs():
        assert (built_examples / f"{doc}.pdf").stat().st_size > 10_000
        records = [
            json.loads(line) for line in (built_examples / f"{doc}.facts.jsonl").read_text().splitlines()
        ]
        assert records, doc
        source = (EXAMPLES / f"{doc}.txt").read_text(encoding="utf-8")
        for record in records:
            assert record.keys() >= FACT_FIELDS
            start, end = record["span"]
            assert re.sub(r"\s", "", source[start:end]) == re.sub(r"\s", "", record["raw"])
        brief = json.loads((built_examples / f"{doc}.brief.json").read_text())
        assert brief["doc"] == doc and brief["title"]["zh"]
        ids = {r["id"] for r in records}
        for section in brief["sections"]:
            for sentence in section["sentences"]:
                assert sentence["zh"] and sentence["en_by"] in set(EN_BY)
                assert set(sentence["facts"]) <= ids


def test_pdfs_embed_subset_fonts_and_hold_both_languages(built_examples):
    for doc in example_docs():
        reader = PdfReader(built_examples / f"{doc}.pdf")
        fonts = pdf_fonts(reader)
        assert fonts, "no fonts found"
        for name, embedded in fonts.items():
            assert embedded, f"{name} is not embedded"
            assert re.match(r"/[A-Z]{6}\+", name), f"{name} is not a subset"
        text = "".join(page.extract_text() for page in reader.pages)
        assert len(re.findall(r"[\u4e00-\u9fff]", text)) > 200
        assert len(re.findall(r"\b[A-Za-z]{3,}\b", text)) > 100


def test_one_pagers_are_written_for_themes(built_examples):
    pages = sorted((built_examples / "themes").glob("*.pdf"))
    assert pages
    for path in pages:
        assert len(PdfReader(path).pages) == 1, path.name


def test_bad_source_is_one_line_and_the_rest_still_builds(tmp_path, isolated_env):
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    missing = tmp_path / "missing.txt"
    good = EXAMPLES / f"{example_docs()[0]}.txt"
    out = tmp_path / "out"
    result = run_briefing(
        "build", str(missing), str(empty), str(good), "--out", str(out), "--quiet", "--no-one-pagers",
        env=isolated_env,
    )  # fmt: skip
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if line.strip()]
    assert any(str(missing) in line for line in errors)
    assert any(str(empty) in line for line in errors)
    assert "Traceback" not in result.stderr
    assert (out / f"{good.stem}.pdf").exists()
    assert not list(out.rglob("*.part")), "a half-written file was left behind"


def test_usage_errors_exit_2(tmp_path):
    assert run_briefing("build", str(EXAMPLES), "--themes", "nonsense").returncode == 2
    assert run_briefing("frobnicate").returncode == 2
    assert run_briefing("build").returncode == 2


def test_importing_briefing_never_imports_torch():
    code = (
        "import sys, briefing, briefing.cli, briefing.pipeline, briefing.ingest, briefing.facts, "
        "briefing.translate, briefing.compose, briefing.pdf, briefing.mail\n"
        "heavy = [m for m in ('torch', 'stanza', 'spacy', 'argostranslate.translate') if m in sys.modules]\n"
        "print(','.join(heavy))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""


def test_build_with_a_model_installed_translates_and_rebuilds_from_memory(tmp_path, argos_archive):
    """The real path users take: install a model from a file, build, build again from the memory."""
    env = private_environment(tmp_path)
    installed = run_briefing("models", "install", str(argos_archive), env=env)
    assert installed.returncode == 0, installed.stderr
    assert "zh-en" in run_briefing("models", "list", env=env).stdout

    source = EXAMPLES / f"{example_docs()[-1]}.txt"
    first, second = tmp_path / "first", tmp_path / "second"
    for out in (first, second):
        result = run_briefing("build", str(source), "--out", str(out), "--quiet", "--no-one-pagers", env=env)
        assert result.returncode == 0, result.stderr
        assert "models install" not in result.stderr  # no missing-model hint once a model is there
    brief = json.loads((first / f"{source.stem}.brief.json").read_text())
    made_by = {s["en_by"] for section in brief["sections"] for s in section["sentences"]}
    assert "mt" in made_by or "glossary" in made_by
    assert (first / f"{source.stem}.pdf").read_bytes() == (second / f"{source.stem}.pdf").read_bytes()


def test_web_page_word_file_gbk_text_and_stdin_each_build_a_brief(tmp_path, isolated_env):
    """Users' sources are rarely clean UTF-8 text: every supported kind goes the whole way to a PDF."""
    import docx

    body = [
        "上半年，全区实现地区生产总值1216.6亿元，同比增长5.2%。",
        "社会消费品零售总额完成356.2亿元，同比增长3.1%。",
        "新增就业岗位1.2万个，城镇调查失业率控制在5%以内。",
        "细颗粒物（PM2.5）平均浓度为30.6微克/立方米，同比下降19.5%。",
    ]
    title = "关于西城区2025年上半年经济运行情况的通报"
    sources = tmp_path / "sources"
    sources.mkdir()
    paragraphs = "".join(f"<p>{line}</p>" for line in body)
    (sources / "page.html").write_text(
        f"<html><head><title>{title}</title></head><body><nav>首页 | 政务公开</nav>"
        f"<div>字号：大 中 小</div><article><h1>{title}</h1>{paragraphs}</article>"
        "<footer>扫一扫在手机上打开页面</footer></body></html>",
        encoding="utf-8",
    )
    word = docx.Document()
    word.add_heading(title, level=1)
    for line in body:
        word.add_paragraph(line)
    word.save(sources / "report.docx")
    (sources / "legacy.txt").write_bytes("\n\n".join([title, *body]).encode("gb18030"))

    out = tmp_path / "out"
    result = run_briefing(
        "build", str(sources), "--out", str(out), "--quiet", "--no-one-pagers", env=isolated_env
    )
    assert result.returncode == 0, result.stderr
    piped = run_briefing(
        "build", "-", "--out", str(out), "--quiet", "--no-one-pagers", stdin="\n".join(body), env=isolated_env
    )
    assert piped.returncode == 0, piped.stderr
    for doc in ("page", "report", "legacy", "stdin"):
        records = [json.loads(line) for line in (out / f"{doc}.facts.jsonl").read_text().splitlines()]
        assert {r["raw"] for r in records} >= {"1216.6亿元", "5.2%", "30.6微克/立方米"}, doc
        text = "".join(page.extract_text() for page in PdfReader(out / f"{doc}.pdf").pages)
        assert "CNY 121.66 billion" in text, doc


def test_a_hostile_batch_in_real_processes_loses_nothing_good(tmp_path, isolated_env):
    """Same-named sources, a damaged Word file and an invisible-only file, through build, facts and a
    dry-run send, each in its own process: no traceback anywhere, every good source's outputs there."""
    good = EXAMPLES / f"{example_docs()[0]}.txt"
    for folder in ("east", "west"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "report.txt").write_text(good.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "west" / "broken.docx").write_bytes(b"PK\x03\x04 not a zip at all")
    (tmp_path / "west" / "blank.txt").write_bytes("\ufeff\u200b\u2028".encode())
    out = tmp_path / "out"
    sources = [str(tmp_path / "east" / "report.txt"), str(tmp_path / "west")]

    built = run_briefing("build", *sources, "--out", str(out), "--jobs", "2", env=isolated_env)
    facts = run_briefing("facts", *sources, "--format", "csv", env=isolated_env)
    config = tmp_path / "mail.toml"
    config.write_text(
        '[smtp]\nhost = "127.0.0.1"\nport = 9\nsecurity = "none"\nsender = "b@example.org"\n\n'
        '[[lists]]\nname = "desk"\nrecipients = ["d@example.org"]\nthemes = ["full"]\n',
        encoding="utf-8",
    )
    sent = run_briefing("send", "--config", str(config), "--dry-run", str(out), env=isolated_env)

    for result in (built, facts, sent):
        assert "Traceback" not in result.stderr
    assert built.returncode == 1 and facts.returncode == 1 and sent.returncode == 0
    for doc in ("east-report", "west-report"):
        assert all((out / f"{doc}{suffix}").is_file() for suffix in (".pdf", ".facts.jsonl", ".brief.json"))
    assert "broken.docx" in built.stderr and "blank.txt: no text" in built.stderr
    assert {line.split(",")[0] for line in facts.stdout.splitlines()[1:]} == {"east-report", "west-report"}
    (message,) = (out / "outbox").glob("*.eml")
    assert message.read_bytes().count(b"Content-Type: application/pdf") == 2
