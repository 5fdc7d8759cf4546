"""`fairchase serve`: the embedded default, web server plus worker in one command."""

import os
import signal
import socket
import subprocess
import sys
import threading

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from fairchase import serve_gunicorn
from fairchase.arguments import whole
from fairchase.hints import command_line, database_served, uses_the_checkout
from fairchase.leads.demo import DEMO_PASSWORD
from fairchase.leads.worker import Loop

WILDCARDS = ("", "0.0.0.0", "::", "[::]")


def lan_addresses() -> list[str]:
    """This computer's addresses on its network (not 127.x), the one its traffic leaves by
    first: a UDP socket "connected" to an address never routed sends nothing, but the system
    picks the interface it would use. [] when it has no network."""
    found = []
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("10.254.254.254", 1))
            found.append(probe.getsockname()[0])
        except OSError:
            pass
    try:
        found += socket.gethostbyname_ex(socket.gethostname())[2]
    except OSError:
        pass
    return [a for a in dict.fromkeys(found) if not a.startswith(("127.", "0."))]


def site_url_for(addr: str) -> str:
    """The address links in emails point to (unsubscribe, calendar) when SITE_URL is not set:
    the one being served, with a wildcard host replaced by this machine's address on its
    network (else its name)."""
    host, _, port = addr.rpartition(":")
    if host in WILDCARDS:
        host = next(iter(lan_addresses()), None) or socket.getfqdn() or "localhost"
    return f"http://{host}:{port}" if port else f"http://{addr}"


def port_problem(addr: str) -> str | None:
    """Why nothing can listen on host:port (taken, or not an address), or None. Asked before
    announcing "running": gunicorn alone would retry, give up and exit with status 0."""
    host, _, port = addr.rpartition(":")
    host = host.strip("[]") or "0.0.0.0"
    if not (port.isascii() and port.isdigit()):
        return f"{addr!r} is not host:port (for example 127.0.0.1:8000)."
    if not 1 <= int(port) <= 65535:  # bind() would raise OverflowError, or pick a port for 0
        return f"Port {int(port)} is not 1-65535 (for example 127.0.0.1:8000)."
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as gunicorn binds
        try:
            probe.bind((host, int(port)))
        except OSError as exc:
            return (
                f"Cannot listen on {addr}: {exc.strerror}. Is Fairchase (or something else) "
                "already running there? Choose another address with --addr "
                "(make run PORT=8001)."
            )
    return None


class Command(BaseCommand):
    help = "Serve the web UI (gunicorn) and run the worker in the same process group."

    def add_arguments(self, parser):
        parser.add_argument("--addr", default="127.0.0.1:8000", help="host:port to listen on")
        parser.add_argument(
            "--workers", type=whole(1, 64), default=2, help="gunicorn worker processes"
        )
        parser.add_argument(
            "--no-worker", action="store_true", help="Do not run the background worker"
        )

    def handle(self, *args, addr, workers, no_worker, **opts):
        if problem := port_problem(addr):
            raise CommandError(problem)
        call_command("migrate", interactive=False, verbosity=0)
        self._announce(addr)
        web = self._start_web(addr, workers)
        loop = Loop()
        stopping = threading.Event()

        def stop(*_):
            stopping.set()
            loop.stop()
            web.terminate()

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        if not no_worker:
            threading.Thread(
                target=loop.run, kwargs={"install_signals": False}, daemon=True
            ).start()
        try:
            code = web.wait()
        finally:
            loop.stop()
        if code and not stopping.is_set():
            raise CommandError(
                f"The web server stopped (exit status {code}): see its messages above."
            )

    def _announce(self, addr: str) -> None:
        """Where it runs, how to log in, where links in emails point (SITE_URL)."""
        host, _, port = addr.rpartition(":")
        if host not in WILDCARDS:
            self.stdout.write(self.style.SUCCESS(f"Fairchase is running at http://{addr}/"))
        else:  # 0.0.0.0 is no address to type: say the ones that are
            near = ", ".join(f"http://{a}:{port}/" for a in lan_addresses()) or "(no network)"
            self.stdout.write(
                self.style.SUCCESS(f"Fairchase is running on every address, port {port}:")
                + f"\n  on this computer http://127.0.0.1:{port}/; from a phone or another"
                f" computer on the network {near} (each address must be in ALLOWED_HOSTS)"
            )
        self.stdout.write(f"Database: {database_served()}")
        olivia = get_user_model().objects.filter(username="olivia").first()
        if olivia is not None and olivia.check_password(DEMO_PASSWORD):  # the demo's, not a
            # real Olivia's: her password is never printed as if it were the demo's
            self.stdout.write(
                f"Demo login: olivia / {DEMO_PASSWORD} (salespeople: sam, maria; same password)"
            )
        elif not get_user_model().objects.exists():
            self.stdout.write(self._first_account_hint())
        if not settings.SITE_URL_SET:
            # Links in emails follow the address served, not a default of 127.0.0.1:8000.
            settings.SITE_URL = site_url_for(addr)
            self.stdout.write(
                f"Links in emails point to {settings.SITE_URL} (set SITE_URL to change it"
                + (
                    ": that address opens only on this network; for customers, "
                    "SITE_URL=https://your.public.name, see Production)."
                    if host in WILDCARDS
                    else ")."
                )
            )

    @staticmethod
    def _first_account_hint() -> str:
        """The command that makes the first account, as it runs from here; the demo (made-up
        leads and known logins) only for the checkout's own database, never a data folder."""
        hint = f"No users yet: create the first account (an owner) with `{command_line('createsuperuser')}`"
        if uses_the_checkout():
            return f"{hint}, or load the demo's made-up leads with `{command_line('demo')}`."
        return f"{hint}."

    def _start_web(self, addr: str, workers: int) -> subprocess.Popen:
        """gunicorn on `addr`, in the same process group, with the SITE_URL just decided;
        it stops by itself if this process is killed outright (fairchase/serve_gunicorn.py)."""
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "fairchase.settings",
            "SITE_URL": settings.SITE_URL,
            serve_gunicorn.PARENT: str(os.getpid()),
        }
        command = [sys.executable, "-m", "gunicorn", "fairchase.wsgi", "-b", addr]
        command += ["-c", "python:fairchase.serve_gunicorn"]
        command += ["--workers", str(workers), "--threads", "4"]
        command += ["--access-logfile", "-" if settings.DEBUG else "/dev/null"]
        # no control socket: every serve shared one path (~/.gunicorn/gunicorn.ctl), so one
        # stopping removed another's, and nothing here uses gunicorn's control interface
        command += ["--no-control-socket"]
        return subprocess.Popen(command, env=env)
