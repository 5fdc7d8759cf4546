"""`fairchase serve` killed outright (kill -9, the OOM killer) takes its gunicorn with it:
no web server is left answering without the worker, holding the port so that a restart
is refused."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

FAIRCHASE = str(Path(sys.executable).parent / "fairchase")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _answers(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
        return True
    except OSError:
        return False


def _children(pid: int) -> list[int]:
    return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]


def _alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ", 1)[1][0] != "Z"
    except FileNotFoundError:
        return False


def _until(condition, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return condition()


def test_gunicorn_stops_when_serve_is_killed(tmp_path):
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "SQLITE_PATH")}
    serve = subprocess.Popen(
        [FAIRCHASE, "serve", "--addr", f"127.0.0.1:{port}", "--workers", "1", "--no-worker"],
        env={**env, "DATA_DIR": str(tmp_path)},
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        start_new_session=True,  # one group of ours to clean up, whatever happens
    )
    try:
        assert _until(lambda: _answers(port), 120), "serve never answered"
        (web,) = _children(serve.pid)
        os.kill(serve.pid, signal.SIGKILL)
        serve.wait()
        assert _until(lambda: not _alive(web), 30), "gunicorn outlived serve"
        assert not _answers(port)
    finally:
        try:
            os.killpg(serve.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
