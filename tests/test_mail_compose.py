"""The messages themselves, seen through `--dry-run`: what a recipient would get, and no connection."""

from __future__ import annotations

import json
import smtplib
from datetime import UTC, datetime
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

import pytest
from smtp_server import ENVIRONMENT_SECTION, REPORT_TITLE, SUMMARY, write_build, write_config

from briefing.mail import MailError, load_mail_config, send_briefs

FIXED = datetime(2024, 3, 1, 8, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def no_connection(monkeypatch: pytest.MonkeyPatch) -> None:
    """A dry run must not even open a connection."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a dry run connected to an SMTP server")

    monkeypatch.setattr(smtplib.SMTP, "connect", refuse)


def dry_run(tmp_path: Path, lists: str, **options: object):
    config = load_mail_config(write_config(tmp_path / "mail.toml", 2525, lists))
    return send_briefs(config, tmp_path / "out", dry_run=True, now=lambda: FIXED, **options)


def parse(path: Path) -> EmailMessage:
    return message_from_bytes(path.read_bytes(), policy=policy.default)  # type: ignore[return-value]


LISTS = """
[[lists]]
name = "desk"
recipients = ["a@example.org", "王五 <b@example.org>"]
themes = ["full", "environment"]
language = "{language}"
"""


@pytest.fixture
def pdfs(tmp_path: Path) -> dict[str, bytes]:
    return write_build(tmp_path / "out")


def test_one_message_per_recipient_with_bilingual_subject_bodies_and_attachments(
    tmp_path: Path, pdfs: dict[str, bytes]
) -> None:
    report = dry_run(tmp_path, LISTS.format(language="zh+en"))
    assert report.failures == [] and report.sent == []
    assert sorted(p.parent for p in report.outbox) == [tmp_path / "out" / "outbox"] * 2
    assert not (tmp_path / "out" / ".delivery.sqlite").exists()  # a dry run leaves no delivery trace
    recipients = []
    for path in report.outbox:
        message = parse(path)
        (to,) = message["To"].addresses
        recipients.append(to.addr_spec)
        assert message["Cc"] is None and message["Bcc"] is None
        assert REPORT_TITLE["zh"] in message["Subject"] and REPORT_TITLE["en"] in message["Subject"]
        assert message["Subject"].isascii() is False and b"=?utf-8?" in path.read_bytes()
        assert message["Date"] and message["Message-ID"].endswith("@example.org>")
        for kind in ("plain", "html"):
            body = message.get_body((kind,)).get_content()
            for sentence in SUMMARY + ENVIRONMENT_SECTION:
                assert sentence["zh"] in body and sentence["en"] in body
        attachments = {a.get_filename(): a.get_content() for a in message.iter_attachments()}
        assert attachments == {
            f"{REPORT_TITLE['zh']}.pdf": pdfs["rep"],
            "生态环境 Environment.pdf": pdfs["environment"],
        }
        assert b"filename*=utf-8''" in path.read_bytes() or b"filename*0*=utf-8''" in path.read_bytes()
    assert sorted(recipients) == ["a@example.org", "b@example.org"]


def test_body_language_follows_the_list(tmp_path: Path, pdfs: dict[str, bytes]) -> None:
    report = dry_run(tmp_path, LISTS.format(language="zh"))
    message = parse(report.outbox[0])
    text = message.get_body(("plain",)).get_content()
    assert SUMMARY[0]["zh"] in text and SUMMARY[0]["en"] not in text
    assert REPORT_TITLE["en"] in message["Subject"]  # the subject stays bilingual


def test_same_input_same_message_apart_from_date(tmp_path: Path, pdfs: dict[str, bytes]) -> None:
    first = [p.read_bytes() for p in dry_run(tmp_path, LISTS.format(language="en")).outbox]
    second = [p.read_bytes() for p in dry_run(tmp_path, LISTS.format(language="en")).outbox]
    assert first == second
    ids = {parse(p)["Message-ID"] for p in dry_run(tmp_path, LISTS.format(language="en")).outbox}
    assert len(ids) == 2  # one per recipient


def test_theme_without_its_json_falls_back_to_summary_sentences_of_the_theme(
    tmp_path: Path, pdfs: dict[str, bytes]
) -> None:
    report = dry_run(tmp_path, LISTS.format(language="en").replace('"full", ', ""))
    text = parse(report.outbox[0]).get_body(("plain",)).get_content()
    assert SUMMARY[1]["en"] in text  # a summary sentence stating an environment fact
    assert SUMMARY[0]["en"] not in text  # an economy one


def test_line_breaks_in_a_title_are_put_on_one_line_and_inject_no_header(
    tmp_path: Path, pdfs: dict[str, bytes]
) -> None:
    brief_path = tmp_path / "out" / "rep.brief.json"
    brief = json.loads(brief_path.read_text(encoding="utf-8"))
    brief["title"]["en"] = "Report\r\nBcc: everyone@example.net"
    brief_path.write_text(json.dumps(brief), encoding="utf-8")
    report = dry_run(tmp_path, LISTS.format(language="en"))
    assert report.failures == [] and len(report.outbox) == 2
    message = parse(report.outbox[0])
    assert message["Bcc"] is None
    assert "Report Bcc: everyone@example.net" in message["Subject"]


def test_html_body_escapes_text_from_the_brief(tmp_path: Path, pdfs: dict[str, bytes]) -> None:
    brief_path = tmp_path / "out" / "rep.brief.json"
    brief = json.loads(brief_path.read_text(encoding="utf-8"))
    brief["sections"][0]["sentences"][0]["en"] = "<script>alert(1)</script> & more"
    brief_path.write_text(json.dumps(brief), encoding="utf-8")
    html = parse(dry_run(tmp_path, LISTS.format(language="en")).outbox[0]).get_body(("html",)).get_content()
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in html


def test_missing_one_pagers_are_noted_and_a_list_with_nothing_gets_nothing(
    tmp_path: Path, pdfs: dict[str, bytes]
) -> None:
    lists = """
[[lists]]
name = "safety"
recipients = ["a@example.org"]
themes = ["safety"]

[[lists]]
name = "mixed"
recipients = ["a@example.org", "c@example.org"]
themes = ["safety", "economy"]
"""
    report = dry_run(tmp_path, lists)
    assert report.failures == []
    assert len(report.outbox) == 2  # mixed only
    assert any("themes/safety.pdf" in note for note in report.notes)
    assert "list 'safety': nothing to send" in report.notes
    message = parse(report.outbox[0])
    assert [a.get_filename() for a in message.iter_attachments()] == ["经济发展 Economy.pdf"]
    assert "The economy improved steadily." in message.get_body(("plain",)).get_content()  # from the manifest


def test_same_content_in_two_lists_goes_once_to_a_shared_recipient(
    tmp_path: Path, pdfs: dict[str, bytes]
) -> None:
    lists = LISTS.format(language="zh+en") + LISTS.format(language="zh+en").replace('"desk"', '"desk2"')
    assert len(dry_run(tmp_path, lists).outbox) == 2


def test_folder_without_briefs_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    with pytest.raises(MailError, match="no briefs to send"):
        dry_run(tmp_path, LISTS.format(language="en"))
