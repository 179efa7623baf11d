"""MIME messages: one mailing per list (subject, bodies, attachments), one message per recipient.

Everything a list's recipients share is built once in `Mailing`; only To, Message-ID and Date differ per
recipient, so two hundred recipients cost two hundred header blocks, not two hundred encodings of the
attachments. The digest over subject and attachments names the content in the delivery log and in the
Message-ID, so a re-run recognises what was already accepted.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime
from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from briefing.mail.config import FULL, MailingList
from briefing.mail.headers import header_text
from briefing.mail.outputs import BuildOutputs, Part
from briefing.model import Bilingual

SUBJECT_TITLES = 2  # titles named in a subject before "等N份 / and N more"
SUBJECT_TITLE_CHARS = 60


class MessageError(ValueError):
    """A list's message cannot be made: an unreadable PDF."""


@dataclass(frozen=True)
class Attachment:
    filename: str
    data: bytes


@dataclass(frozen=True)
class Mailing:
    """What every recipient of one list receives."""

    list_name: str
    subject: str
    body: bytes  # the MIME body with its content headers and From/Subject, shared by all recipients
    digest: str  # sha256 over subject and attachments: the content's name in the delivery log
    sender_domain: str  # right-hand side of the Message-IDs

    def message_bytes(self, recipient: Address, date: datetime) -> bytes:
        """The whole message for one recipient: its own header block, then the shared part."""
        header = EmailMessage(policy=SMTP)
        header["To"] = recipient
        header["Message-ID"] = self.message_id(recipient)
        header["Date"] = format_datetime(date)
        return header.as_bytes().removesuffix(b"\r\n") + self.body

    def message_id(self, recipient: Address) -> str:
        """Deterministic, so the same content to the same person always carries the same id."""
        person = hashlib.sha256(recipient.addr_spec.lower().encode()).hexdigest()[:16]
        return f"<{self.digest[:32]}.{person}@{self.sender_domain}>"


def plan_mailing(
    mailing_list: MailingList, outputs: BuildOutputs, sender: Address
) -> tuple[Mailing | None, list[str]]:
    """The mailing of a list, or None when build wrote none of what it asks for; plus notes on gaps.

    Raises MessageError when a PDF cannot be read.
    """
    parts: list[Part] = []
    notes: list[str] = []
    for theme in mailing_list.themes:
        if theme == FULL:
            found = outputs.full_parts()
            if not found:
                notes.append(f"list {mailing_list.name!r}: no full brief (<doc>.pdf) in {outputs.folder}")
            parts.extend(found)
            continue
        part = outputs.theme_part(theme)
        if part is None:
            notes.append(f"list {mailing_list.name!r}: no one-pager themes/{theme}.pdf in {outputs.folder}")
        else:
            parts.append(part)
    if not parts:
        return None, notes
    _unique_filenames(parts)
    subject = _subject(parts)
    try:
        attachments = [Attachment(p.filename, p.pdf.read_bytes()) for p in parts]
    except OSError as exc:
        raise MessageError(f"cannot read {exc.filename} ({exc.strerror})") from None
    digest = _digest(subject, attachments)
    body = _render_body(parts, subject, mailing_list.language, sender, attachments, digest)
    return Mailing(mailing_list.name, subject, body, digest, sender.domain), notes


def _subject(parts: list[Part]) -> str:
    """简报：A、B等3份 | Brief: A; B and 1 more — bilingual whatever the body language, so that a
    forwarded message still tells every reader what it holds. Titles are put on one line first: a line
    or paragraph separator in a document's title would otherwise stop the whole mailing."""
    names = [p.title for p in parts[:SUBJECT_TITLES]]
    rest = len(parts) - len(names)
    zh = "简报：" + "、".join(_shorten(n.zh) for n in names) + (f"等{len(parts)}份" if rest else "")
    en = "Brief: " + "; ".join(_shorten(n.en) for n in names) + (f" and {rest} more" if rest else "")
    return f"{zh} | {en}"


def _shorten(title: str) -> str:
    title = header_text(title)
    return title if len(title) <= SUBJECT_TITLE_CHARS else title[: SUBJECT_TITLE_CHARS - 1] + "…"


def _unique_filenames(parts: list[Part]) -> None:
    """Two sources with the same title must not reach the reader as two files of the same name."""
    seen: set[str] = set()
    for part in parts:
        if part.filename in seen:
            part.filename = f"{part.filename.removesuffix('.pdf')} ({part.pdf.stem}).pdf"
        seen.add(part.filename)


def _digest(subject: str, attachments: list[Attachment]) -> str:
    digest = hashlib.sha256(subject.encode("utf-8"))
    for attachment in attachments:
        digest.update(b"\0" + attachment.filename.encode("utf-8") + b"\0")
        digest.update(hashlib.sha256(attachment.data).digest())
    return digest.hexdigest()


def _render_body(
    parts: list[Part],
    subject: str,
    language: str,
    sender: Address,
    attachments: list[Attachment],
    digest: str,
) -> bytes:
    """The shared part of the message; boundaries come from the digest so output is deterministic.

    "=_" never occurs in base64 or quoted-printable text (both bodies are sent quoted-printable), so such
    a boundary cannot collide with the content of a part.
    """
    languages = ("zh", "en") if language == "zh+en" else (language,)

    def each(text: Bilingual) -> list[str]:
        lines = [getattr(text, lang) for lang in languages]
        return lines[:1] if len(set(lines)) == 1 else lines

    def say(text: Bilingual | str, en: str | None = None) -> str:
        return " / ".join(each(Bilingual(text, en or text) if isinstance(text, str) else text))

    context = {"parts": parts, "say": say, "each": each, "subject": subject, "html_lang": languages[0]}
    message = EmailMessage(policy=SMTP)
    message["From"] = sender
    message["Subject"] = subject
    message["Content-Language"] = ", ".join(languages)
    text, html = (_templates().get_template(f"body.{kind}.j2").render(context) for kind in ("txt", "html"))
    message.set_content(text, cte="quoted-printable")
    message.add_alternative(html, subtype="html", cte="quoted-printable")
    for attachment in attachments:
        message.add_attachment(
            attachment.data, maintype="application", subtype="pdf", filename=attachment.filename
        )
    message.set_boundary(f"=_mixed_{digest[:24]}")
    next(message.iter_parts()).set_boundary(f"=_alternative_{digest[:24]}")
    return message.as_bytes()


@cache
def _templates() -> Environment:
    return Environment(
        loader=FileSystemLoader(Path(__file__).parent / "templates"),
        autoescape=select_autoescape(["html.j2"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
