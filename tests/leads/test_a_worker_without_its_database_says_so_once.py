"""A worker that cannot reach its database says so in one line and exits at start (as
migrate and serve do), and one that loses it while running says so once per distinct
failure, waits longer each time instead of a traceback per step, and goes on when it is back."""

from __future__ import annotations

import logging
import socket

from django.db.utils import OperationalError

from fairchase.leads import worker
from tests.test_a_mistyped_setting_is_named_in_one_line import _fairchase


def test_a_worker_started_without_its_database_stops_with_one_line(tmp_path):
    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    url = f"postgres://fairchase:pw@127.0.0.1:{port}/fairchase"
    out = _fairchase(tmp_path, "worker", "--iterations", "2", DATABASE_URL=url)
    assert out.returncode == 1 and "Traceback" not in out.stderr, out.stderr
    assert out.stderr.startswith(
        f"fairchase worker: cannot reach the database at 127.0.0.1:{port} (DATABASE_URL)"
    ), out.stderr
    assert len(out.stderr.splitlines()) == 1


def test_a_database_lost_while_running_is_one_line_per_failure_and_the_worker_recovers(
    db, monkeypatch, caplog
):
    answers = ["refused", "refused", "refused", "", ""]  # down for three rounds, then back
    ran = []

    def step():
        if answers[0]:
            raise OperationalError("connection refused")
        ran.append(1)
        return 1

    def problem():
        said = answers.pop(0)
        return said and f"cannot reach the database at db:5432 (DATABASE_URL): {said}"

    slept = []
    monkeypatch.setattr(worker, "STEPS", {"send": worker.Step("send", step, 0)})
    monkeypatch.setattr(worker, "database_problem", problem)
    monkeypatch.setattr(worker.Loop, "_sleep", lambda self, s: slept.append(s))
    caplog.set_level(logging.INFO, logger="fairchase.worker")
    worker.Loop().run(max_iterations=5, install_signals=False)
    lines = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert [r.exc_info for r in lines] == [None, None], [r.getMessage() for r in lines]
    assert "cannot reach the database at db:5432" in lines[0].getMessage()
    assert "back" in lines[1].getMessage()
    assert slept == [1.0, 2.0, 4.0] and ran == [1, 1], slept
