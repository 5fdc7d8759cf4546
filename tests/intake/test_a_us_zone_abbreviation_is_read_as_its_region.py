"""A lead's "EST" or "PST" (as US CRMs export zones) is read as the region it names, with
its summer time, and the import line says so: IANA's EST is UTC-5 all year, an hour off
for a New York contact from March to November. A fixed offset (Etc/GMT+5) is refused as
any unknown zone is; an old city name (Europe/Kiev) is stored under today's."""

from __future__ import annotations

import io

import pytest

from fairchase.intake.importer import import_file
from fairchase.leads.models import Lead
from fairchase.leads.normalize import InvalidContact, normalize_timezone


@pytest.mark.parametrize(
    ("written", "region"),
    [
        ("EST", "America/New_York"),
        ("EDT", "America/New_York"),
        ("EST5EDT", "America/New_York"),
        ("est", "America/New_York"),
        ("CST", "America/Chicago"),
        ("CST6CDT", "America/Chicago"),
        ("MST", "America/Denver"),
        ("PST", "America/Los_Angeles"),
        ("PST8PDT", "America/Los_Angeles"),
    ],
)
def test_a_us_abbreviation_is_its_region_with_a_note(written, region):
    notes: list[str] = []
    assert normalize_timezone(written, notes) == region
    assert notes == [notes[0]] and f"{written!r} read as {region}" in notes[0]


def test_mst_says_arizona_is_phoenix():
    notes: list[str] = []
    normalize_timezone("MST", notes)
    assert "Arizona" in notes[0] and "America/Phoenix" in notes[0]


@pytest.mark.parametrize(
    ("written", "stored"),
    [
        ("HST", "Pacific/Honolulu"),  # the same clock: no note needed
        ("Europe/Kiev", "Europe/Kyiv"),
        ("US/Eastern", "America/New_York"),
        ("America/Chicago", "America/Chicago"),
        ("UTC", "UTC"),
        ("Etc/UTC", "Etc/UTC"),
    ],
)
def test_the_same_clock_is_stored_under_todays_name_without_a_note(written, stored):
    notes: list[str] = []
    assert normalize_timezone(written, notes) == stored and notes == []


@pytest.mark.parametrize("written", ["Etc/GMT+5", "Etc/GMT-3"])
def test_a_fixed_offset_is_refused_naming_the_inverted_sign(written):
    with pytest.raises(InvalidContact, match="fixed offset.*Etc/GMT\\+5 is UTC-5"):
        normalize_timezone(written)


def test_the_import_stores_the_region_and_says_so_on_the_line(alice):
    data = (
        b"Name,Email,Time zone\r\n"
        b"Ann Lee,ann@example.com,EST\r\n"
        b"Bo Chan,bo@example.com,Etc/GMT+5\r\n"
        b"Cy Dale,cy@example.com,Europe/Kiev\r\n"
    )
    report = import_file(io.BytesIO(data), alice)
    said = dict(report.warnings + report.errors)
    zones = dict(Lead.objects.values_list("email", "timezone"))
    assert zones == {
        "ann@example.com": "America/New_York",
        "bo@example.com": "",
        "cy@example.com": "Europe/Kyiv",
    }
    assert "'EST' read as America/New_York" in said[2]
    assert "fixed offset" in said[3] and "The time zone was left out." in said[3]
    assert 4 not in said
