"""The mail configuration of `briefing send --config` (DESIGN.md, "Mail configuration").

Everything is checked when the file is read, so a typo surfaces as one line naming the file and the key
before any message is built or any connection is opened. The password is never read from the file: only
the name of the environment variable holding it, so the file can be committed and shared.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from email.headerregistry import Address
from email.policy import SMTP
from pathlib import Path
from typing import Any

from briefing.mail.headers import header_text
from briefing.model import THEMES

SECURITY_MODES = ("starttls", "ssl", "none")
DEFAULT_PORTS = {"starttls": 587, "ssl": 465, "none": 25}
LANGUAGES = ("zh", "en", "zh+en")
FULL = "full"  # in a list's themes: send the full brief of every source

_SMTP_KEYS = {"host", "port", "security", "username", "password_env", "sender", "timeout", "ca_file"}
_LIST_KEYS = {"name", "recipients", "themes", "language"}


class MailError(Exception):
    """A problem with the request as a whole (not with one recipient): the CLI exits with status 2."""


class MailConfigError(MailError):
    """The mail configuration file is missing, unreadable or wrong; the message names file and problem."""


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    security: str  # one of SECURITY_MODES
    sender: Address
    username: str | None = None
    password_env: str | None = None
    timeout: float = 30.0  # seconds for connect and each command
    ca_file: Path | None = None  # extra trusted CA (a private or self-signed server certificate)


@dataclass(frozen=True)
class MailingList:
    name: str
    recipients: tuple[Address, ...]
    themes: tuple[str, ...]  # theme ids and/or FULL, in the order given
    language: str = "zh+en"  # one of LANGUAGES


@dataclass(frozen=True)
class MailConfig:
    path: Path
    smtp: SmtpSettings
    lists: tuple[MailingList, ...]

    def selected_lists(self, name: str | None) -> tuple[MailingList, ...]:
        """All lists, or the one named by `--list`."""
        if name is None:
            return self.lists
        for mailing_list in self.lists:
            if mailing_list.name == name:
                return (mailing_list,)
        known = ", ".join(m.name for m in self.lists)
        raise MailConfigError(f"{self.path}: no list named {name!r} (lists: {known})")


class AddressError(ValueError):
    pass


def parse_address(text: str) -> Address:
    """One mailbox (`a@b.org` or `Name <a@b.org>`), refusing anything a header could be smuggled through.

    CR/LF and other control characters are refused outright rather than folded away, and so are lists,
    group syntax and non-ASCII local parts (which would need SMTPUTF8 from every server on the way).
    """
    if not isinstance(text, str) or not text.strip():
        raise AddressError("empty address")
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in text):
        raise AddressError(f"control character (CR/LF?) in address {text!r}")
    text = header_text(text)  # a display name with a Unicode line separator is put on one line
    try:
        header = SMTP.header_factory("To", text)
        addresses = header.addresses
    except (IndexError, ValueError) as exc:
        raise AddressError(f"invalid address {text!r}") from exc
    if header.defects or len(addresses) != 1:
        raise AddressError(f"invalid address {text!r}")
    address = addresses[0]
    if not address.username or not address.domain or " " in address.domain:
        raise AddressError(f"invalid address {text!r}")
    if not address.addr_spec.isascii():
        raise AddressError(f"non-ASCII address {text!r} is not supported")
    return address


def load_mail_config(path: Path) -> MailConfig:
    """Read and check the TOML mail configuration; raises MailConfigError with a one-line message."""
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise MailConfigError(f"{path}: file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise MailConfigError(f"{path}: cannot read ({exc})") from None
    except tomllib.TOMLDecodeError as exc:
        raise MailConfigError(f"{path}: not valid TOML ({exc})") from None
    try:
        return _parse(path, data)
    except _Invalid as exc:
        raise MailConfigError(f"{path}: {exc}") from None


class _Invalid(ValueError):
    pass


def _parse(path: Path, data: dict[str, Any]) -> MailConfig:
    _no_unknown_keys(data, {"smtp", "lists"}, "top level")
    smtp = data.get("smtp")
    if not isinstance(smtp, dict):
        raise _Invalid("missing [smtp] table")
    lists = data.get("lists")
    if not isinstance(lists, list) or not lists or not all(isinstance(m, dict) for m in lists):
        raise _Invalid("missing [[lists]] (at least one list is needed)")
    parsed_lists = tuple(_parse_list(i, m) for i, m in enumerate(lists, 1))
    names = [m.name for m in parsed_lists]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise _Invalid(f"list name {duplicates[0]!r} is used more than once")
    return MailConfig(path=path, smtp=_parse_smtp(path, smtp), lists=parsed_lists)


def _parse_smtp(path: Path, table: dict[str, Any]) -> SmtpSettings:
    if "password" in table:
        raise _Invalid("[smtp] password must not be in the file; set the variable named by password_env")
    _no_unknown_keys(table, _SMTP_KEYS, "[smtp]")
    host = _string(table, "host", "[smtp]")
    if any(ch.isspace() or ch in "/@" for ch in host):
        raise _Invalid(f"[smtp] host {host!r} is not a host name")
    security = table.get("security", "starttls")
    if security not in SECURITY_MODES:
        raise _Invalid(f"[smtp] security must be one of {', '.join(SECURITY_MODES)}, not {security!r}")
    port = table.get("port", DEFAULT_PORTS[security])
    if not isinstance(port, int) or isinstance(port, bool) or not 0 < port < 65536:
        raise _Invalid(f"[smtp] port must be a number from 1 to 65535, not {port!r}")
    timeout = table.get("timeout", 30.0)
    if not isinstance(timeout, int | float) or isinstance(timeout, bool) or timeout <= 0:
        raise _Invalid(f"[smtp] timeout must be a positive number of seconds, not {timeout!r}")
    username = _string(table, "username", "[smtp]") if "username" in table else None
    password_env = _string(table, "password_env", "[smtp]") if "password_env" in table else None
    if username and not password_env:
        raise _Invalid("[smtp] username is set but password_env (the variable holding the password) is not")
    if username and security == "none":
        raise _Invalid(
            '[smtp] a login needs security = "starttls" or "ssl" (the password would travel in clear)'
        )
    ca_file = None
    if "ca_file" in table:
        ca_file = (path.parent / _string(table, "ca_file", "[smtp]")).resolve()
        if not ca_file.is_file():
            raise _Invalid(f"[smtp] ca_file {ca_file} not found")
    try:
        sender = parse_address(_string(table, "sender", "[smtp]"))
    except AddressError as exc:
        raise _Invalid(f"[smtp] sender: {exc}") from None
    return SmtpSettings(
        host=host,
        port=port,
        security=security,
        sender=sender,
        username=username,
        password_env=password_env,
        timeout=float(timeout),
        ca_file=ca_file,
    )


def _parse_list(number: int, table: dict[str, Any]) -> MailingList:
    where = f"[[lists]] #{number}"
    _no_unknown_keys(table, _LIST_KEYS, where)
    name = _string(table, "name", where)
    where = f"list {name!r}"
    recipients = table.get("recipients")
    if not isinstance(recipients, list) or not recipients:
        raise _Invalid(f"{where}: recipients must be a non-empty list of addresses")
    addresses: list[Address] = []
    for text in recipients:
        try:
            address = parse_address(text)
        except AddressError as exc:
            raise _Invalid(f"{where}: recipients: {exc}") from None
        if all(address.addr_spec.lower() != a.addr_spec.lower() for a in addresses):
            addresses.append(address)
    themes = table.get("themes", [FULL])
    if not isinstance(themes, list) or not themes:
        raise _Invalid(f'{where}: themes must be a non-empty list of theme ids or "full"')
    for theme in themes:
        if theme != FULL and theme not in THEMES:
            raise _Invalid(f'{where}: unknown theme {theme!r} (use "full" or one of {", ".join(THEMES)})')
    language = table.get("language", "zh+en")
    if language not in LANGUAGES:
        raise _Invalid(f"{where}: language must be one of {', '.join(LANGUAGES)}, not {language!r}")
    return MailingList(
        name=name, recipients=tuple(addresses), themes=tuple(dict.fromkeys(themes)), language=language
    )


def _string(table: dict[str, Any], key: str, where: str) -> str:
    value = table.get(key)
    if not isinstance(value, str) or not value.strip():
        raise _Invalid(f"{where} {key} must be a non-empty string")
    if any(ord(ch) < 32 for ch in value):
        raise _Invalid(f"{where} {key} contains a control character")
    return value.strip()


def _no_unknown_keys(table: dict[str, Any], allowed: set[str], where: str) -> None:
    unknown = sorted(set(table) - allowed)
    if unknown:
        raise _Invalid(f"{where}: unknown key {unknown[0]!r} (known: {', '.join(sorted(allowed))})")
