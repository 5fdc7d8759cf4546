"""The login lockout holds under concurrency: simultaneous wrong guesses against a real
gunicorn (3 worker processes x 4 threads, SQLite file or PostgreSQL) never get more
password checks than the limit, on /login/ and /admin/login/, per account across
addresses and per address across accounts. A check is a 200 (the form's error); a
refusal without checking is a 429. The public capture form's per-address limit uses the
same buckets and holds the same way."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
TRIES = 24
ACCOUNT_LIMIT, ADDRESS_LIMIT = 5, 8


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("lockout")
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "SQLITE_PATH")}
    env.update(
        DJANGO_SETTINGS_MODULE="fairchase.settings",
        DATA_DIR=str(tmp),
        LOG_LEVEL="WARNING",
        LOGIN_MAX_FAILURES=str(ACCOUNT_LIMIT),  # the account from one address
        LOGIN_MAX_FAILURES_PER_ACCOUNT=str(ACCOUNT_LIMIT),  # and from every address
        LOGIN_MAX_FAILURES_PER_ADDRESS=str(ADDRESS_LIMIT),
        TRUSTED_PROXIES="127.0.0.1",
        DJANGO_SUPERUSER_PASSWORD="a-long-and-right-password",
    )
    url, drop = os.environ.get("DATABASE_URL", ""), None
    if url.startswith("postgres"):
        import psycopg

        name = f"fc_lockout_{uuid.uuid4().hex[:10]}"
        admin = psycopg.connect(url, autocommit=True)
        admin.execute(f'CREATE DATABASE "{name}"')
        env["DATABASE_URL"] = url.rsplit("/", 1)[0] + f"/{name}"

        def drop():
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            admin.close()

    run = dict(env=env, cwd=ROOT, check=True, capture_output=True)
    subprocess.run([BIN / "fairchase", "migrate", "--noinput"], **run)
    subprocess.run(
        [
            BIN / "fairchase",
            "createsuperuser",
            "--noinput",
            "--username",
            "boss",
            "--email",
            "boss@example.com",
        ],
        **run,
    )
    port = _free_port()
    proc = subprocess.Popen(
        [
            BIN / "gunicorn",
            "fairchase.wsgi",
            "-b",
            f"127.0.0.1:{port}",
            "--workers",
            "3",
            "--threads",
            "4",
            "--timeout",
            "60",
        ],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                if requests.get(base + "/login/", timeout=10).status_code == 200:
                    break
            except requests.RequestException:
                time.sleep(0.2)
        else:
            pytest.fail("gunicorn did not answer")
    except BaseException:
        proc.kill()  # never leave a server behind
        proc.wait(timeout=20)
        raise

    def failures(where: str) -> int:
        out = subprocess.run(
            [
                BIN / "fairchase",
                "shell",
                "-c",
                f"from fairchase.web.models import LoginFailure as F; print(F.objects.filter({where}).count())",
            ],
            **run,
        )
        return int(out.stdout.split()[-1])

    def shell(code: str) -> str:
        return subprocess.run([BIN / "fairchase", "shell", "-c", code], **run).stdout.decode()

    try:
        yield base, failures, shell
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        if drop:
            drop()


def _guess(base: str, path: str, username: str, address: str, barrier: threading.Barrier) -> int:
    s = requests.Session()
    # a fresh connection for the post: on a loaded machine the wait at the barrier can
    # outlast gunicorn's 2-second keep-alive, and a closed idle connection is no answer
    page = s.get(base + path, timeout=30, headers={"Connection": "close"})
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    barrier.wait(timeout=60)  # every thread posts at the same moment
    r = s.post(
        base + path,
        data={"username": username, "password": "wrong-guess", "csrfmiddlewaretoken": token},
        headers={"Referer": base + path, "X-Forwarded-For": address},
        timeout=120,
        allow_redirects=False,
    )
    return r.status_code


def _storm(base, path, usernames, addresses):
    barrier = threading.Barrier(len(usernames))
    with ThreadPoolExecutor(len(usernames)) as pool:
        codes = list(
            pool.map(
                lambda a: _guess(base, path, a[0], a[1], barrier),
                zip(usernames, addresses, strict=True),
            )
        )
    assert set(codes) <= {200, 429}, codes
    return codes.count(200)


@pytest.mark.parametrize(
    "path,address", [("/login/", "203.0.113.1"), ("/admin/login/", "203.0.113.2")]
)
def test_concurrent_guesses_at_one_account_never_exceed_the_limit(server, path, address):
    base, failures, _ = server
    user = f"target{address[-1]}"
    assert _storm(base, path, [user] * TRIES, [address] * TRIES) == ACCOUNT_LIMIT
    assert failures(f"username='{user}'") == ACCOUNT_LIMIT


def test_concurrent_guesses_at_the_admin_from_many_addresses_share_the_account_limit(server):
    base, failures, _ = server
    addresses = [f"198.51.100.{i + 1}" for i in range(TRIES)]
    assert _storm(base, "/admin/login/", ["boss"] * TRIES, addresses) == ACCOUNT_LIMIT
    assert failures("username='boss'") == ACCOUNT_LIMIT
    # The right password is refused too until the window ends.
    s = requests.Session()
    token = re.search(
        r'name="csrfmiddlewaretoken" value="([^"]+)"', s.get(base + "/admin/login/").text
    ).group(1)
    r = s.post(
        base + "/admin/login/",
        data={
            "username": "boss",
            "password": "a-long-and-right-password",
            "csrfmiddlewaretoken": token,
        },
        headers={"Referer": base + "/admin/login/", "X-Forwarded-For": "192.0.2.50"},
        allow_redirects=False,
    )
    assert r.status_code == 429


def test_concurrent_password_spraying_from_one_address_never_exceeds_its_limit(server):
    base, failures, _ = server
    assert (
        _storm(base, "/login/", [f"sprayed{i}" for i in range(TRIES)], ["203.0.113.99"] * TRIES)
        == ADDRESS_LIMIT
    )
    assert failures("ip='203.0.113.99'") == ADDRESS_LIMIT


def test_simultaneous_enquiries_from_one_address_never_exceed_the_capture_limit(server):
    from django.conf import settings

    RATE_LIMIT = settings.CAPTURE_RATE_LIMIT

    base, _, shell = server
    key = shell(
        "from django.contrib.auth.models import User; from fairchase.intake.models import "
        "CaptureForm; print(CaptureForm.objects.create(name='Web', "
        "owner=User.objects.get(username='boss')).key)"
    ).split()[-1]
    barrier = threading.Barrier(TRIES)

    def submit(i: int) -> int:
        barrier.wait(timeout=60)  # every submission arrives at the same moment
        return requests.post(
            f"{base}/in/f/{key}/",
            data={"name": f"Person {i}", "email": f"p{i}@example.com"},
            headers={"X-Forwarded-For": "203.0.113.77"},
            timeout=120,
        ).status_code

    with ThreadPoolExecutor(TRIES) as pool:
        codes = list(pool.map(submit, range(TRIES)))
    assert set(codes) <= {200, 429}, codes
    assert codes.count(200) == RATE_LIMIT < TRIES
    count = "from fairchase.leads.models import Lead; print(Lead.objects.count())"
    assert int(shell(count).split()[-1]) == RATE_LIMIT
