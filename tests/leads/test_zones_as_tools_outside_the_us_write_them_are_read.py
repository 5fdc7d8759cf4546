"""Outlook, Exchange and Dynamics write Windows zone names ("W. Europe Standard Time") or
their labels ("(GMT+05:30) Chennai, Kolkata, Mumbai, New Delhi"); people outside the US
write IST, AEST or CET as US ones write EST. Each was refused as an unknown zone and the
lead's zone left out. One rule (`normalize_timezone`) reads them for every door, with a
line saying how; a bare offset that names no place is still refused."""

from __future__ import annotations

import io

import pytest

from fairchase.intake.importer import import_file
from fairchase.leads.models import Lead
from fairchase.leads.normalize import InvalidContact, normalize_timezone


@pytest.mark.parametrize(
    ("written", "zone"),
    [
        ("W. Europe Standard Time", "Europe/Berlin"),
        ("India Standard Time", "Asia/Kolkata"),
        ("AUS Eastern Standard Time", "Australia/Sydney"),
        ("(GMT+05:30) Chennai, Kolkata, Mumbai, New Delhi", "Asia/Kolkata"),
        ("(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna", "Europe/Amsterdam"),
        ("(UTC-05:00) Eastern Time (US & Canada)", "America/New_York"),
        ("UTC+05:30", "Asia/Kolkata"),
        ("IST", "Asia/Kolkata"),
        ("AEST", "Australia/Sydney"),
        ("AEDT", "Australia/Sydney"),
        ("CET", "Europe/Berlin"),
        ("CEST", "Europe/Berlin"),
        ("JST", "Asia/Tokyo"),
    ],
)
def test_the_zone_is_read_with_a_line_saying_how(written, zone):
    notes: list[str] = []
    assert normalize_timezone(written, notes) == zone
    assert len(notes) == 1 and f"{written!r} read as {zone}" in notes[0]


@pytest.mark.parametrize(
    "written", ["UTC+01:00", "GMT-3", "(GMT+01:00) Atlantis", "UTC-02", "Mars/Olympus"]
)
def test_an_offset_or_label_naming_no_place_is_refused(written):
    with pytest.raises(InvalidContact):
        normalize_timezone(written)


def test_the_import_stores_the_zones_and_says_each_line(alice):
    text = (
        "Name,Email,Time Zone\n"
        'Z1,z1@example.com,"(GMT+05:30) Chennai, Kolkata, Mumbai, New Delhi"\n'
        "Z2,z2@example.com,W. Europe Standard Time\n"
        "Z3,z3@example.com,AEST\n"
    )
    report = import_file(io.BytesIO(text.encode()), alice, filename="zones.csv")
    assert report.created == 3 and report.errors == []
    assert dict(Lead.objects.values_list("name", "timezone")) == {
        "Z1": "Asia/Kolkata",
        "Z2": "Europe/Berlin",
        "Z3": "Australia/Sydney",
    }
    assert [line for line, _ in report.warnings] == [2, 3, 4]
