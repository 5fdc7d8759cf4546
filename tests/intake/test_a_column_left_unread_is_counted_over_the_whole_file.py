"""The "column not read" hint counts phones as the import reads them (phonenumbers, in
PHONE_REGION: "512.555.0199" and "5125550176" are phones), over the whole file, with one
function for the web's mapping page and the import (eval31 #6: the web said 3 rows, the
command line 12, the file had 14)."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from fairchase.intake.models import ImportJob
from fairchase.intake.row_checks import looks_like

PHONES = ["512.555.0199", "5125550176", "(512) 555-0134", "512-555-0147 ext 2", "+1 512 555 0112"]
# 12 people known by name only, their phone in a column no field reads: more than the preview
ROWS = "".join(f"Person {i};{PHONES[i % len(PHONES)]};x\r\n" for i in range(12))
SHEET = "Name;Reach at;Other\r\n" + ROWS + "Amount Only;45000;x\r\nDated;3/14/2026;x\r\n"


@pytest.mark.parametrize("cell", PHONES)
def test_a_phone_written_any_way_the_import_reads_looks_like_one(cell):
    assert looks_like("phone", cell)


@pytest.mark.parametrize("cell", ["45000", "$31,000.00", "3/14/2026", "20.04.2026", "1234567"])
def test_an_amount_a_date_or_a_customer_number_does_not(cell):
    assert not looks_like("phone", cell)


SAID = "Column “Reach at” is not read, but 12 rows with no phone number have one there"


def test_the_web_and_the_command_line_count_the_same_rows(client, alice, tmp_path):
    client.force_login(alice)
    client.post(
        "/in/import/",
        {"file": SimpleUploadedFile("s.csv", SHEET.encode(), content_type="text/csv")},
    )
    job = ImportJob.objects.get()
    assert job.mapping == ["name", "", ""]
    assert SAID in client.get(f"/in/import/{job.pk}/").content.decode()
    path = tmp_path / "s.csv"
    path.write_text(SHEET)
    out = io.StringIO()
    call_command("import", str(path), "--owner", "alice", "--dry-run", stdout=out)
    assert SAID in out.getvalue()
    assert '--map "Reach at=phone"' in out.getvalue()
