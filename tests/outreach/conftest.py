"""Real servers on 127.0.0.1 for the outreach tests, started here:

- `smtp_server`: aiosmtpd recording every message (Message-ID, recipients, time), able
  to stall on DATA so a worker can be killed mid-send;
- `imap_server`: Dovecot in a temp dir (per /work/shared/RECIPES.md), one fresh folder
  per test, into which tests APPEND replies and bounces;
- `worker_db`: a database of its own for multi-process tests (a temp SQLite file, or a
  fresh PostgreSQL database when DATABASE_URL is set), migrated by `fairchase migrate`.
"""

from __future__ import annotations

import asyncio
import email
import email.policy
import os
import shutil
import socket
import subprocess
import tempfile
import threading
import time
import uuid
import warnings
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.conftest import open_all_day_now

ROOT = Path(__file__).resolve().parents[2]
FAIRCHASE = str(ROOT / ".venv" / "bin" / "fairchase")
PYTHON = str(ROOT / ".venv" / "bin" / "python")
FROM = "Fairchase Sales <sales@fairchase.test>"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Received:
    message_id: str
    to: list[str]
    raw: bytes
    at: float

    @property
    def message(self):
        return email.message_from_bytes(self.raw, policy=email.policy.default)


@dataclass
class RecordingHandler:
    received: list[Received] = field(default_factory=list)
    stall: threading.Event = field(default_factory=threading.Event)  # set = stall on DATA
    stalled: threading.Event = field(default_factory=threading.Event)  # a DATA is being held
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_DATA(self, server, session, envelope):
        raw = envelope.original_content or envelope.content
        msg = email.message_from_bytes(raw, policy=email.policy.default)
        with self.lock:
            self.received.append(
                Received(str(msg.get("Message-ID", "")), list(envelope.rcpt_tos), raw, time.time())
            )
        while self.stall.is_set():
            self.stalled.set()
            await asyncio.sleep(0.05)
        return "250 Message accepted for delivery"


class SmtpServer:
    def __init__(self) -> None:
        from aiosmtpd.controller import Controller

        self.handler = RecordingHandler()
        self.port = free_port()
        self.controller = Controller(self.handler, hostname="127.0.0.1", port=self.port)

    @property
    def received(self) -> list[Received]:
        with self.handler.lock:
            return list(self.handler.received)

    def clear(self) -> None:
        with self.handler.lock:
            self.handler.received.clear()
        self.handler.stall.clear()
        self.handler.stalled.clear()

    def ids(self) -> list[str]:
        return [r.message_id for r in self.received]

    def env(self) -> dict[str, str]:
        return {
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(self.port),
            "EMAIL_USE_TLS": "0",
            "EMAIL_USE_SSL": "0",
            "DEFAULT_FROM_EMAIL": FROM,
        }


def smtp_mailers(port: int) -> dict:
    """Django's MAILERS pointing at a plain SMTP server on 127.0.0.1."""
    return {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {"host": "127.0.0.1", "port": port, "timeout": 10},
        }
    }


@pytest.fixture(scope="session")
def _smtp_session():
    server = SmtpServer()
    server.controller.start()
    yield server
    server.handler.stall.clear()
    server.controller.stop()


@pytest.fixture
def smtp_server(_smtp_session, settings):
    """The recording SMTP server, emptied, with Django's email pointed at it."""
    from fairchase.outreach.channels.email import EmailChannel

    _smtp_session.clear()
    EmailChannel.shared().close()
    settings.MAILERS = smtp_mailers(_smtp_session.port)
    settings.DEFAULT_FROM_EMAIL = FROM
    settings.IMAP_HOST = ""
    yield _smtp_session
    _smtp_session.handler.stall.clear()
    EmailChannel.shared().close()


DOVECOT_CONF = """protocols = imap
listen = 127.0.0.1
base_dir = {d}/run
state_dir = {d}/run
log_path = {d}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:{d}/mail/%u
passdb {{
  driver = passwd-file
  args = {d}/passwd
}}
userdb {{
  driver = static
  args = uid=nobody gid=nogroup home={d}/mail/%u
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service anvil {{
  chroot =
}}
default_internal_user = dovecot
default_login_user = dovenull
first_valid_uid = 0
"""


@dataclass
class ImapServer:
    port: int
    user: str = "sales"
    password: str = "secret"

    def client(self):
        from imapclient import IMAPClient

        c = IMAPClient("127.0.0.1", port=self.port, ssl=False, timeout=10)
        c.login(self.user, self.password)
        return c

    def append(self, folder: str, raw: bytes | str) -> None:
        with self.client() as c:
            c.append(folder, raw.encode() if isinstance(raw, str) else raw)


@pytest.fixture(scope="session")
def _imap_session():
    dovecot = shutil.which("dovecot") or "/usr/sbin/dovecot"
    if not os.path.exists(dovecot):
        pytest.skip("dovecot is not installed (make system-deps)")
    d = tempfile.mkdtemp(prefix="fc-dovecot-")
    port = free_port()
    os.chmod(d, 0o755)
    (Path(d) / "mail").mkdir()
    (Path(d) / "run").mkdir()
    (Path(d) / "passwd").write_text("sales:{PLAIN}secret\n")
    (Path(d) / "dovecot.conf").write_text(DOVECOT_CONF.format(d=d, port=port))
    shutil.chown(Path(d) / "mail", "nobody", "nogroup")
    subprocess.run([dovecot, "-c", f"{d}/dovecot.conf"], check=True)
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.05)
    yield ImapServer(port)
    pid = (Path(d) / "run" / "master.pid").read_text().strip()
    subprocess.run(["kill", pid], check=False)
    time.sleep(0.2)
    shutil.rmtree(d, ignore_errors=True)


@pytest.fixture
def imap_server(_imap_session, settings):
    """Dovecot with a fresh folder for this test; Django's IMAP settings point at it."""
    folder = f"t{uuid.uuid4().hex[:10]}"
    with _imap_session.client() as c:
        c.create_folder(folder)
    settings.IMAP_HOST, settings.IMAP_PORT, settings.IMAP_SSL = (
        "127.0.0.1",
        _imap_session.port,
        False,
    )
    settings.IMAP_USER, settings.IMAP_PASSWORD, settings.IMAP_FOLDER = "sales", "secret", folder
    _imap_session.folder = folder
    return _imap_session


@dataclass
class WorkerDb:
    """A database the test and its subprocesses share (pytest-django's is in memory)."""

    env: dict[str, str]

    def run(self, *args: str, timeout: float = 120, extra_env: dict | None = None) -> str:
        out = subprocess.run(
            [FAIRCHASE, *args],
            env={**self.env, **(extra_env or {})},
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        assert out.returncode == 0, out.stderr[-3000:]
        return out.stdout

    def script(
        self, name: str, *args: str, timeout: float = 120, extra_env: dict | None = None
    ) -> str:
        """Run tests/outreach/procs.py (seed data, opt out, read states) against this database."""
        out = subprocess.run(
            [PYTHON, "-m", "tests.outreach.procs", name, *args],
            env={**self.env, **(extra_env or {})},
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        assert out.returncode == 0, out.stderr[-3000:]
        return out.stdout

    def popen(self, *args: str, extra_env: dict | None = None) -> subprocess.Popen:
        return subprocess.Popen(
            [FAIRCHASE, *args],
            env={**self.env, **(extra_env or {})},
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )


@pytest.fixture
def worker_db(tmp_path):
    base = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "SQLITE_PATH")}
    base.update(
        DJANGO_SETTINGS_MODULE="fairchase.settings",
        LOG_LEVEL="WARNING",
        IMAP_HOST="",
        WORKER_IDLE_SECONDS="0.1",
        PYTHONPATH=str(ROOT),
        OUTREACH_LOCK_DIR=str(tmp_path),
    )
    url = os.environ.get("DATABASE_URL", "")
    dropper = None
    if url.startswith("postgres"):
        import psycopg

        name = f"fc_outreach_{uuid.uuid4().hex[:10]}"
        admin = psycopg.connect(url, autocommit=True)
        admin.execute(f'CREATE DATABASE "{name}"')
        base["DATABASE_URL"] = url.rsplit("/", 1)[0] + f"/{name}"

        def dropper():
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            admin.close()
    else:
        base["SQLITE_PATH"] = str(tmp_path / "workers.sqlite3")
    db = WorkerDb(base)
    db.run("migrate", "--noinput")
    yield db
    if dropper:
        dropper()


@pytest.fixture
def open_all_day(db):
    """Contact hours all day in a business zone where it is not Sunday right now: a test of
    what a send does (not of when it may go) then holds at any hour it runs."""
    return open_all_day_now()


@dataclass
class RefusingHandler(RecordingHandler):
    """Refuses every recipient for good (550): by default as a server does a mistyped
    address (5.1.1), or with `answer` (a policy refusal, 5.7.1)."""

    answer: str = "550 5.1.1 No such user here"

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        return self.answer


def _refusing(settings, answer: str):
    from aiosmtpd.controller import Controller

    from fairchase.outreach.channels.email import EmailChannel

    port = free_port()
    controller = Controller(RefusingHandler(answer=answer), hostname="127.0.0.1", port=port)
    controller.start()
    EmailChannel.shared().close()
    settings.MAILERS = smtp_mailers(port)
    yield port
    EmailChannel.shared().close()
    controller.stop()


@pytest.fixture
def refusing_smtp(smtp_server, settings):
    """A second local SMTP server that refuses every recipient (550 5.1.1, no such user);
    Django's email points at it until the test points it back (`smtp_mailers(smtp_server.port)`)."""
    yield from _refusing(settings, "550 5.1.1 No such user here")


@pytest.fixture
def policy_refusing_smtp(smtp_server, settings):
    """`refusing_smtp` refusing for its own policy (550 5.7.1), which says nothing against
    the address."""
    yield from _refusing(settings, "550 5.7.1 Message rejected by policy")


def _only_sales_rightpass(server, session, envelope, mechanism, auth_data):
    from aiosmtpd.smtp import AuthResult, LoginPassword

    ok = isinstance(auth_data, LoginPassword) and (auth_data.login, auth_data.password) == (
        b"sales",
        b"rightpass",
    )
    return AuthResult(success=ok, handled=False)  # a failure answers 535


@pytest.fixture
def auth_smtp():
    """A local SMTP server that takes mail only after AUTH as sales / rightpass (over plain
    SMTP, as a test allows): `.port`, `.received`."""
    from aiosmtpd.controller import Controller

    server = SmtpServer()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # AUTH without TLS: on 127.0.0.1, for a test
        server.controller = Controller(
            server.handler,
            hostname="127.0.0.1",
            port=server.port,
            authenticator=_only_sales_rightpass,
            auth_required=True,
            auth_require_tls=False,
        )
    server.controller.start()
    yield server
    server.controller.stop()


@pytest.fixture
def ascii_only_smtp(settings):
    """A local SMTP server that does not offer SMTPUTF8 (RFC 6531), as some still do not
    (aiosmtpd's Controller offers it unless told not to); Django's email points at it:
    `.port`, `.received`."""
    from aiosmtpd.controller import Controller

    from fairchase.outreach.channels.email import EmailChannel

    server = SmtpServer()
    server.controller = Controller(
        server.handler, hostname="127.0.0.1", port=server.port, enable_SMTPUTF8=False
    )
    server.controller.start()
    EmailChannel.shared().close()
    settings.MAILERS = smtp_mailers(server.port)
    settings.DEFAULT_FROM_EMAIL = FROM
    settings.IMAP_HOST = ""
    yield server
    EmailChannel.shared().close()
    server.controller.stop()
