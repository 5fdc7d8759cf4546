"""Benchmark: the Insights page for a business with 50,000 finished leads.

Builds a throwaway SQLite file database (SQLITE_PATH is set before Django starts),
migrates it, bulk-creates the history, fits the model the way the worker does, then
times the page: the first render after a refit (aggregates, model summary and the model's
stop points), cold (snapshot cleared: every aggregate recomputed; stop points are memoised
per model) and warm (the stored snapshot reused), as medians. The what-if part (the
backtest, which refits the model once per fold) is loaded by the page after itself and kept
warm by the worker; with INSIGHTS_BENCH_WHATIF=1 it is timed too (minutes at 50,000 leads).

Run: python -m bench insights_speed   (or: python bench/insights_speed.py)
Environment: INSIGHTS_BENCH_LEADS (default 50000), INSIGHTS_BENCH_WHATIF (default 0).
"""

from __future__ import annotations

import os
import statistics
import time
from pathlib import Path

from bench._django import setup_temp_db

TARGET = 1.0  # seconds


def _timed(fn, repeat: int = 1) -> list[float]:
    out = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t)
    return out


def main() -> None:
    n = int(os.environ.get("INSIGHTS_BENCH_LEADS", "50000"))
    with_whatif = os.environ.get("INSIGHTS_BENCH_WHATIF", "0") == "1"
    db_path = setup_temp_db("fairchase-insights-bench-")
    try:
        from django.contrib.auth import get_user_model
        from django.core.cache import cache
        from django.test import Client

        from fairchase.insights.models import InsightsSnapshot
        from fairchase.insights.synthetic import write_history
        from fairchase.leads import planning
        from fairchase.leads.models import FINISHED_STATUSES, Lead, Profile

        User = get_user_model()
        boss = User.objects.create_user("boss", "boss@example.com", "x")
        Profile.objects.update_or_create(user=boss, defaults={"role": "admin"})
        team = [boss] + [
            User.objects.create_user(f"sales{i}", f"s{i}@example.com", "x") for i in range(5)
        ]
        steps = []
        t = time.perf_counter()
        attempts = write_history(n, team, seed=2026)
        steps.append(("load history", time.perf_counter() - t))
        finished = Lead.objects.filter(status__in=FINISHED_STATUSES).count()
        t = time.perf_counter()
        planning.refit()
        steps.append(("fit model (worker)", time.perf_counter() - t))

        client = Client()
        client.force_login(boss)

        def page():
            response = client.get("/insights/")
            assert (
                response.status_code == 200 and b'data-chart="reply-overview"' in response.content
            )

        def cold():
            InsightsSnapshot.objects.all().delete()
            cache.clear()
            page()

        client.get("/")  # imports and template compilation of the app itself
        rows = [
            ("page, first after refit", _timed(page)[0]),
            ("page, cold (snapshot cleared)", statistics.median(_timed(cold, 3))),
            ("page, warm (snapshot reused)", statistics.median(_timed(page, 7))),
        ]
        if with_whatif:
            InsightsSnapshot.objects.all().delete()
            cache.clear()
            page()
            rows.append(
                (
                    "what-if fragment, cold (backtest)",
                    _timed(lambda: client.get("/insights/whatif/"))[0],
                )
            )
            rows.append(
                (
                    "what-if fragment, warm",
                    statistics.median(_timed(lambda: client.get("/insights/whatif/"), 5)),
                )
            )
            rows.append(("page incl. cached what-if, warm", statistics.median(_timed(page, 5))))

    finally:
        for suffix in ("", "-wal", "-shm"):
            Path(db_path + suffix).unlink(missing_ok=True)
    load = os.getloadavg()[0]
    print(
        f"Insights speed: {finished:,} finished leads ({n:,} leads, {attempts:,} attempts), SQLite file DB; "
        f"load average {load:.1f} on {os.cpu_count()} CPUs"
    )
    for label, seconds in steps:
        print(f"  setup: {label:<28} {seconds:8.2f} s")
    print(f"{'measurement':<36} {'median s':>9} {'/ 1 s target':>13}  verdict")
    for label, seconds in rows:
        verdict = (
            "ok"
            if seconds < TARGET
            else "over: the worker precomputes it"
            if "warm" not in label
            else "over"
        )
        print(f"{label:<36} {seconds:9.3f} {seconds / TARGET:12.2f}x  {verdict}")


if __name__ == "__main__":
    main()
