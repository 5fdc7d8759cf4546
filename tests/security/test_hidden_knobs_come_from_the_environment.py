"""Knobs once read with `getattr(settings, NAME, default)` although settings.py never defined
them (so only editing the code could change them) are settings read from the environment,
refused in one line when unreadable, and listed in README's Configuration table."""

from __future__ import annotations

import subprocess
import sys

from tests.security.test_deploy_settings import ROOT, _clean_env

KNOBS = ("OPT_OUT_TOKEN_DAYS", "UNSUBSCRIBE_MAILTO", "IMPORT_MAX_BYTES")
PRINT = (
    "import django; django.setup(); from django.conf import settings as s; "
    f"print(*(repr(getattr(s, n)) for n in {KNOBS!r}))"
)


def _read(tmp_path, **env) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", PRINT],
        env=_clean_env(DATA_DIR=str(tmp_path), **env),
        cwd=ROOT,
        capture_output=True,
        text=True,
    )


def test_the_defaults_and_values_set_in_the_environment(tmp_path):
    assert _read(tmp_path).stdout.split() == ["400", "''", str(100 * 2**20)]
    set_ = _read(
        tmp_path,
        OPT_OUT_TOKEN_DAYS="30",
        UNSUBSCRIBE_MAILTO="unsubscribe@acme.example",
        IMPORT_MAX_BYTES="2048",
    )
    assert set_.stdout.split() == ["30", "'unsubscribe@acme.example'", "2048"], set_.stderr


def test_an_unreadable_value_is_refused_naming_it(tmp_path):
    out = _read(tmp_path, OPT_OUT_TOKEN_DAYS="a year")
    assert out.returncode != 0 and "OPT_OUT_TOKEN_DAYS must be a whole number" in out.stderr


def test_readme_lists_each_of_them():
    readme = (ROOT / "README.md").read_text()
    table = readme.split("## Configuration", 1)[1].split("\n## ", 1)[0]
    for name in KNOBS:
        assert f"| `{name}`" in table, name
