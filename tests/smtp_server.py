"""A real SMTP server for the mail tests: aiosmtpd on 127.0.0.1, with scripted misbehaviour.

Import the fixtures into a test module (`from smtp_server import smtp_server, tls_files`); pytest puts
tests/ on sys.path. Every server listens on 127.0.0.1 only and stops when its test ends.
"""

from __future__ import annotations

import datetime
import ipaddress
import json
import socket
import ssl
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from reportlab.pdfgen.canvas import Canvas

HOST = "127.0.0.1"


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list[str]
    data: bytes

    @property
    def message(self) -> EmailMessage:
        return message_from_bytes(self.data, policy=policy.default)  # type: ignore[return-value]


@dataclass
class Handler:
    """Accepts mail, except where told: refuse some recipients, answer DATA from a script, drop it."""

    refuse: dict[str, str] = field(default_factory=dict)  # recipient → reply, e.g. "550 5.1.1 No such user"
    data_replies: list[str] = field(default_factory=list)  # consumed one a DATA; "250 OK" once empty
    drops: int = 0  # how many DATA commands to answer by closing the connection
    received: list[Received] = field(default_factory=list)
    data_commands: int = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return self.refuse[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        self.data_commands += 1
        if self.drops:
            self.drops -= 1
            server.transport.close()
            return "421 (never seen: the connection is gone)"
        reply = self.data_replies.pop(0) if self.data_replies else "250 2.0.0 OK queued"
        if reply.startswith("250"):
            self.received.append(
                Received(envelope.mail_from, list(envelope.rcpt_tos), envelope.original_content)
            )
        return reply


@dataclass(frozen=True)
class TlsFiles:
    cert: Path
    key: Path

    def server_context(self) -> ssl.SSLContext:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(self.cert, self.key)
        return context


@pytest.fixture(scope="session")
def tls_files(tmp_path_factory: pytest.TempPathFactory) -> TlsFiles:
    """A self-signed certificate for 127.0.0.1 and localhost, made fresh for the test session."""
    folder = tmp_path_factory.mktemp("tls")
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName(
                [x509.DNSName("localhost"), x509.IPAddress(ipaddress.ip_address(HOST))]
            ),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    files = TlsFiles(folder / "cert.pem", folder / "key.pem")
    files.cert.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    files.key.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    return files


@dataclass
class Server:
    handler: Handler
    port: int
    logins: list[tuple[str, str]]  # (user, password) of every AUTH attempt


def password_checker(user: str, password: str, logins: list[tuple[str, str]]) -> Callable:
    def authenticator(server, session, envelope, mechanism, auth_data):
        if not isinstance(auth_data, LoginPassword):
            return AuthResult(success=False, handled=False)
        given = (auth_data.login.decode(), auth_data.password.decode())
        logins.append(given)
        return AuthResult(success=given == (user, password), handled=False)  # so aiosmtpd replies 535

    return authenticator


@pytest.fixture
def smtp_server() -> Iterator[Callable[..., Server]]:
    """Start servers with `smtp_server(handler, starttls=tls_files, implicit_tls=..., login=(u, p))`."""
    controllers: list[Controller] = []

    def start(
        handler: Handler | None = None,
        *,
        starttls: TlsFiles | None = None,
        implicit_tls: TlsFiles | None = None,
        login: tuple[str, str] | None = None,
    ) -> Server:
        handler = handler or Handler()
        logins: list[tuple[str, str]] = []
        options: dict = {}
        if starttls:
            options.update(tls_context=starttls.server_context(), require_starttls=True)
        if login:
            options.update(authenticator=password_checker(*login, logins), auth_required=True)
        controller = Controller(
            handler,
            hostname=HOST,
            port=free_port(),
            ssl_context=implicit_tls.server_context() if implicit_tls else None,
            auth_require_tls=bool(starttls or implicit_tls),
            **options,
        )
        controller.start()
        controllers.append(controller)
        return Server(handler, controller.port, logins)

    yield start
    for controller in controllers:
        controller.stop()


def free_port() -> int:
    """A port nothing listens on at this moment."""
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


# ---------------------------------------------------------------- what `briefing build` would have written

REPORT_TITLE = {
    "zh": "东城区2023年计划执行情况报告",
    "en": "Dongcheng District 2023 Plan Implementation Report",
}
SUMMARY = [
    {"zh": "地区生产总值增长5.2%。", "en": "GDP grew 5.2%.", "facts": ["rep#1"], "en_by": "template"},
    {
        "zh": "细颗粒物年均浓度下降至30微克。",
        "en": "PM2.5 fell to 30 micrograms.",
        "facts": ["rep#2"],
        "en_by": "template",
    },
]
ENVIRONMENT_SECTION = [
    {
        "zh": "新增绿地12公顷。",
        "en": "12 hectares of green space were added.",
        "facts": ["rep#3"],
        "en_by": "glossary",
    },
]
ECONOMY_BULLETS = [{"zh": "经济稳中向好。", "en": "The economy improved steadily."}]


def write_pdf(path: Path, text: str) -> bytes:
    """A small real PDF (ReportLab, invariant so bytes repeat) whose bytes the tests compare."""
    path.parent.mkdir(parents=True, exist_ok=True)
    canvas = Canvas(str(path), invariant=1)
    canvas.drawString(72, 720, text)
    canvas.save()
    return path.read_bytes()


def write_build(folder: Path) -> dict[str, bytes]:
    """One source (`rep`) with its full brief, one-pagers for environment and economy, and the manifest
    listing them (as pipeline.build writes it)."""
    (folder / "themes").mkdir(parents=True, exist_ok=True)
    brief = {
        "doc": "rep",
        "title": REPORT_TITLE,
        "issuer": {"zh": "东城区", "en": "Dongcheng District"},
        "date": "2024-01-15",
        "source": "rep.txt",
        "sections": [
            {
                "id": "summary",
                "kind": "summary",
                "title": {"zh": "摘要", "en": "Summary"},
                "sentences": SUMMARY,
            },
            {
                "id": "environment",
                "kind": "theme",
                "title": {"zh": "生态环境", "en": "Environment"},
                "sentences": ENVIRONMENT_SECTION,
            },
        ],
        "key_figures": [
            {
                "fact": "rep#1",
                "indicator": {"zh": "地区生产总值", "en": "GDP"},
                "value": {"zh": "3000亿元", "en": "CNY 300 billion"},
                "change": {"zh": "增长5.2%", "en": "up 5.2%"},
                "period": {"zh": "2023年", "en": "2023"},
                "theme": "economy",
                "citation": 1,
            },
        ],
        "citations": [],
    }
    (folder / "rep.brief.json").write_text(json.dumps(brief, ensure_ascii=False), encoding="utf-8")
    facts = [
        {"id": "rep#1", "theme": "economy"},
        {"id": "rep#2", "theme": "environment"},
        {"id": "rep#3", "theme": "environment"},
    ]
    (folder / "rep.facts.jsonl").write_text("\n".join(json.dumps(f) for f in facts) + "\n", encoding="utf-8")
    pdfs = {
        "rep": write_pdf(folder / "rep.pdf", "full brief"),
        "environment": write_pdf(folder / "themes" / "environment.pdf", "environment one-pager"),
        "economy": write_pdf(folder / "themes" / "economy.pdf", "economy one-pager"),
    }
    manifest = {
        "generated": "2024-01-16",
        "briefs": [
            {
                "doc": "rep",
                "source": "rep.txt",
                "pdf": "rep.pdf",
                "facts": "rep.facts.jsonl",
                "brief": "rep.brief.json",
            }
        ],
        "themes": [
            {
                "theme": "economy",
                "pdf": "themes/economy.pdf",
                "title": {"zh": "经济发展", "en": "Economy"},
                "bullets": ECONOMY_BULLETS,
            },
            {
                "theme": "environment",
                "pdf": "themes/environment.pdf",
                "title": {"zh": "生态环境", "en": "Environment"},
                "bullets": [],
            },
        ],
    }
    (folder / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    return pdfs


def write_config(path: Path, port: int, lists: str, *, smtp_extra: str = "", security: str = "none") -> Path:
    path.write_text(
        f"""[smtp]
host = "{HOST}"
port = {port}
security = "{security}"
sender = "Briefs 简报 <briefs@example.org>"
timeout = 5
{smtp_extra}

{lists}
""",
        encoding="utf-8",
    )
    return path
