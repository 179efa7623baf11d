"""Header text from documents: any title, whatever characters it holds, makes a well-formed message."""

from __future__ import annotations

import json
import unicodedata
from datetime import UTC, datetime
from email import message_from_bytes, policy
from email.headerregistry import Address
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from smtp_server import Handler, smtp_server, write_build, write_config

from briefing.mail import load_mail_config, send_briefs
from briefing.mail.compose import plan_mailing
from briefing.mail.config import MailingList, parse_address
from briefing.mail.headers import header_text
from briefing.mail.outputs import read_outputs

__all__ = ["smtp_server"]  # fixture

SENDER = Address("Briefs", "briefs", "example.org")
BREAKERS = "\r\n\v\f\x1c\x1d\x1e\x85\u2028\u2029"  # every character str.splitlines breaks a line on


def test_header_text_puts_every_line_breaker_on_one_line() -> None:
    for ch in BREAKERS + "\x00\t":
        assert header_text(f"北区{ch}简报") == "北区 简报"
    assert header_text("\ufeff南区\u200b年报\u3000 2031") == "南区年报 2031"
    assert header_text("半个\ud800代理") == "半个\ufffd代理"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(zh=st.text(max_size=80), en=st.text(max_size=80))
def test_any_title_gives_a_message_whose_headers_stay_on_their_lines(
    tmp_path: Path, zh: str, en: str
) -> None:
    out = tmp_path / "out"
    write_build(out)
    brief_path = out / "rep.brief.json"
    brief = json.loads(brief_path.read_text(encoding="utf-8"))
    brief["title"] = {"zh": zh, "en": en}
    brief_path.write_text(json.dumps(brief), encoding="utf-8")
    mailing_list = MailingList(
        name="desk",
        recipients=(parse_address("Desk <desk@example.org>"),),
        themes=("full",),
        language="zh+en",
    )

    mailing, _ = plan_mailing(mailing_list, read_outputs(out), SENDER)

    assert mailing is not None
    data = mailing.message_bytes(mailing_list.recipients[0], datetime(2031, 1, 1, tzinfo=UTC))
    message = message_from_bytes(data, policy=policy.default)
    assert message.defects == [] and message["Bcc"] is None
    for header in (message["Subject"], next(message.iter_attachments()).get_filename()):
        assert not any(unicodedata.category(ch) in {"Cc", "Zl", "Zp", "Cs"} for ch in header)
    visible = "".join(header_text(zh).split())  # RFC 2047 drops a space between two encoded words
    assert visible[:20] in "".join(message["Subject"].split())


def test_a_display_name_with_a_line_separator_is_put_on_one_line() -> None:
    assert parse_address("北区\u2028编辑部 <desk@example.org>").display_name == "北区 编辑部"


def test_a_title_with_odd_separators_still_reaches_every_list_on_a_real_server(
    tmp_path: Path, smtp_server
) -> None:
    out = tmp_path / "out"
    write_build(out)
    brief_path = out / "rep.brief.json"
    brief = json.loads(brief_path.read_text(encoding="utf-8"))
    brief["title"] = {"zh": "北区\u2028年度\u0085报告\x1c", "en": "North\u2029District\vReport\f"}
    brief_path.write_text(json.dumps(brief), encoding="utf-8")
    server = smtp_server(Handler())
    lists = (
        '[[lists]]\nname = "full"\nrecipients = ["a@example.org"]\nthemes = ["full"]\n\n'
        '[[lists]]\nname = "green"\nrecipients = ["b@example.org"]\nthemes = ["environment"]\n'
    )
    config = load_mail_config(write_config(tmp_path / "mail.toml", server.port, lists))
    report = send_briefs(config, out, sleep=lambda _seconds: None)
    assert report.failures == []
    assert sorted(r.rcpt_tos[0] for r in server.handler.received) == ["a@example.org", "b@example.org"]
    subjects = [r.message["Subject"] for r in server.handler.received]
    assert any("北区 年度 报告" in s and "North District Report" in s for s in subjects)
