"""`briefing send`: exit status 0 / 1 / 2 and one stderr line per problem (DESIGN.md, command line)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from smtp_server import Handler, smtp_server, write_build, write_config

from briefing.cli import main

__all__ = ["smtp_server"]  # fixture

LISTS = """
[[lists]]
name = "desk"
recipients = ["a@example.org", "b@example.org"]
themes = ["environment"]
"""


def run(*args: str):
    return CliRunner().invoke(main, ["send", *map(str, args)])


def test_dry_run_writes_the_outbox_and_exits_0(tmp_path: Path) -> None:
    write_build(tmp_path / "out")
    config = write_config(tmp_path / "mail.toml", 9, LISTS)  # port 9 (discard): nothing may connect
    result = run("--config", config, "--dry-run", tmp_path / "out")
    assert result.exit_code == 0, result.stderr
    assert len(list((tmp_path / "out" / "outbox").glob("*.eml"))) == 2
    assert "2 message(s) written" in result.stderr


def test_refused_recipient_is_one_line_and_exit_1(tmp_path: Path, smtp_server) -> None:
    server = smtp_server(Handler(refuse={"b@example.org": "550 5.1.1 No such user"}))
    write_build(tmp_path / "out")
    config = write_config(tmp_path / "mail.toml", server.port, LISTS)
    result = run("--config", config, tmp_path / "out")
    assert result.exit_code == 1
    assert "briefing: b@example.org (list desk): refused: 550 5.1.1 No such user\n" in result.stderr
    assert "a@example.org" not in result.stderr.replace("1 message(s) sent", "")
    assert [r.rcpt_tos for r in server.handler.received] == [["a@example.org"]]


def test_configuration_errors_exit_2_without_traceback(tmp_path: Path) -> None:
    write_build(tmp_path / "out")
    config = write_config(tmp_path / "mail.toml", 25, LISTS)
    for args, expected in (
        (("--list", "nobody"), "no list named 'nobody'"),
        ((), "no briefs to send"),
    ):
        folder = tmp_path / ("empty" if not args else "out")
        folder.mkdir(exist_ok=True)
        result = run("--config", config, *args, "--dry-run", folder)
        assert result.exit_code == 2
        assert expected in result.stderr and "Traceback" not in result.stderr
        assert result.stderr.count("\n") == 1
