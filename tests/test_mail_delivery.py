"""Delivery against a real SMTP server (aiosmtpd on 127.0.0.1): security modes, failures, re-runs."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from smtp_server import (
    REPORT_TITLE,
    SUMMARY,
    Handler,
    Server,
    free_port,
    smtp_server,
    tls_files,
    write_build,
    write_config,
)

from briefing.mail import MailConfigError, Progress, RetryPolicy, load_mail_config, send_briefs

__all__ = ["smtp_server", "tls_files"]  # fixtures

RECIPIENTS = ["a@example.org", "b@example.org", "c@example.org"]
LISTS = f"""
[[lists]]
name = "desk"
recipients = {RECIPIENTS!r}
themes = ["full", "economy"]
language = "zh+en"
""".replace("'", '"')
RETRY = RetryPolicy(delays=(0.5, 2.0))


@pytest.fixture
def out(tmp_path: Path) -> Path:
    write_build(tmp_path / "out")
    return tmp_path / "out"


class Waits(list):
    """Stands in for time.sleep: records the back-off instead of waiting."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)


def send(
    tmp_path: Path, server: Server, out: Path, *, smtp_extra: str = "", security: str = "none", **options
):
    config = load_mail_config(
        write_config(tmp_path / "mail.toml", server.port, LISTS, smtp_extra=smtp_extra, security=security)
    )
    options.setdefault("sleep", Waits())
    return send_briefs(config, out, retry=RETRY, **options)


def delivered_to(server: Server) -> list[str]:
    return sorted(r for received in server.handler.received for r in received.rcpt_tos)


def test_plain_delivery_one_message_per_recipient(tmp_path: Path, out: Path, smtp_server) -> None:
    server = smtp_server()
    events: list[Progress] = []
    report = send(tmp_path, server, out, on_progress=events.append)
    assert report.failures == []
    assert sorted(report.sent) == RECIPIENTS
    assert [e.status for e in events] == ["sent"] * 3
    assert delivered_to(server) == RECIPIENTS
    pdf = (out / "rep.pdf").read_bytes()
    for received in server.handler.received:
        message = received.message
        assert received.mail_from == "briefs@example.org"
        assert [
            a.addr_spec for a in message["To"].addresses
        ] == received.rcpt_tos  # exactly the one envelope rcpt
        assert REPORT_TITLE["zh"] in message["Subject"] and "Brief: " in message["Subject"]
        assert SUMMARY[0]["en"] in message.get_body(("plain",)).get_content()
        attachments = {a.get_filename(): a.get_content() for a in message.iter_attachments()}
        assert attachments[f"{REPORT_TITLE['zh']}.pdf"] == pdf
    rows = sqlite3.connect(out / ".delivery.sqlite").execute(
        "SELECT recipient, status, reply FROM deliveries"
    )
    assert sorted((r, s) for r, s, _ in rows) == [(r, "accepted") for r in RECIPIENTS]


def test_starttls_with_login(tmp_path: Path, out: Path, smtp_server, tls_files, monkeypatch) -> None:
    server = smtp_server(starttls=tls_files, login=("briefs", "s3cret"))
    monkeypatch.setenv("TEST_SMTP_PASSWORD", "s3cret")
    extra = f'username = "briefs"\npassword_env = "TEST_SMTP_PASSWORD"\nca_file = "{tls_files.cert}"'
    report = send(tmp_path, server, out, smtp_extra=extra, security="starttls")
    assert report.failures == []
    assert delivered_to(server) == RECIPIENTS
    assert server.logins == [("briefs", "s3cret")]  # one connection carried all three messages


def test_implicit_tls(tmp_path: Path, out: Path, smtp_server, tls_files) -> None:
    server = smtp_server(implicit_tls=tls_files)
    report = send(tmp_path, server, out, smtp_extra=f'ca_file = "{tls_files.cert}"', security="ssl")
    assert report.failures == [] and delivered_to(server) == RECIPIENTS


def test_untrusted_certificate_fails_every_recipient_without_sending(
    tmp_path: Path, out: Path, smtp_server, tls_files
) -> None:
    server = smtp_server(starttls=tls_files)
    waits = Waits()
    report = send(tmp_path, server, out, security="starttls", sleep=waits)
    assert report.sent == [] and server.handler.received == []
    assert len(report.failures) == 3 and all("certificate not trusted" in line for line in report.failures)
    assert waits == []  # not worth retrying


def test_wrong_password_fails_every_recipient(tmp_path: Path, out: Path, smtp_server, tls_files, monkeypatch):
    server = smtp_server(starttls=tls_files, login=("briefs", "s3cret"))
    monkeypatch.setenv("TEST_SMTP_PASSWORD", "wrong")
    extra = f'username = "briefs"\npassword_env = "TEST_SMTP_PASSWORD"\nca_file = "{tls_files.cert}"'
    report = send(tmp_path, server, out, smtp_extra=extra, security="starttls")
    assert server.handler.received == []
    assert [line.split(" ", 1)[0] for line in report.failures] == RECIPIENTS
    assert all("535" in line for line in report.failures)


def test_unset_password_variable_is_a_configuration_error(
    tmp_path: Path, out: Path, smtp_server, monkeypatch
):
    server = smtp_server()
    monkeypatch.delenv("TEST_SMTP_PASSWORD", raising=False)
    extra = 'username = "briefs"\npassword_env = "TEST_SMTP_PASSWORD"'
    with pytest.raises(MailConfigError, match="TEST_SMTP_PASSWORD"):
        send(tmp_path, server, out, smtp_extra=extra, security="starttls")
    assert server.handler.data_commands == 0


def test_temporary_refusal_is_retried_after_a_wait(tmp_path: Path, out: Path, smtp_server) -> None:
    server = smtp_server(Handler(data_replies=["451 4.3.0 Try again later"]))
    waits = Waits()
    report = send(tmp_path, server, out, sleep=waits)
    assert report.failures == []
    assert delivered_to(server) == RECIPIENTS  # each exactly once
    assert waits == [0.5]
    attempts = dict(
        sqlite3.connect(out / ".delivery.sqlite").execute("SELECT recipient, attempts FROM deliveries")
    )
    assert attempts == {"a@example.org": 2, "b@example.org": 1, "c@example.org": 1}


def test_retries_are_bounded(tmp_path: Path, out: Path, smtp_server) -> None:
    server = smtp_server(Handler(data_replies=["451 4.3.0 Try again later"] * 3))
    waits = Waits()
    report = send(tmp_path, server, out, sleep=waits)
    assert waits == [0.5, 2.0]
    assert report.failures == [
        "a@example.org (list desk): refused: 451 4.3.0 Try again later (gave up after 3 attempts)"
    ]
    assert delivered_to(server) == RECIPIENTS[1:]


def test_permanent_refusal_of_one_recipient_spares_the_others(tmp_path: Path, out: Path, smtp_server) -> None:
    server = smtp_server(Handler(refuse={"b@example.org": "550 5.1.1 No such user"}))
    waits = Waits()
    report = send(tmp_path, server, out, sleep=waits)
    assert report.failures == ["b@example.org (list desk): refused: 550 5.1.1 No such user"]
    assert delivered_to(server) == ["a@example.org", "c@example.org"]
    assert waits == []
    row = sqlite3.connect(out / ".delivery.sqlite").execute(
        "SELECT status, reply FROM deliveries WHERE recipient = 'b@example.org'"
    )
    assert row.fetchone() == ("failed", "550 5.1.1 No such user")


def test_connection_dropped_mid_data_is_retried_on_a_new_connection(tmp_path: Path, out: Path, smtp_server):
    server = smtp_server(Handler(drops=1))
    report = send(tmp_path, server, out)
    assert report.failures == []
    assert delivered_to(server) == RECIPIENTS
    assert server.handler.data_commands == 4


def test_rerun_after_partial_failure_sends_only_what_is_missing(
    tmp_path: Path, out: Path, smtp_server
) -> None:
    flaky = smtp_server(Handler(refuse={"b@example.org": "450 4.2.0 Mailbox busy"}))
    first = send(tmp_path, flaky, out)
    assert first.sent == ["a@example.org", "c@example.org"] and len(first.failures) == 1
    healthy = smtp_server()
    second = send(tmp_path, healthy, out)
    assert second.failures == [] and second.sent == ["b@example.org"]
    assert sorted(second.skipped) == ["a@example.org", "c@example.org"]
    assert delivered_to(healthy) == ["b@example.org"]
    third = send(tmp_path, healthy, out)
    assert third.sent == [] and len(third.skipped) == 3
    assert delivered_to(healthy) == ["b@example.org"]


def test_new_content_is_sent_again(tmp_path: Path, out: Path, smtp_server) -> None:
    server = smtp_server()
    send(tmp_path, server, out)
    (out / "rep.pdf").write_bytes((out / "rep.pdf").read_bytes() + b"\n% rebuilt\n")
    report = send(tmp_path, server, out)
    assert sorted(report.sent) == RECIPIENTS
    assert len(server.handler.received) == 6


def test_server_that_is_not_there_fails_every_recipient_once(tmp_path: Path, out: Path) -> None:
    nobody = Server(Handler(), free_port(), [])
    waits = Waits()
    report = send(tmp_path, nobody, out, sleep=waits)
    assert len(report.failures) == 3 and all("cannot reach 127.0.0.1" in line for line in report.failures)
    assert waits == [0.5, 2.0]  # one message's retries, not three


def test_each_acceptance_is_logged_before_the_next_message(tmp_path: Path, out: Path, smtp_server) -> None:
    server = smtp_server()

    def crash_after_first(event: Progress) -> None:
        if event.status == "sent":
            raise KeyboardInterrupt  # the process dies between two messages

    with pytest.raises(KeyboardInterrupt):
        send(tmp_path, server, out, on_progress=crash_after_first)
    report = send(tmp_path, server, out)
    assert report.skipped == ["a@example.org"] and report.sent == RECIPIENTS[1:]
    assert delivered_to(server) == RECIPIENTS  # nobody twice
