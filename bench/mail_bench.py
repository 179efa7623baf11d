"""Mail throughput and memory: 200 recipients, one 300 KB attachment, a local aiosmtpd server.

    .venv/bin/python bench/mail_bench.py [--recipients 200] [--attachment-kb 300]

The server runs in its own process (aiosmtpd's Sink handler, which discards mail) so that the numbers are
the sender's alone. Each mode runs twice: once for time and max RSS, once under tracemalloc for the peak
of Python allocations (tracemalloc slows allocation down, so its run is not timed).
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import socket
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from briefing.mail import load_mail_config, send_briefs
from briefing.mail.log import LOG_NAME


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--recipients", type=int, default=200)
    parser.add_argument("--attachment-kb", type=int, default=300)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        out = folder / "out"
        write_outputs(out, args.attachment_kb * 1024)
        port = free_port()
        server = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "aiosmtpd",
                "-n",
                "-l",
                f"127.0.0.1:{port}",
                "-c",
                "aiosmtpd.handlers.Sink",
            ],
        )
        try:
            wait_for(port)
            config = load_mail_config(write_config(folder / "mail.toml", port, args.recipients))
            rows = [
                measure("smtp", config, out, dry_run=False),
                measure("dry-run (.eml)", config, out, dry_run=True),
            ]
        finally:
            server.terminate()
            server.wait()
    print(f"{args.recipients} recipients, attachment {args.attachment_kb} KB")
    print(f"{'mode':<16}{'messages':>10}{'seconds':>10}{'msg/s':>10}{'peak traced MB':>16}{'max RSS MB':>12}")
    for mode, count, seconds, traced, rss in rows:
        print(f"{mode:<16}{count:>10}{seconds:>10.2f}{count / seconds:>10.1f}{traced:>16.1f}{rss:>12.1f}")


def measure(mode: str, config, out: Path, *, dry_run: bool) -> tuple[str, int, float, float, float]:
    (out / LOG_NAME).unlink(missing_ok=True)
    start = time.perf_counter()
    report = send_briefs(config, out, dry_run=dry_run)
    seconds = time.perf_counter() - start
    assert not report.failures, report.failures[:3]
    count = len(report.outbox if dry_run else report.sent)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KB on Linux
    (out / LOG_NAME).unlink(missing_ok=True)
    tracemalloc.start()
    send_briefs(config, out, dry_run=dry_run)
    traced = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return mode, count, seconds, traced, rss


def write_outputs(out: Path, size: int) -> None:
    """A theme one-pager of `size` bytes (incompressible, like a PDF with images) and its JSON."""
    (out / "themes").mkdir(parents=True)
    (out / "themes" / "environment.pdf").write_bytes(b"%PDF-1.4\n" + random.Random(0).randbytes(size - 9))
    theme = {
        "theme": "environment",
        "title": {"zh": "生态环境", "en": "Environment"},
        "bullets": [{"zh": "细颗粒物年均浓度下降至30微克。", "en": "PM2.5 fell to 30 micrograms."}] * 5,
        "kpis": [],
    }
    (out / "themes" / "environment.json").write_text(json.dumps(theme, ensure_ascii=False), encoding="utf-8")


def write_config(path: Path, port: int, recipients: int) -> Path:
    addresses = ", ".join(f'"reader{n}@example.org"' for n in range(recipients))
    path.write_text(
        f"""[smtp]
host = "127.0.0.1"
port = {port}
security = "none"
sender = "Briefs <briefs@example.org>"

[[lists]]
name = "bench"
recipients = [{addresses}]
themes = ["environment"]
""",
        encoding="utf-8",
    )
    return path


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(port: int, seconds: float = 10.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return
        except OSError:
            time.sleep(0.05)
    raise SystemExit(f"aiosmtpd did not start on port {port}")


if __name__ == "__main__":
    main()
