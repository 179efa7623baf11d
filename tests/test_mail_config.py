"""The mail configuration: what a user may write, and a one-line error naming the file for the rest."""

from __future__ import annotations

from pathlib import Path

import pytest

from briefing.mail import MailConfigError, load_mail_config

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "mail.example.toml"

VALID = """
[smtp]
host = "127.0.0.1"
security = "ssl"
sender = "briefs@example.org"

[[lists]]
name = "desk"
recipients = ["a@example.org", "A@example.org", "Bo Li <b@example.org>"]
themes = ["environment", "full"]
"""


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "mail.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_example_config_loads() -> None:
    config = load_mail_config(EXAMPLE)
    assert config.smtp.security == "starttls"
    assert config.smtp.password_env == "BRIEFING_SMTP_PASSWORD"
    assert [m.name for m in config.lists] == ["environment-desk", "chamber"]
    assert config.lists[1].themes == ("full",)


def test_defaults_and_deduplicated_recipients(tmp_path: Path) -> None:
    config = load_mail_config(write(tmp_path, VALID))
    assert config.smtp.port == 465  # the default of security = "ssl"
    (desk,) = config.lists
    assert [a.addr_spec for a in desk.recipients] == ["a@example.org", "b@example.org"]
    assert desk.recipients[1].display_name == "Bo Li"
    assert desk.language == "zh+en"


@pytest.mark.parametrize(
    ("change", "problem"),
    [
        (('security = "ssl"', 'security = "tls"'), "security must be one of"),
        (('host = "127.0.0.1"', 'host = "127.0.0.1"\npassword = "hunter2"'), "password must not be"),
        (('host = "127.0.0.1"', 'host = "127.0.0.1"\nusername = "u"'), "password_env"),
        (('host = "127.0.0.1"', 'host = "127.0.0.1"\nport = 70000'), "port must be"),
        (('"ssl"', '"none"\nusername = "u"\npassword_env = "P"'), "travel in clear"),
        (('host = "127.0.0.1"', 'hots = "127.0.0.1"'), "unknown key 'hots'"),
        (('"a@example.org",', '"a@example.org\\r\\nBcc: evil@example.net",'), "control character"),
        (('"a@example.org",', '"a@example.org, c@example.org",'), "invalid address"),
        (('"a@example.org",', '"not-an-address",'), "invalid address"),
        (('sender = "briefs@example.org"', 'sender = "b\\nriefs@example.org"'), "control character"),
        (('"environment", "full"', '"enviroment"'), "unknown theme 'enviroment'"),
        (('themes = ["environment", "full"]', "themes = []"), "themes must be"),
        (("themes =", 'language = "fr"\nthemes ='), "language must be one of"),
        (
            ("[[lists]]", '[[lists]]\nname = "desk"\nrecipients = ["x@example.org"]\n[[lists]]'),
            "more than once",
        ),
        (("[smtp]", "[smtp\n"), "not valid TOML"),
    ],
)
def test_bad_configuration_is_one_line_naming_file_and_problem(
    tmp_path: Path, change: tuple[str, str], problem: str
) -> None:
    assert change[0] in VALID
    path = write(tmp_path, VALID.replace(change[0], change[1], 1))
    with pytest.raises(MailConfigError) as error:
        load_mail_config(path)
    message = str(error.value)
    assert message.startswith(f"{path}: ")
    assert problem in message
    assert "\n" not in message


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(MailConfigError, match="file not found"):
        load_mail_config(tmp_path / "absent.toml")


def test_unknown_list_name(tmp_path: Path) -> None:
    config = load_mail_config(write(tmp_path, VALID))
    assert config.selected_lists("desk") == config.lists
    with pytest.raises(MailConfigError, match="no list named 'desks'"):
        config.selected_lists("desks")
