"""The key that signs unsubscribe links must be the same after a restart: the environment
README's "Production" and "Deploying on PostgreSQL" blocks give, evaluated afresh in a new
shell for each start (as a start script does), keeps one key; and a key that was rotated
(DJANGO_SECRET_KEY_FALLBACKS) still opts out the people its links went to."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from django.test import Client

from fairchase.leads.models import Lead, Status
from fairchase.outreach.tokens import make_token
from tests.security.test_deploy_settings import ROOT, _clean_env, _settings


def _readme_block_env(section: str, data_dir) -> dict:
    """The variables a README section's `export` lines set, run by a new shell."""
    readme = (ROOT / "README.md").read_text()
    text = readme.split(f"## {section}", 1)[1].split("\n## ", 1)[0]
    exports = re.findall(r"^export .*$", text, flags=re.M)
    names = sorted({n for line in exports for n in re.findall(r"\b(\w+)=", line.split("#")[0])})
    script = "\n".join(
        [
            "set -e",
            *exports,
            f'{sys.executable} -c "import os, json; '
            f'print(json.dumps({{k: os.environ[k] for k in {names!r}}}))"',
        ]
    )
    out = subprocess.run(["sh", "-c", script], capture_output=True, text=True, check=True)
    return {**json.loads(out.stdout), "DATA_DIR": str(data_dir)}


@pytest.mark.parametrize("section", ["Production", "Deploying on PostgreSQL"])
def test_the_documented_environment_keeps_its_key_across_two_starts(section, tmp_path):
    first = _settings(_clean_env(**_readme_block_env(section, tmp_path)))[0]
    second = _settings(_clean_env(**_readme_block_env(section, tmp_path)))[0]
    assert first == second


def test_former_keys_are_read_from_the_environment(tmp_path):
    env = _clean_env(DATA_DIR=str(tmp_path), DJANGO_SECRET_KEY_FALLBACKS=" old-one , older ,")
    out = subprocess.run(
        [
            sys.executable,
            "-c",
            "import django; django.setup(); from django.conf import settings as s; "
            "print(s.SECRET_KEY_FALLBACKS)",
        ],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.strip() == "['old-one', 'older']"


def test_a_link_signed_with_a_former_key_still_unsubscribes(alice, make_lead, settings):
    lead = make_lead(alice)
    settings.SECRET_KEY = "the-old-key-" * 5
    token = make_token(lead, "email")
    settings.SECRET_KEY, settings.SECRET_KEY_FALLBACKS = "the-new-key-" * 5, []
    assert Client().get(f"/o/unsubscribe/{token}").status_code == 404  # rotated away: lost
    settings.SECRET_KEY_FALLBACKS = ["the-old-key-" * 5]
    response = Client(enforce_csrf_checks=True).post(
        f"/o/unsubscribe/{token}", {"List-Unsubscribe": "One-Click"}
    )
    assert response.status_code == 200
    assert Lead.objects.get(pk=lead.pk).status == Status.OPTED_OUT
