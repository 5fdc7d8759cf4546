"""Outbox throughput: `python -m bench.outreach_throughput` (`--quick` for fewer messages).

Real `fairchase send_outbox` worker processes on a fresh SQLite file send queued
emails to a local aiosmtpd server in this process. Messages per second are counted
at the SMTP server, from the first message accepted to the last, so the workers'
start-up is not charged to the outbox. Target (issue 4): at least 50 messages/s on
SQLite with 2 cores. Each message is claimed, re-checked under the lead's lock,
sent over SMTP, marked sent, and logged as an attempt; plans are recomputed per batch.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from bench._django import smtp_sink_env

ROOT = Path(__file__).resolve().parent.parent
FAIRCHASE = (
    str(ROOT / ".venv" / "bin" / "fairchase")
    if (ROOT / ".venv" / "bin" / "fairchase").exists()
    else "fairchase"
)
TARGET = 50.0


class Counter:
    def __init__(self) -> None:
        self.times: list[float] = []
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.times.append(time.perf_counter())
        return "250 OK"


def _seed(env: dict, n: int) -> None:
    code = f"""
import django, os
django.setup()
from django.contrib.auth import get_user_model
from datetime import time
from zoneinfo import ZoneInfo
from django.utils import timezone
from fairchase.leads.models import BusinessSettings, Lead
from fairchase.outreach.models import OutboundMessage
from fairchase.outreach.outbox import new_message_id
owner = get_user_model().objects.create_user("bench", "bench@example.com")
# Every send is rechecked against contact hours: open them all day, in a zone where it is
# not Sunday now, so the benchmark measures sending whatever the hour it runs.
zone = next(z for z in ("UTC", "Pacific/Kiritimati", "Pacific/Pago_Pago")
            if timezone.now().astimezone(ZoneInfo(z)).weekday() != 6)
BusinessSettings.objects.filter(pk=BusinessSettings.current().pk).update(
    contact_start=time(0, 0), contact_end=time(23, 59, 59), business_timezone=zone)
leads = Lead.objects.bulk_create([Lead(name=f"Person {{i}}", email=f"p{{i}}@example.com", owner=owner) for i in range({n})])
now = timezone.now()
OutboundMessage.objects.bulk_create([OutboundMessage(lead=l, channel="email", to=l.email, subject="Hello",
    body="Hello,\\n\\nA short note.\\n", due_at=now, queued_by=owner, message_id=new_message_id()) for l in leads])
"""
    subprocess.run([sys.executable, "-c", code], env=env, cwd=ROOT, check=True)


def run(n: int, workers: int) -> dict:
    from aiosmtpd.controller import Controller

    counter = Counter()
    with tempfile.TemporaryDirectory() as d:
        import socket

        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        controller = Controller(counter, hostname="127.0.0.1", port=port)
        controller.start()
        env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
        env.update(smtp_sink_env(d, port), SQLITE_PATH=f"{d}/bench.sqlite3", PYTHONPATH=str(ROOT))
        subprocess.run([FAIRCHASE, "migrate", "--noinput", "-v0"], env=env, cwd=ROOT, check=True)
        _seed(env, n)
        import resource

        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        procs = [
            subprocess.Popen(
                [FAIRCHASE, "send_outbox", "--until-empty"],
                env=env,
                cwd=ROOT,
                stdout=subprocess.DEVNULL,
            )
            for _ in range(workers)
        ]
        for p in procs:
            p.wait()
        wall = time.perf_counter() - t0
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        controller.stop()
    times = sorted(counter.times)
    span = (times[-1] - times[0]) if len(times) > 1 else float("nan")
    return {
        "sent": len(times),
        "span": span,
        "wall": wall,
        "cpu": cpu,
        "rate": (len(times) - 1) / span if len(times) > 1 else 0.0,
    }


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    n = 300 if "--quick" in argv else 1000
    print(
        f"{'outbox on SQLite':<14}{'messages':>9}{'seconds':>9}{'msg/s':>8}{'target':>8}{'ratio':>7}"
        f"{'wall s':>8}{'worker CPU ms/msg':>19}"
    )
    ok = True
    for workers in (1, 3):
        res = run(n, workers)
        ratio = res["rate"] / TARGET
        ok &= res["sent"] == n and (workers != 1 or ratio >= 1.0)
        label = f"{workers} worker{'s' if workers > 1 else ''}"
        print(
            f"{label:<14}{res['sent']:>9}{res['span']:>9.2f}{res['rate']:>8.1f}{TARGET:>8.0f}{ratio:>7.2f}"
            f"{res['wall']:>8.1f}{1000 * res['cpu'] / max(1, res['sent']):>19.1f}"
        )
    print(
        "ratio = measured / target (>= 1 passes); seconds = first to last message at the SMTP server;"
    )
    print(
        f"worker CPU includes each worker's start-up. {os.cpu_count()} cores, load average now "
        f"{os.getloadavg()[0]:.1f} (a busy machine slows msg/s; CPU ms per message is what the outbox costs)."
    )
    print("target met" if ok else "TARGET MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
