"""gunicorn settings for `fairchase serve`: the web server stops when `serve` is gone.

`serve` runs the worker in its own process and gunicorn as its child. Killed outright
(kill -9, the OOM killer) it cannot stop gunicorn, which would go on serving with nothing
sending, reading replies or refitting, and hold the port so a restart is refused. So
gunicorn's master watches the process that started it and, once that is gone, stops
itself as on SIGTERM. Polling the parent's pid works wherever gunicorn does (Linux's
PR_SET_PDEATHSIG would not on macOS).
"""

from __future__ import annotations

import os
import signal
import threading
import time

PARENT = "FAIRCHASE_SERVE_PID"  # set by `serve` for the gunicorn it starts


def watch_parent(pid: int, interval: float = 0.5) -> None:
    """Stop this process (gracefully) once its parent is no longer `pid`."""
    while os.getppid() == pid:
        time.sleep(interval)
    os.kill(os.getpid(), signal.SIGTERM)


def when_ready(server) -> None:  # gunicorn calls it in the master, workers started
    pid = os.environ.get(PARENT, "")
    if pid.isdigit():
        threading.Thread(
            target=watch_parent, args=(int(pid),), name="fairchase-serve-watch", daemon=True
        ).start()
