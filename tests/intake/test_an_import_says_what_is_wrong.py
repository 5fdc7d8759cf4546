"""An import says what is wrong in words that fit: a negative value is negative, not "not a
number"; a file that is no table (random bytes, an old .xls renamed .csv) is one line saying
so, on the web and on the command line, not "0 rows ... 1 row skipped"."""

from __future__ import annotations

import io
import json
import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError

from fairchase.intake.history import import_history
from fairchase.intake.importer import import_file
from fairchase.intake.models import ImportJob
from fairchase.leads.models import Lead

RANDOM = os.urandom(4096).replace(b"PK", b"pk")


def test_a_negative_value_is_said_to_be_negative(alice):
    data = b"name,email,value\r\nAnn Lee,ann@example.com,-500\r\nBo,bo@example.com,-1.5k\r\n"
    report = import_file(io.BytesIO(data), alice)
    said = dict(report.warnings + report.errors)
    assert "value: '-500' must not be negative" in said[2]
    assert "'-1.5k' must not be negative" in said[3]
    assert "not a number" not in said[2] + said[3]
    assert Lead.objects.count() == 2  # the person comes in, without the value


def test_a_negative_value_in_a_history_is_said_to_be_negative(alice):
    record = {
        "id": "h1",
        "source": "referral",
        "attempts": [],
        "created_at": "2024-01-02T10:00:00Z",
    }
    record |= {"status": "won", "value": -500}
    report = import_history([json.dumps(record)], alice)
    assert (
        report.errors[0][1].startswith("value: -500")
        and "must not be negative" in report.errors[0][1]
    )


def test_the_command_says_a_binary_file_is_no_table_in_one_line(alice, tmp_path, capsys):
    path = tmp_path / "photo.csv"
    path.write_bytes(RANDOM)
    with pytest.raises(CommandError) as refused:
        call_command("import", str(path), "--owner", "alice")
    assert str(refused.value) == (
        "Cannot import photo.csv: This is not a CSV or Excel (.xlsx) file: its bytes are not "
        "text. Save the spreadsheet as CSV or .xlsx and import that."
    )
    assert "rows" not in capsys.readouterr().out and not Lead.objects.exists()


def test_an_old_xls_under_another_name_is_named_as_one(alice, tmp_path):
    path = tmp_path / "leads.csv"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + os.urandom(2000))
    with pytest.raises(CommandError, match="Old .xls workbooks are not supported"):
        call_command("import", str(path), "--owner", "alice")


def test_the_web_upload_says_the_same(client, alice):
    client.force_login(alice)
    upload = SimpleUploadedFile("photo.csv", RANDOM, content_type="text/csv")
    response = client.post("/in/import/", {"file": upload}, follow=True)
    assert (
        "Cannot import photo.csv: This is not a CSV or Excel (.xlsx) file"
        in response.content.decode()
    )
    assert not ImportJob.objects.exists()


def test_text_in_any_encoding_is_still_read(alice):
    data = "name,email,notes\r\nZoë Müller,zoe@example.com,Café\tcrème\r\n".encode("cp1252")
    import_file(io.BytesIO(data), alice)
    assert Lead.objects.get().name == "Zoë Müller"


def test_a_name_of_invisible_characters_is_no_name(alice):
    """As everywhere in the app (`normalize.strip_invisible`): the lead is named by its
    address, and a row with nothing else to know the person by is refused."""
    data = (
        "name,email\r\n\u200b\u200b,ann@example.com\r\n\u200bBo Lee\u2060,bo@example.com\r\n"
        "\u200b,\r\n"
    ).encode()
    report = import_file(io.BytesIO(data), alice)
    assert sorted(Lead.objects.values_list("name", flat=True)) == ["Bo Lee", "ann@example.com"]
    assert "nothing to identify the lead by" in dict(report.errors)[4]
