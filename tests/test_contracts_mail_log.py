"""The delivery log knows a recipient whatever the case of the address: a list edited from
`ana@example.org` to `Ana@Example.ORG` between two runs must not mail the same content twice."""

from __future__ import annotations

from pathlib import Path

import pytest
from smtp_server import smtp_server, write_build, write_config

from briefing.mail import load_mail_config, send_briefs
from briefing.mail.log import ACCEPTED, FAILED, DeliveryLog

__all__ = ["smtp_server"]  # fixture

DIGEST = "d" * 64


def record(log: DeliveryLog, recipient: str, status: str = ACCEPTED) -> None:
    log.record(
        DIGEST,
        recipient,
        status=status,
        reply="250 OK",
        list_name="desk",
        subject="Brief",
        message_id="<1@example.org>",
        attempts=1,
    )


@pytest.mark.parametrize(
    ("logged", "asked"),
    [("ana@example.org", "Ana@Example.ORG"), ("ANA@EXAMPLE.ORG", "ana@example.org")],
)
def test_an_accepted_delivery_is_found_whatever_the_case(tmp_path: Path, logged: str, asked: str) -> None:
    with DeliveryLog(tmp_path) as log:
        record(log, logged)
    with DeliveryLog(tmp_path, read_only=True) as log:
        assert log.accepted(DIGEST, asked)
        assert not log.accepted(DIGEST, "bo@example.org")
        assert not log.accepted("e" * 64, asked)


def test_a_later_acceptance_in_another_case_replaces_the_failure(tmp_path: Path) -> None:
    with DeliveryLog(tmp_path) as log:
        record(log, "ana@example.org", FAILED)
        assert not log.accepted(DIGEST, "ana@example.org")
        record(log, "Ana@Example.org", ACCEPTED)
        assert log.accepted(DIGEST, "ana@example.org")


def _config(tmp_path: Path, port: int, recipient: str):
    lists = f'[[lists]]\nname = "desk"\nrecipients = ["{recipient}"]\nthemes = ["full"]\nlanguage = "en"\n'
    return load_mail_config(write_config(tmp_path / "mail.toml", port, lists))


def test_a_rerun_with_the_address_in_another_case_sends_nothing(tmp_path: Path, smtp_server) -> None:
    out = tmp_path / "out"
    write_build(out)
    server = smtp_server()
    first = send_briefs(_config(tmp_path, server.port, "ana@example.org"), out)
    assert first.failures == [] and len(first.sent) == 1
    second = send_briefs(_config(tmp_path, server.port, "Ana@Example.ORG"), out)
    assert second.sent == [] and len(second.skipped) == 1
    assert len(server.handler.received) == 1
