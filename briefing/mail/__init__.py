"""Mail stage: email what `briefing build` wrote, one message per recipient, never twice.

config = load_mail_config(Path("mail.toml"))            # MailConfigError → exit 2
report = send_briefs(config, Path("out"), dry_run=True)  # .eml files in out/outbox/
report.failures                                          # one line per recipient → exit 1
"""

from briefing.mail.config import (
    MailConfig,
    MailConfigError,
    MailError,
    MailingList,
    SmtpSettings,
    load_mail_config,
)
from briefing.mail.delivery import RetryPolicy
from briefing.mail.send import Progress, SendReport, send_briefs

__all__ = [
    "MailConfig",
    "MailConfigError",
    "MailError",
    "MailingList",
    "Progress",
    "RetryPolicy",
    "SendReport",
    "SmtpSettings",
    "load_mail_config",
    "send_briefs",
]
