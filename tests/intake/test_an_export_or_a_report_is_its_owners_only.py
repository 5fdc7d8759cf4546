"""`fairchase export` and `fairchase report` write people's names, addresses, notes and
money: the file is its owner's only (mode 0600) whatever the umask, and an older file of
the same name that others could read becomes so too (newcomer #3)."""

from __future__ import annotations

import os
import stat

import pytest
from django.core.management import call_command


def _mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def open_umask():
    """A umask that lets everyone read new files, as 022 and 002 do."""
    before = os.umask(0o002)
    yield
    os.umask(before)


@pytest.mark.parametrize("name", ["leads.csv", "leads.xlsx"])
def test_an_export_is_readable_by_its_owner_alone(alice, make_lead, tmp_path, open_umask, name):
    make_lead(alice, name="Ann Lee", email="ann@example.com")
    target = tmp_path / name
    target.write_text("yesterday's export\n")
    target.chmod(0o644)
    call_command("export", "leads", str(target))
    assert _mode(target) == 0o600
    assert target.stat().st_size > 0


def test_the_history_export_is_readable_by_its_owner_alone(db, tmp_path, open_umask):
    target = tmp_path / "history.jsonl"
    call_command("export", "history", str(target))
    assert _mode(target) == 0o600


def test_an_html_report_is_readable_by_its_owner_alone(db, tmp_path, open_umask):
    fresh, old = tmp_path / "insights.html", tmp_path / "old.html"
    old.write_text("last month's report")
    old.chmod(0o664)
    for target in (fresh, old):
        call_command("report", html=str(target))
        assert _mode(target) == 0o600
        assert target.read_text().startswith("<!doctype html>")


def test_a_pdf_report_is_readable_by_its_owner_alone(db, tmp_path, open_umask):
    target = tmp_path / "insights.pdf"
    call_command("report", pdf=str(target))
    assert _mode(target) == 0o600 and target.read_bytes().startswith(b"%PDF")
