"""No secret in the code, HTTPS from the environment: `manage.py check --deploy` is clean
with the production environment README's "Production" section gives (read from README
itself), and the secret key is generated into the data directory on first run (so
`make run` and `make test` need no setting), once, even by processes starting together."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FAIRCHASE = Path(sys.executable).parent / "fairchase"
PRINT = (
    "import django; django.setup(); from django.conf import settings as s; "
    "print(s.SECRET_KEY, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT, s.SECURE_HSTS_SECONDS)"
)


def _clean_env(**extra) -> dict:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("SECURE_", "DJANGO_SECRET", "HTTPS", "DATABASE_URL", "SQLITE_PATH"))
        and k
        not in (
            "SECRET_KEY",
            "ALLOWED_HOSTS",
            "DEBUG",
            "DATA_DIR",
            "TRUSTED_PROXIES",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
        )
    }  # conftest sets it for Playwright
    return {**env, "DJANGO_SETTINGS_MODULE": "fairchase.settings", **extra}


def _readme_production_env(data_dir: Path) -> dict:
    """The `export NAME=value` lines of README's Production section, as documented."""
    readme = (ROOT / "README.md").read_text()
    section = readme.split("## Production", 1)[1].split("\n## ", 1)[0]
    exports = re.findall(r"^export \w+=.*$", section, flags=re.M)
    names = [line.split()[1].split("=")[0] for line in exports]
    script = "\n".join(
        [
            "set -e",
            *exports,
            f'{sys.executable} -c "import os, json; '
            f'print(json.dumps({{k: os.environ[k] for k in {names!r}}}))"',
        ]
    )
    out = subprocess.run(
        ["sh", "-c", script], capture_output=True, text=True, check=True
    )  # as a shell would
    return {**json.loads(out.stdout), "DATA_DIR": str(data_dir)}


def _settings(env: dict) -> list[str]:
    out = subprocess.run(
        [sys.executable, "-c", PRINT], env=env, cwd=ROOT, capture_output=True, text=True, check=True
    )
    return out.stdout.split()


def test_check_deploy_is_clean_with_the_production_environment_from_readme(tmp_path):
    env = _readme_production_env(tmp_path)
    assert {"HTTPS", "ALLOWED_HOSTS", "SECURE_PROXY_SSL_HEADER"} <= set(env), env
    out = subprocess.run(
        [FAIRCHASE, "check", "--deploy", "--fail-level", "DEBUG"],
        env=_clean_env(**env),
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0 and "no issues" in out.stdout, out.stdout + out.stderr


def test_check_deploy_names_the_missing_https_settings_without_them(tmp_path):
    out = subprocess.run(
        [FAIRCHASE, "check", "--deploy"],
        env=_clean_env(DATA_DIR=str(tmp_path)),
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    for warning in ("W004", "W008", "W012", "W016"):
        assert warning in out.stdout + out.stderr


def test_https_turns_on_secure_cookies_hsts_and_the_redirect(tmp_path):
    _key, *flags = _settings(_clean_env(DATA_DIR=str(tmp_path), HTTPS="1"))
    assert flags == ["True", "True", "True", "31536000"]
    _key, *flags = _settings(_clean_env(DATA_DIR=str(tmp_path)))  # `make run` on http://127.0.0.1
    assert flags == ["False", "False", "False", "0"]


def test_the_secret_key_is_generated_on_first_run_kept_private_and_reused(tmp_path):
    first = _settings(_clean_env(DATA_DIR=str(tmp_path)))[0]
    key_file = tmp_path / ".secret_key"
    assert key_file.read_text().strip() == first and len(first) >= 50
    assert (key_file.stat().st_mode & 0o777) == 0o600
    assert _settings(_clean_env(DATA_DIR=str(tmp_path)))[0] == first
    other = tmp_path / "elsewhere"
    assert _settings(_clean_env(DATA_DIR=str(other)))[0] != first  # no key is written in the code
    assert _settings(_clean_env(DATA_DIR=str(tmp_path), DJANGO_SECRET_KEY="k" * 60))[0] == "k" * 60


def test_processes_starting_together_agree_on_one_generated_key(tmp_path):
    env = _clean_env(DATA_DIR=str(tmp_path / "fresh"))
    with ThreadPoolExecutor(6) as pool:
        keys = list(pool.map(lambda _: _settings(env)[0], range(6)))
    assert len(set(keys)) == 1
    assert [p.name for p in (tmp_path / "fresh").iterdir()] == [".secret_key"]
