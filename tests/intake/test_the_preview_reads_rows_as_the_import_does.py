"""The web import preview ("Every row of the file, as it would be read") reads each row as the
import and its dry run do: a row the import skips shows as skipped, on its line, with the
import's own words; the good rows show the values the import stores."""

from __future__ import annotations

import io
import re
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from fairchase.intake.importer import import_file
from fairchase.intake.models import ImportJob
from fairchase.intake.views.imports import _preview
from fairchase.leads.models import Lead

# line 3 names nobody, line 5 has a stray comma ("1,5k": five cells), line 6 never closes its
# quote (read as a stray character: Cy Open comes in, with a warning)
FILE = (
    "Name,Email,Phone,Value\n"
    "Ann Good,ann.good@example.com,,2000\n"
    ",,,500\n"
    "Kim Lau,kim.lau@example.com,,$1.2k\n"
    "Ivy Web,ivy.web@example.com,,1,5k\n"
    '"Cy Open,cy.open@example.com,,1\n'
)


def _uploaded(client, user) -> ImportJob:
    client.force_login(user)
    client.post(
        "/in/import/",
        {"file": SimpleUploadedFile("leads.csv", FILE.encode(), content_type="text/csv")},
    )
    return ImportJob.objects.get()


def _import(user, *, dry_run: bool):
    return import_file(io.BytesIO(FILE.encode()), user, filename="leads.csv", dry_run=dry_run)


def test_the_preview_skips_each_row_the_import_skips_with_its_line_and_words(client, alice):
    job = _uploaded(client, alice)
    preview = _preview(job)
    report = _import(alice, dry_run=True)
    skipped = [(row["line"], row.get("skipped", "")) for row in preview if row.get("skipped")]
    assert skipped == report.errors
    assert [line for line, _ in report.errors] == [3, 5]
    assert (
        5,
        "Ivy Web: 5 cells but the header has 4: a stray comma or an unquoted cell?",
    ) in skipped
    page = client.get(f"/in/import/{job.pk}/").content.decode()
    ivy = re.search(r"<tr[^>]*><td[^>]*>5</td>.*?</tr>", page).group(0)
    assert 'class="skipped"' in ivy and "$1" not in ivy
    assert "Would not be imported: Ivy Web: 5 cells but the header has 4" in ivy


def test_the_preview_shows_the_good_rows_as_the_import_stores_them(client, alice):
    preview = {row["line"]: row for row in _preview(_uploaded(client, alice))}
    report = _import(alice, dry_run=False)
    assert report.created == 3
    for line in (2, 4, 6):
        fields = preview[line]["fields"]
        lead = Lead.objects.get(email=fields["email"])
        assert (lead.name, lead.value) == (fields["name"], fields["value"])
        assert not preview[line].get("skipped")
        assert preview[line]["error"] == dict(report.warnings).get(line, "").partition(": ")[2]
    assert "never closed" in preview[6]["error"]
    assert preview[4]["fields"]["value"] == Decimal("1200.00")


def test_the_preview_says_a_row_that_asked_not_to_be_contacted_comes_in_opted_out(client, alice):
    """newcomer72 #7: the preview's Problem column was empty for Frank Li (Do not contact =
    yes) of docs/example-leads.csv, while the dry run said he would come in opted out."""
    from pathlib import Path

    example = Path(__file__).parents[2] / "docs" / "example-leads.csv"
    client.force_login(alice)
    client.post(
        "/in/import/",
        {"file": SimpleUploadedFile("example-leads.csv", example.read_bytes(), "text/csv")},
    )
    page = client.get(f"/in/import/{ImportJob.objects.get().pk}/").content.decode()
    frank = re.search(r"<tr[^>]*><td[^>]*>\d+</td><td[^>]*>Frank Li</td>.*?</tr>", page).group(0)
    assert "comes in opted out, never to be contacted" in frank
    ann = re.search(r"<tr[^>]*><td[^>]*>2</td>.*?</tr>", page).group(0)
    assert "opted out" not in ann
