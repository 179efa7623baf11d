"""`briefing send`: every list's mailing to each of its recipients, once.

Everything that can be checked is checked before the first connection: the configuration (on load), the
build folder, the password variable and every subject. Then the messages go out one by one over a single
connection, each acceptance committed to the delivery log before the next message, so a re-run after a
crash or a partial failure sends exactly what is missing.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.headerregistry import Address
from pathlib import Path

from briefing.atomic import folder_problem, write_bytes
from briefing.mail.compose import Mailing, MessageError, plan_mailing
from briefing.mail.config import MailConfig, MailConfigError, MailError
from briefing.mail.delivery import DeliveryAborted, RetryPolicy, SmtpDelivery
from briefing.mail.log import ACCEPTED, FAILED, DeliveryLog
from briefing.mail.outputs import read_outputs

OUTBOX = "outbox"


@dataclass(frozen=True)
class Progress:
    """One recipient done: status is sent, skipped (accepted before), failed, or written (dry run)."""

    list_name: str
    recipient: str
    status: str
    detail: str = ""


@dataclass
class SendReport:
    sent: list[str] = field(default_factory=list)  # recipients whose message the server accepted now
    skipped: list[str] = field(default_factory=list)  # accepted by an earlier run: not sent again
    failures: list[str] = field(default_factory=list)  # one line each: recipient (list): reason
    outbox: list[Path] = field(default_factory=list)  # .eml files of a dry run
    notes: list[str] = field(default_factory=list)  # gaps that cost no delivery (a theme with no PDF)


@dataclass(frozen=True)
class _Job:
    mailing: Mailing
    recipient: Address


def send_briefs(
    config: MailConfig,
    out_dir: Path,
    *,
    list_name: str | None = None,
    dry_run: bool = False,
    on_progress: Callable[[Progress], None] | None = None,
    retry: RetryPolicy | None = None,
    sleep: Callable[[float], None] = time.sleep,
    now: Callable[[], datetime] = lambda: datetime.now(UTC),
) -> SendReport:
    """Mail what `briefing build` wrote to `out_dir`; raises MailError (exit 2) before sending anything.

    `retry` and `sleep` set the back-off between retries of transient failures (tests pass a no-op sleep).
    """
    out_dir = Path(out_dir)
    if not out_dir.is_dir():
        raise MailError(f"{out_dir}: not a folder")
    lists = config.selected_lists(list_name)
    outputs = read_outputs(out_dir)
    if outputs.empty:
        raise MailError(f"{out_dir}: no briefs to send (the last build into this folder wrote none)")
    problem = folder_problem(out_dir / OUTBOX) if dry_run else None
    if problem:
        raise MailError(problem)
    report = SendReport()
    progress = on_progress or (lambda event: None)
    fail = _failer(report, progress)
    jobs: dict[tuple[str, str], _Job] = {}  # one message per content and person, even across lists
    for mailing_list in lists:
        try:
            mailing, notes = plan_mailing(mailing_list, outputs, config.smtp.sender)
        except Exception as exc:  # one list's trouble (an unreadable PDF, a bug) never stops the others
            reason = exc if isinstance(exc, MessageError) else f"{type(exc).__name__}: {exc}"
            for recipient in mailing_list.recipients:
                fail(mailing_list.name, recipient.addr_spec, f"not sent: {reason}")
            continue
        report.notes.extend(notes)
        if mailing is None:
            report.notes.append(f"list {mailing_list.name!r}: nothing to send")
            continue
        for recipient in mailing_list.recipients:
            jobs.setdefault((mailing.digest, recipient.addr_spec.lower()), _Job(mailing, recipient))
    report.notes[:0] = outputs.notes
    with DeliveryLog(out_dir, read_only=dry_run) as log:
        pending = []
        for job in jobs.values():
            if log.accepted(job.mailing.digest, job.recipient.addr_spec):
                report.skipped.append(job.recipient.addr_spec)
                progress(Progress(job.mailing.list_name, job.recipient.addr_spec, "skipped"))
            else:
                pending.append(job)
        if dry_run:
            _write_outbox(pending, out_dir / OUTBOX, now(), report, progress, fail)
        elif pending:
            _deliver(config, pending, log, report, progress, fail, retry=retry, sleep=sleep, now=now)
    return report


def _deliver(
    config: MailConfig,
    jobs: list[_Job],
    log: DeliveryLog,
    report: SendReport,
    progress: Callable[[Progress], None],
    fail: Callable[[str, str, str], None],
    *,
    retry: RetryPolicy | None,
    sleep: Callable[[float], None],
    now: Callable[[], datetime],
) -> None:
    settings = config.smtp
    with SmtpDelivery(settings, _password(config), retry=retry, sleep=sleep) as smtp:
        for number, job in enumerate(jobs):
            recipient, mailing = job.recipient, job.mailing
            try:
                data = mailing.message_bytes(recipient, now())
                result = smtp.deliver(settings.sender.addr_spec, recipient.addr_spec, data)
            except DeliveryAborted as exc:
                for rest in jobs[number:]:
                    fail(rest.mailing.list_name, rest.recipient.addr_spec, f"not sent: {exc}")
                return
            log.record(
                mailing.digest,
                recipient.addr_spec,
                status=ACCEPTED if result.accepted else FAILED,
                reply=result.reply,
                list_name=mailing.list_name,
                subject=mailing.subject,
                message_id=mailing.message_id(recipient),
                attempts=result.attempts,
            )
            if result.accepted:
                report.sent.append(recipient.addr_spec)
                progress(Progress(mailing.list_name, recipient.addr_spec, "sent", result.reply))
            else:
                fail(mailing.list_name, recipient.addr_spec, f"refused: {result.reply}")


def _password(config: MailConfig) -> str | None:
    """The password from the environment; a login without one is a configuration error, found early."""
    settings = config.smtp
    if not settings.username:
        return None
    password = os.environ.get(settings.password_env or "")
    if not password:
        raise MailConfigError(
            f"{config.path}: [smtp] username is set but the environment variable "
            f"{settings.password_env} (password_env) is empty or unset"
        )
    return password


def _write_outbox(
    jobs: list[_Job],
    outbox: Path,
    date: datetime,
    report: SendReport,
    progress: Callable[[Progress], None],
    fail: Callable[[str, str, str], None],
) -> None:
    for job in jobs:
        name = _SAFE_NAME.sub("_", f"{job.mailing.list_name}-{job.recipient.addr_spec}")
        path = outbox / f"{name}-{job.mailing.digest[:8]}.eml"
        try:
            write_bytes(path, job.mailing.message_bytes(job.recipient, date))
        except OSError as exc:  # a full disk: this message is not written, the next may be
            fail(job.mailing.list_name, job.recipient.addr_spec, f"not written: {exc.strerror or exc}")
            continue
        report.outbox.append(path)
        progress(Progress(job.mailing.list_name, job.recipient.addr_spec, "written", str(path)))


_SAFE_NAME = re.compile(r"[^\w.@+-]+")


def _failer(report: SendReport, progress: Callable[[Progress], None]) -> Callable[[str, str, str], None]:
    """Record a failure as the one line the CLI prints, and tell the progress display."""

    def fail(list_name: str, who: str, why: str) -> None:
        report.failures.append(f"{who} (list {list_name}): {why}")
        progress(Progress(list_name, who, "failed", why))

    return fail
