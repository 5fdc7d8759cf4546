"""An import's Owner column names who each new lead belongs to, by username or email; a
row naming someone unknown, deactivated, or (for a salesperson) anyone but themselves is
reported and not imported; a Fairchase export's Owner column comes back as it went out."""

from __future__ import annotations

import io

from django.test import Client

from fairchase.intake.exporting import csv_lines
from fairchase.intake.importer import import_file
from fairchase.intake.mapping import detect_mapping
from fairchase.leads.models import Lead
from fairchase.leads.people import visible_leads


def _fresh(user):
    """The user as a request reads it (its role read anew)."""
    return type(user).objects.get(pk=user.pk)


def _csv(text: str):
    return io.BytesIO(text.encode())


def test_an_owner_column_gives_each_new_lead_its_owner_by_username_or_email(alice, bob, boss):
    body = (
        "name,email,owner\n"
        "Ann,ann@example.com,alice\n"
        "Ben,ben@example.com,BOB@example.com\n"
        "Cy,cy@example.com,\n"
        "Di,di@example.com,nobody\n"
    )
    boss = _fresh(boss)
    report = import_file(_csv(body), boss, scope=visible_leads(boss), user=boss)
    assert report.created == 3
    assert Lead.objects.get(email="ann@example.com").owner == alice
    assert Lead.objects.get(email="ben@example.com").owner == bob
    assert Lead.objects.get(email="cy@example.com").owner == boss  # blank: the one picked
    assert report.errors == [
        (5, "Di: owner “nobody” is no user's username or email here: not imported")
    ]


def test_a_row_for_someone_who_left_or_for_a_teammate_of_a_salesperson_is_refused(
    alice, bob, charlie
):
    body = "name,email,owner\nAnn,ann@example.com,charlie\nBen,ben@example.com,bob\nCy,cy@example.com,alice\n"
    report = import_file(_csv(body), alice, scope=visible_leads(alice), user=alice)
    assert report.created == 1 and Lead.objects.get().email == "cy@example.com"
    assert [line for line, _ in report.errors] == [2, 3]
    assert "no longer works here" in report.errors[0][1]
    assert "not someone you may give leads to" in report.errors[1][1]


def test_a_fairchase_export_keeps_its_owners_on_the_way_back(alice, bob, boss, make_lead):
    make_lead(alice, name="Ann", email="ann@example.com")
    make_lead(bob, name="Ben", email="ben@example.com")
    data = "".join(csv_lines("leads", Lead.objects.all())).encode()
    header = data.decode().splitlines()[0].split(",")
    assert detect_mapping(header)[1][header.index("Owner")] == "owner"
    Lead.objects.all().delete()
    boss = _fresh(boss)
    report = import_file(io.BytesIO(data), boss, filename="export.csv", user=boss)
    assert report.created == 2, report.errors
    assert Lead.objects.get(email="ann@example.com").owner == alice
    assert Lead.objects.get(email="ben@example.com").owner == bob


def test_the_mapping_page_says_how_the_owner_column_is_read(alice):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from fairchase.intake.models import ImportJob

    c = Client()
    c.force_login(alice)
    c.post(
        "/in/import/",
        {
            "file": SimpleUploadedFile(
                "t.csv", b"name,email,Contact owner\nJo,jo@example.com,Kim\n", "text/csv"
            )
        },
    )
    html = c.get(f"/in/import/{ImportJob.objects.get().pk}/").content.decode()
    assert "Owner (username or email)" in html
    assert "Another CRM's owner column (“Contact owner”) names people in that CRM" in html
