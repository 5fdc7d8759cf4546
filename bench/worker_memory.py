"""The worker's memory over a long run: `python -m bench.worker_memory` (`--quick` for fewer).

Runs every worker step in this process (`run_once`, as `fairchase worker` does) on the demo
data plus plain leads with queued emails, sent to a local aiosmtpd server; no IMAP. Every
tenth pass makes every step due and its work stale (model older than the refit age,
Insights snapshots gone, plans out of date), so refit, replan and Insights recompute run
far more often than in a real day. Prints RSS at the start and every N passes; a flat
curve is the pass mark (no target: RSS depends on the machine). DATABASE_URL picks
PostgreSQL, else a throw-away SQLite file.
"""

from __future__ import annotations

import gc
import os
import socket
import sys
import tempfile
import time
from datetime import time as dtime
from datetime import timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from bench._django import smtp_sink_env

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def rss_mb() -> int:
    with open("/proc/self/status") as f:
        return next(int(line.split()[1]) // 1024 for line in f if line.startswith("VmRSS"))


class Sink:
    sent = 0

    async def handle_DATA(self, server, session, envelope):
        Sink.sent += 1
        return "250 OK"


def _setup(d: str, port: int) -> None:
    os.environ.update(smtp_sink_env(d, port))
    if not os.environ.get("DATABASE_URL"):
        os.environ["SQLITE_PATH"] = f"{d}/bench.sqlite3"
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0, interactive=False)


def _seed(open_leads: int, plain: int) -> list[tuple[int, str, int]]:
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.utils import timezone

    from fairchase.leads.models import BusinessSettings, Lead

    call_command("demo", open=open_leads, history=open_leads // 4, verbosity=0)
    zone = next(
        z
        for z in ("UTC", "Pacific/Kiritimati", "Pacific/Pago_Pago")
        if timezone.now().astimezone(ZoneInfo(z)).weekday() != 6
    )
    BusinessSettings.objects.filter(pk=BusinessSettings.current().pk).update(
        contact_start=dtime(0), contact_end=dtime(23, 59, 59), business_timezone=zone
    )
    owner = get_user_model().objects.order_by("pk").first()
    Lead.objects.bulk_create(
        [Lead(name=f"Plain {i}", email=f"plain{i}@example.com", owner=owner) for i in range(plain)]
    )
    return list(
        Lead.objects.filter(name__startswith="Plain ").values_list("pk", "email", "owner_id")
    )


def _pass(i: int, leads, per_pass: int) -> None:
    from django.utils import timezone

    from fairchase.insights.models import InsightsSnapshot
    from fairchase.leads.models import FittedModel, Lead
    from fairchase.leads.worker import STEPS, run_once
    from fairchase.outreach.models import OutboundMessage
    from fairchase.outreach.outbox import new_message_id

    now = timezone.now()
    start = (i * per_pass) % len(leads)
    OutboundMessage.objects.bulk_create(
        [
            OutboundMessage(lead_id=pk, channel="email", to=to, subject="Hello", due_at=now,
                            body="Hello,\n\nA short note.\n", queued_by_id=owner,
                            message_id=new_message_id())
            for pk, to, owner in leads[start : start + per_pass]
        ]
    )  # fmt: skip
    if i % 10 == 0:
        for step in STEPS.values():
            step.last = float("-inf")
        FittedModel.objects.update(created_at=now - timedelta(days=30))
        InsightsSnapshot.objects.all().delete()
        Lead.objects.filter(pk__in=[pk for pk, _, _ in leads[:200]]).update(planned_at=None)
    run_once()


def main(argv=None) -> int:
    from aiosmtpd.controller import Controller

    argv = sys.argv[1:] if argv is None else argv
    passes, every = (100, 20) if "--quick" in argv else (400, 40)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    controller = Controller(Sink(), hostname="127.0.0.1", port=port)
    controller.start()
    d = tempfile.mkdtemp(prefix="fairchase-bench-")
    _setup(d, port)
    leads = _seed(open_leads=2000, plain=3000)
    print(f"{'pass':>6}{'RSS MB':>8}{'sent':>7}{'seconds':>9}", flush=True)
    t0, seen = time.perf_counter(), []
    for i in range(1, passes + 1):
        _pass(i, leads, per_pass=10)
        if i == 1 or i % every == 0:
            gc.collect()
            seen.append((i, rss_mb()))
            print(
                f"{i:>6}{seen[-1][1]:>8}{Sink.sent:>7}{time.perf_counter() - t0:>9.0f}", flush=True
            )
    controller.stop()
    (a, start), (b, end) = seen[1], seen[-1]  # from the first report after pass 1's refit
    print(
        f"RSS {start} -> {end} MB from pass {a} to {b}: {100 * (end - start) / (b - a):+.1f} MB per 100 passes"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
