"""A hand-kept sheet's "4/11" or "May 5" has no year: it is the latest such day before the
import (by the app's clock), never the year 2000 (eval31 #2: "9736 days after it came in")."""

from datetime import UTC, datetime

import pytest

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


def test_a_yearless_date_with_a_time_is_never_later_than_the_import(alice, stop_clock):
    """review27 #6: "12/7 11pm" imported at 08:05 on 7 December was 23:00 that night."""
    now = stop_clock(datetime(2026, 12, 7, 8, 5, tzinfo=UTC))
    import_text(alice, "Name;Email;Date\r\nTom Becker;tom@example.com;12/7 11pm\r\n")
    came = Lead.objects.get().created_at
    assert came <= now
    assert came == datetime(2025, 12, 7, 23, 0, tzinfo=UTC)


@pytest.mark.parametrize("cell", ["Monday", "14:30", "5", "3rd", "May"])
def test_a_cell_without_a_month_and_a_day_is_no_date(alice, stop_clock, cell):
    """review27 #7: "Monday" was read as a day of this year; it is no date (the row kept)."""
    now = stop_clock(datetime(2026, 12, 7, 15, 0, tzinfo=UTC))
    report = import_text(alice, f"Name;Email;Date\r\nTom Becker;tom@example.com;{cell}\r\n")
    assert report.created == 1
    assert Lead.objects.get().created_at == now
    assert f"{cell!r} is not a date" in " ".join(text for _, text in report.warnings)
