"""An import's Owner column (mapped by hand, or our own export's) names who each new lead
belongs to, by username or email; a cell naming someone unknown, deactivated, or (for a
salesperson) anyone but themselves loses the cell, never the person: the lead comes in as
the importer's, with a warning on its line; a Fairchase export's Owner column comes back
as it went out."""

from __future__ import annotations

import io

import pytest
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


OWNER_MAPPING = ["name", "email", "owner"]


def test_a_mapped_owner_column_gives_each_new_lead_its_owner_by_username_or_email(alice, bob, boss):
    body = (
        "name,email,owner\n"
        "Ann,ann@example.com,alice\n"
        "Ben,ben@example.com,BOB@example.com\n"
        "Cy,cy@example.com,\n"
        "Di,di@example.com,nobody\n"
    )
    boss = _fresh(boss)
    report = import_file(
        _csv(body), boss, mapping=OWNER_MAPPING, scope=visible_leads(boss), user=boss
    )
    assert report.created == 4 and report.errors == []
    assert Lead.objects.get(email="ann@example.com").owner == alice
    assert Lead.objects.get(email="ben@example.com").owner == bob
    assert Lead.objects.get(email="cy@example.com").owner == boss  # blank: the one picked
    assert Lead.objects.get(email="di@example.com").owner == boss  # the cell lost, not Di
    assert report.warnings == [
        (5, "Di: owner “nobody” is no user's username or email here: given to Boss instead")
    ]


def test_a_row_naming_someone_who_left_or_a_salespersons_teammate_comes_in_as_the_importers(
    alice, bob, charlie
):
    body = "name,email,owner\nAnn,ann@example.com,charlie\nBen,ben@example.com,bob\nCy,cy@example.com,alice\n"
    report = import_file(
        _csv(body), alice, mapping=OWNER_MAPPING, scope=visible_leads(alice), user=alice
    )
    assert report.created == 3 and report.errors == []
    assert set(Lead.objects.values_list("owner__username", flat=True)) == {"alice"}
    assert [line for line, _ in report.warnings] == [2, 3]
    assert "no longer works here" in report.warnings[0][1]
    assert "not someone you may give leads to" in report.warnings[1][1]
    assert all(text.endswith("given to Alice instead") for _, text in report.warnings)


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
    assert "Another tool's owner column (“Contact owner”, “Lead Owner”, “Person - Owner”)" in html


def test_an_owner_is_found_by_username_before_email_and_a_name_fitting_two_is_refused(
    boss, tmp_path
):
    from django.core.management import call_command
    from django.core.management.base import CommandError

    users = type(boss).objects
    # made first, so a lookup by database order would find it: its email is another's username
    by_email = users.create_user("kim", "pat@shop.example", "x")
    by_username = users.create_user("pat@shop.example", "", "x")
    users.create_user("lee", "twin@shop.example", "x")
    users.create_user("lea", "TWIN@shop.example", "x")
    body = (
        "name,email,owner\n"
        "Ann,ann@example.com,PAT@shop.example\n"
        "Ben,ben@example.com,twin@shop.example\n"
    )
    boss = _fresh(boss)
    report = import_file(_csv(body), boss, mapping=OWNER_MAPPING, user=boss)
    assert report.created == 2
    assert Lead.objects.get(email="ann@example.com").owner == by_username != by_email
    assert Lead.objects.get(email="ben@example.com").owner == boss
    assert report.warnings == [
        (
            3,
            "Ben: owner “twin@shop.example” fits the email addresses of 2 users (lea, lee): "
            "write the exact username: given to Boss instead",
        )
    ]
    path = tmp_path / "one.csv"
    path.write_text("name,email\nCy,cy@example.com\n")
    call_command("import", str(path), "--owner", "pat@shop.example")
    assert Lead.objects.get(email="cy@example.com").owner == by_username
    with pytest.raises(CommandError, match=r"fits the email addresses of 2 users \(lea, lee\)"):
        call_command("import", str(path), "--owner", "twin@shop.example")
