"""Load benchmark: a working day on PostgreSQL with 20,000 open leads, served by
`fairchase serve` as the README documents, with 20 people at it at once.

It starts its own PostgreSQL (a throw-away directory, port LOAD_BENCH_PG_PORT, never the
Makefile's 54329), loads the demo business (`fairchase demo`'s data: Olivia the owner, Sam
and Maria selling) with 20,000 open leads, lets the worker's steps catch up once and
PostgreSQL gather its planner statistics (a running server has done both long before anyone
logs in), starts `fairchase serve` and sends
20 people through their day for 60 s: each logs in through the login form (some as the
owner, the rest as salespeople) and, over and over, opens Today, clicks an outcome on
one of its cards (htmx: the answer is that card), opens a lead's page, and reads the API
(`/api/leads`, a page at a time, with a personal token).

Printed per kind of request: count, p50, p95, max, and the mean response size; overall
requests/s and errors; the target is p95 < 500 ms with 0 errors. The machine's load
average is printed with it: the figures move with whatever else runs. Printed, never a
timed test.

Run: python -m bench load   (or: python bench/load.py)
Environment: LOAD_BENCH_LEADS (20000), LOAD_BENCH_USERS (20), LOAD_BENCH_SECONDS (60),
LOAD_BENCH_THINK (seconds a person pauses between actions, mean; 0.5), LOAD_BENCH_PG_PORT
(54335), LOAD_BENCH_WEB_PORT (8765), LOAD_BENCH_GUNICORN_WORKERS (serve's default, 2).
"""

from __future__ import annotations

import http.client
import json
import os
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

PG_BIN = Path("/usr/lib/postgresql/15/bin")
PASSWORD = "fairchase-demo"  # the demo's
TARGET_P95 = 0.5  # seconds
KINDS = ("today", "click", "lead", "api")


def _env(name: str, default: str) -> str:
    return os.environ.get(name, default)


# --- PostgreSQL and the server -----------------------------------------------------------
def start_postgres(port: int) -> tuple[str, str]:
    """A throw-away PostgreSQL on 127.0.0.1:`port`; (directory, URL)."""
    d = tempfile.mkdtemp(prefix="fairchase-load-pg-")
    as_pg = _as_postgres()
    if as_pg:
        shutil.chown(d, "postgres")
    quiet = {"stdout": subprocess.DEVNULL, "check": True}
    subprocess.run(
        [*as_pg, PG_BIN / "initdb", "-D", f"{d}/data", "-A", "trust", "-U", "fairchase"], **quiet
    )
    opts = f"-k {d} -p {port} -c listen_addresses=127.0.0.1 -c max_connections=200"
    subprocess.run(
        [*as_pg, PG_BIN / "pg_ctl", "-D", f"{d}/data", "-o", opts, "-l", f"{d}/log", "-w", "start"],
        **quiet,
    )
    return d, f"postgres://fairchase@127.0.0.1:{port}/postgres"


def _as_postgres() -> list[str]:
    """initdb refuses to run as root: as root, run the server as the `postgres` user."""
    return ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []


def stop_postgres(d: str) -> None:
    subprocess.run(
        [
            *_as_postgres(),
            PG_BIN / "pg_ctl",
            "-D",
            f"{d}/data",
            "-m",
            "fast",
            "stop",
        ],
        stdout=subprocess.DEVNULL,
        check=False,
    )
    shutil.rmtree(d, ignore_errors=True)


def populate(n_open: int) -> dict:
    """The demo business with `n_open` open leads, planned, the worker caught up once; returns
    {username: API token secret} and the counts."""
    from django.contrib.auth import get_user_model
    from django.db import connection

    from fairchase.api.models import ApiToken
    from fairchase.insights.snapshot import warm
    from fairchase.leads.demo import load_demo
    from fairchase.leads.worker import run_once

    counts = load_demo(n_history=3000, n_open=n_open, seed=2026)
    run_once()  # what a running worker has done long before the day starts
    warm(budget=float("inf"))
    with connection.cursor() as cursor:
        # Planner statistics, as autovacuum keeps them on a database in use: right after a
        # bulk load they describe empty tables and the plans they give are no one's day.
        cursor.execute("ANALYZE")
    users = get_user_model().objects.filter(username__in=("olivia", "sam", "maria"))
    tokens = {u.username: ApiToken.issue(u, "load benchmark")[1] for u in users}
    return {"tokens": tokens, "counts": counts}


def serve(database_url: str, port: int, workers: str | None) -> subprocess.Popen:
    """`fairchase serve` in its own process group, once it answers."""
    cmd = [str(Path(sys.executable).parent / "fairchase"), "serve", "--addr", f"127.0.0.1:{port}"]
    if workers:
        cmd += ["--workers", workers]
    env = {**os.environ, "DATABASE_URL": database_url}
    env.pop("SQLITE_PATH", None)
    proc = subprocess.Popen(
        cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    for _ in range(300):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return proc
        except OSError:
            time.sleep(0.2)
    stop(proc)
    raise RuntimeError("fairchase serve did not start listening")


def stop(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(timeout=20)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        os.killpg(proc.pid, signal.SIGKILL)


def cpu_seconds(pid: int) -> dict[int, float]:
    """CPU seconds (user + system) so far of `pid` and every process under it, by pid."""
    tick = os.sysconf("SC_CLK_TCK")
    out, todo = {}, [pid]
    while todo:
        p = todo.pop()
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
            out[p] = (int(fields[11]) + int(fields[12])) / tick
            children = Path(f"/proc/{p}/task/{p}/children").read_text().split()
        except (OSError, IndexError, ValueError):
            continue
        todo += [int(c) for c in children]
    return out


# --- one person ------------------------------------------------------------------------
@dataclass
class Stats:
    times: dict = field(default_factory=lambda: {k: [] for k in KINDS})
    sizes: dict = field(default_factory=lambda: {k: [] for k in KINDS})
    errors: list = field(default_factory=list)
    resent: int = 0  # requests sent again on a new connection (the server closed the idle one)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, kind: str, seconds: float, size: int, error: str = "") -> None:
        with self.lock:
            self.times[kind].append(seconds)
            self.sizes[kind].append(size)
            if error:
                self.errors.append(f"{kind}: {error}")


class Person:
    """A browser's worth of state: one keep-alive connection, cookies, the CSRF token."""

    def __init__(self, port: int, username: str, token: str, stats: Stats, seed: int):
        self.port, self.username, self.token, self.stats = port, username, token, stats
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        self.cookies: dict[str, str] = {}
        self.rng = random.Random(seed)
        self.leads: list[int] = []

    def request(self, method, path, body=None, headers=None, kind=None) -> tuple[int, str]:
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            body = urlencode(body)
        for retry in (True, False):
            t = time.perf_counter()
            try:
                self.conn.request(method, path, body=body, headers=headers)
                resp = self.conn.getresponse()
                text = resp.read().decode("utf-8", "replace")
                break
            except (OSError, http.client.HTTPException) as exc:
                self.conn.close()
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
                # The server closed an idle keep-alive connection (gunicorn's keep-alive is 2 s;
                # a think time can be longer): the client's next request on it meets a closed
                # socket or a reset, and a browser sends it again on a new connection.
                if retry and isinstance(
                    exc, (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError)
                ):
                    with self.stats.lock:
                        self.stats.resent += 1
                    continue
                if kind:
                    self.stats.add(kind, time.perf_counter() - t, 0, f"{path}: {exc!r}")
                return 0, ""
        seconds = time.perf_counter() - t
        for raw in resp.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(raw).items():
                self.cookies[name] = morsel.value
        if kind:
            bad = resp.status >= 400 or (resp.status >= 300 and kind != "click")
            self.stats.add(kind, seconds, len(text), f"{path}: HTTP {resp.status}" if bad else "")
        return resp.status, text

    def log_in(self) -> None:
        _, html = self.request("GET", "/login/")
        csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
        status, _ = self.request(
            "POST",
            "/login/",
            {"username": self.username, "password": PASSWORD, "csrfmiddlewaretoken": csrf},
        )
        if status != 302:
            raise RuntimeError(f"{self.username} could not log in (HTTP {status})")

    def today(self) -> None:
        _, html = self.request("GET", "/", kind="today")
        self.leads = [int(pk) for pk in re.findall(r'hx-post="/leads/(\d+)/outcome/"', html)]

    def click(self) -> None:
        if not self.leads:
            return
        pk = self.leads.pop(self.rng.randrange(len(self.leads)))
        outcome = self.rng.choice(("no_answer", "no_answer", "left_message", "talked"))
        self.request(
            "POST",
            f"/leads/{pk}/outcome/",
            {"outcome": outcome, "row": "followup"},
            {"HX-Request": "true", "X-CSRFToken": self.cookies.get("csrftoken", "")},
            kind="click",
        )

    def lead_page(self) -> None:
        if self.leads:
            self.request("GET", f"/leads/{self.rng.choice(self.leads)}/", kind="lead")

    def api(self) -> None:
        query = urlencode({"limit": 50, "offset": 50 * self.rng.randrange(20), "order": "priority"})
        auth = {"Authorization": f"Bearer {self.token}", "Cookie": ""}
        saved, self.cookies = self.cookies, {}
        try:
            status, text = self.request("GET", f"/api/leads?{query}", headers=auth, kind="api")
            if status == 200:
                json.loads(text)
        finally:
            self.cookies = saved

    def work(self, until: float, think: float) -> None:
        """Today, then a few of its cards (click or open), an API read now and then."""
        while time.monotonic() < until:
            self.today()
            for _ in range(3):
                if time.monotonic() >= until:
                    return
                self.pause(think)
                (self.click if self.rng.random() < 0.5 else self.lead_page)()
            if self.rng.random() < 0.5:
                self.pause(think)
                self.api()
            self.pause(think)

    def pause(self, think: float) -> None:
        if think > 0:
            time.sleep(self.rng.uniform(0, 2 * think))


# --- the run ---------------------------------------------------------------------------
def run_day(
    port: int, tokens: dict, users: int, seconds: float, think: float
) -> tuple[Stats, float]:
    """`users` people (every fifth the owner) at work for `seconds`; (stats, wall seconds)."""
    stats = Stats()
    names = ["olivia" if i % 5 == 0 else ("sam", "maria")[i % 2] for i in range(users)]
    people = [Person(port, name, tokens[name], stats, seed=i) for i, name in enumerate(names)]
    for p in people:
        p.log_in()
    start = time.monotonic()
    threads = [
        threading.Thread(target=p.work, args=(start + seconds, think), daemon=True) for p in people
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return stats, time.monotonic() - start


def report(stats: Stats, wall: float, setup: dict, load_before: float) -> int:
    """Print the day's figures; 1 when a kind's p95 is over target or a request failed."""
    total = sum(len(v) for v in stats.times.values())
    everything = [s for v in stats.times.values() for s in v]
    print(
        f"Load: {setup['users']} people ({setup['owner_sessions']} as the owner) for {wall:.0f} s, "
        f"think {setup['think']:.2f} s mean; {setup['counts']['open']:,} open leads, "
        f"{setup['counts']['history']:,} finished; PostgreSQL, fairchase serve "
        f"({setup['workers']} gunicorn workers x 4 threads, worker loop on)"
    )
    print(
        f"Load average {load_before:.1f} before, {os.getloadavg()[0]:.1f} after, on "
        f"{os.cpu_count()} CPUs (the load generator runs on the same machine)"
    )
    print(f"{'kind':<8} {'n':>6} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'KiB':>7}  verdict")
    for kind in KINDS:
        print(_row(kind, stats.times[kind], stats.sizes[kind]))
    print(_row("all", everything, [s for v in stats.sizes.values() for s in v]))
    print(
        f"{total / wall:.1f} requests/s, {len(stats.errors)} errors"
        f" ({stats.resent} sent again on a new connection after the server closed an idle one)"
    )
    print(
        f"CPU during the day: web {setup['web_cpu']:.1f} s ({setup['web_cpu'] / max(total, 1) * 1000:.0f} ms "
        f"a request), PostgreSQL {setup['db_cpu']:.1f} s, worker loop {setup['loop_cpu']:.1f} s, "
        f"load generator {setup['client_cpu']:.1f} s"
    )
    for error in stats.errors[:10]:
        print(f"  error: {error}")
    over = [kind for kind in KINDS if "over" in _row(kind, stats.times[kind], stats.sizes[kind])]
    return 1 if over or stats.errors else 0


def _row(kind: str, times: list[float], sizes: list[int]) -> str:
    if not times:
        return f"{kind:<8} {0:>6}"
    q = statistics.quantiles(times, n=20, method="inclusive") if len(times) > 1 else times * 19
    p95 = q[18]
    verdict = "ok" if p95 < TARGET_P95 else "over"
    return (
        f"{kind:<8} {len(times):>6} {statistics.median(times) * 1000:8.0f} {p95 * 1000:8.0f} "
        f"{max(times) * 1000:8.0f} {statistics.mean(sizes) / 1024:7.1f}  {verdict}"
    )


def main() -> int:
    """Run the day and print its figures; 1 when p95 is over target or a request failed."""
    n = int(_env("LOAD_BENCH_LEADS", "20000"))
    users, seconds = int(_env("LOAD_BENCH_USERS", "20")), float(_env("LOAD_BENCH_SECONDS", "60"))
    think = float(_env("LOAD_BENCH_THINK", "0.5"))
    web_port, workers = (
        int(_env("LOAD_BENCH_WEB_PORT", "8765")),
        _env("LOAD_BENCH_GUNICORN_WORKERS", ""),
    )
    if not (PG_BIN / "initdb").exists():
        print(f"Load benchmark skipped: no PostgreSQL at {PG_BIN} (make system-deps installs it)")
        return 0
    pg_dir, url = start_postgres(int(_env("LOAD_BENCH_PG_PORT", "54335")))
    server = None
    try:
        os.environ["DATABASE_URL"] = url
        from bench._django import setup_temp_db

        setup_temp_db("fairchase-load-")
        t = time.perf_counter()
        made = populate(n)
        print(
            f"setup: demo data with {n:,} open leads, planned, in {time.perf_counter() - t:.0f} s"
        )
        from django.db import connections

        connections.close_all()
        server = serve(url, web_port, workers)
        load_before = os.getloadavg()[0]
        postmaster = int(Path(pg_dir, "data", "postmaster.pid").read_text().split()[0])
        cpu_before, client_before = cpu_seconds(server.pid), time.process_time()
        db_before = sum(cpu_seconds(postmaster).values())
        stats, wall = run_day(web_port, made["tokens"], users, seconds, think)
        cpu_after, client_cpu = cpu_seconds(server.pid), time.process_time() - client_before
        db_cpu = sum(cpu_seconds(postmaster).values()) - db_before
        setup = {
            "users": users,
            "owner_sessions": len(range(0, users, 5)),
            "think": think,
            "counts": made["counts"],
            "workers": workers or "2",
            # `fairchase serve` runs the worker loop in its own process; gunicorn's are below it.
            "loop_cpu": cpu_after.get(server.pid, 0.0) - cpu_before.get(server.pid, 0.0),
            "web_cpu": sum(
                v - cpu_before.get(p, 0.0) for p, v in cpu_after.items() if p != server.pid
            ),
            "client_cpu": client_cpu,
            "db_cpu": db_cpu,  # its backends that lived through the day (connections persist)
        }
        return report(stats, wall, setup, load_before)
    finally:
        if server is not None:
            stop(server)
        stop_postgres(pg_dir)


if __name__ == "__main__":
    raise SystemExit(main())
