"""A hand-kept sheet's "4/11" or "May 5" has no year: it is the latest such day before the
import (by the app's clock), never the year 2000 (eval31 #2: "9736 days after it came in")."""

from datetime import UTC, datetime

from fairchase.leads.models import Lead

from .importing import import_text

SHEET = (
    "Name;Email;Date\r\n"
    "Tom Becker;tom@example.com;4/11\r\n"
    "Lisa Tran;lisa@example.com;May 5\r\n"
    "Xmas Eve;eve@example.com;Dec 24\r\n"
    "Old Date;old@example.com;4/11/2000\r\n"
)


def test_a_date_without_a_year_is_the_latest_such_day_before_the_import(alice, stop_clock):
    stop_clock(datetime(2026, 12, 7, 15, 0, tzinfo=UTC))
    report = import_text(alice, SHEET)
    assert report.created == 4
    came = {lead.name: lead.created_at.date() for lead in Lead.objects.all()}
    assert came["Tom Becker"].isoformat() == "2026-04-11"
    assert came["Lisa Tran"].isoformat() == "2026-05-05"
    assert came["Xmas Eve"].isoformat() == "2025-12-24"  # not in the future
    assert came["Old Date"].isoformat() == "2000-04-11"  # a year written is a year read
    said = " ".join(text for _, text in report.warnings)
    assert "'4/11' has no year: read as 11 April 2026" in said
    assert "'Dec 24' has no year: read as 24 December 2025" in said


def test_a_yearless_date_of_today_is_today(alice, stop_clock):
    now = stop_clock(datetime(2026, 4, 11, 15, 0, tzinfo=UTC))
    import_text(alice, "Name;Email;Date\r\nTom Becker;tom@example.com;4/11\r\n")
    assert Lead.objects.get().created_at == now
