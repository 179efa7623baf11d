"""SMTP delivery: one connection reused for every message, bounded retries for what may pass later.

Failures fall in three kinds, because each needs a different reaction:
- transient (a 4xx reply, a dropped connection, a timeout): wait and retry, a bounded number of times;
- permanent for one message (a 5xx reply to MAIL, RCPT or DATA): record it and go on with the others;
- fatal for the whole run (untrusted certificate, refused login, no STARTTLS, or no connection at all
  after every retry): stop, because every remaining message would fail the same way.
Only the configured host is ever contacted.
"""

from __future__ import annotations

import smtplib
import ssl
import time
from collections.abc import Callable
from dataclasses import dataclass
from types import TracebackType

from briefing.mail.config import SmtpSettings


@dataclass(frozen=True)
class RetryPolicy:
    """Seconds to wait before each retry; the number of delays bounds the retries."""

    delays: tuple[float, ...] = (2.0, 10.0, 30.0)


@dataclass(frozen=True)
class Result:
    accepted: bool
    reply: str  # the server's last reply, or what went wrong, on one line
    attempts: int


class DeliveryAborted(Exception):
    """No message can get through (see module docstring); the text says why, on one line."""


class _Transient(Exception):
    pass


class _Permanent(Exception):
    pass


class SmtpDelivery:
    """Context manager around one (re)usable SMTP connection to the configured server."""

    def __init__(
        self,
        settings: SmtpSettings,
        password: str | None,
        *,
        retry: RetryPolicy | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self._settings = settings
        self._password = password
        self._retry = retry or RetryPolicy()
        self._sleep = sleep
        self._smtp: smtplib.SMTP | None = None

    def deliver(self, sender: str, recipient: str, data: bytes) -> Result:
        """Send one message to one recipient; raises DeliveryAborted when nothing can get through."""
        reason = ""
        reached_server = False
        for attempt, delay in enumerate((0.0, *self._retry.delays), 1):
            if attempt > 1:
                self._sleep(delay)
            try:
                self._connection()
                reached_server = True
                return Result(True, self._send(sender, recipient, data), attempt)
            except _Permanent as exc:
                return Result(False, str(exc), attempt)
            except _Transient as exc:
                reason = str(exc)
        if not reached_server:
            raise DeliveryAborted(f"cannot reach {self._where}: {reason}")
        return Result(False, f"{reason} (gave up after {attempt} attempts)", attempt)

    def close(self) -> None:
        if self._smtp is not None:
            try:
                self._smtp.quit()
            except OSError:
                self._smtp.close()
            self._smtp = None

    def __enter__(self) -> SmtpDelivery:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.close()

    @property
    def _where(self) -> str:
        return f"{self._settings.host}:{self._settings.port}"

    def _connection(self) -> smtplib.SMTP:
        """The open connection, or a new one."""
        if self._smtp is not None:
            return self._smtp
        settings = self._settings
        smtp: smtplib.SMTP | None = None
        try:
            if settings.security == "ssl":
                smtp = smtplib.SMTP_SSL(
                    settings.host, settings.port, timeout=settings.timeout, context=self._tls_context()
                )
            else:
                smtp = smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout)
            smtp.ehlo()
            if settings.security == "starttls":
                smtp.starttls(context=self._tls_context())
                smtp.ehlo()
            if settings.username:
                smtp.login(settings.username, self._password or "")
        except OSError as exc:  # smtplib's errors are OSErrors too
            if smtp is not None:
                smtp.close()
            raise self._classify(exc, stage="connect") from None
        self._smtp = smtp
        return smtp

    def _send(self, sender: str, recipient: str, data: bytes) -> str:
        """MAIL, RCPT, DATA by hand rather than sendmail(), to keep the server's final reply for the log."""
        smtp = self._connection()
        try:
            code, text = smtp.mail(sender)
            if code == 250:
                code, text = smtp.rcpt(recipient)
            if code in (250, 251):
                code, text = smtp.data(data)  # raises unless the server says 354 to DATA
            if code != 250:
                raise smtplib.SMTPResponseException(code, text)
            return _reply(code, text)
        except smtplib.SMTPResponseException as exc:
            if exc.smtp_code == 421:  # the server is closing the connection
                self._drop()
            else:
                self._reset()
            raise self._classify(exc, stage="send") from None
        except OSError as exc:
            self._drop()
            raise self._classify(exc, stage="send") from None

    def _classify(self, exc: OSError, *, stage: str) -> Exception:
        """Transient, permanent for this message, or fatal for the run (see module docstring)."""
        if isinstance(exc, ssl.SSLCertVerificationError):
            return DeliveryAborted(f"{self._where}: TLS certificate not trusted ({exc.verify_message})")
        if isinstance(exc, smtplib.SMTPNotSupportedError):
            return DeliveryAborted(f"{self._where}: {exc}")
        if isinstance(exc, smtplib.SMTPResponseException):
            reason = _reply(exc.smtp_code, exc.smtp_error)
            if 400 <= exc.smtp_code < 500:
                return _Transient(reason)
            return DeliveryAborted(f"{self._where}: {reason}") if stage == "connect" else _Permanent(reason)
        return _Transient(f"connection lost ({exc or type(exc).__name__})")

    def _tls_context(self) -> ssl.SSLContext:
        context = ssl.create_default_context()
        if self._settings.ca_file:
            context.load_verify_locations(self._settings.ca_file)
        return context

    def _reset(self) -> None:
        """End the failed transaction so the connection can carry the next message."""
        if self._smtp is None:
            return  # no connection, no transaction to end
        try:
            self._smtp.rset()
        except OSError:
            self._drop()

    def _drop(self) -> None:
        if self._smtp is not None:
            self._smtp.close()
            self._smtp = None


def _reply(code: int, text: bytes | str) -> str:
    """The server's reply on one line, as the log and the failure lines show it."""
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    return " ".join(f"{code} {text}".split())
