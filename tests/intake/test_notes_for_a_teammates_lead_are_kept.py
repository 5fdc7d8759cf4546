"""Someone added again who is already a teammate's active lead is not added, but what was
typed for them is kept: an import row's notes and Add lead's notes join that lead's
notes, saying who added them from where, with a timeline row; the lead keeps its owner.
Twice the same notes are added once; a dry run writes nothing."""

from __future__ import annotations

import io

from django.test import Client

from fairchase.intake.importer import import_file
from fairchase.leads.models import StatusChange
from fairchase.leads.people import visible_leads


def _csv(text: str):
    return io.BytesIO(text.encode())


def _import(user, body: str, **kw):
    return import_file(
        _csv(body), user, filename="sam.csv", scope=visible_leads(user), user=user, **kw
    )


BODY = "name,email,notes\nJo,jo@example.com,Wants a quote for the barn roof\n"


def test_an_import_rows_notes_join_the_teammates_lead_it_matches(alice, bob, make_lead):
    theirs = make_lead(bob, name="Jo", email="jo@example.com", notes="Met at the fair")
    report = _import(alice, BODY)
    assert report.created == 0
    assert report.errors == [
        (2, "Jo: already Bob's lead: not added; its notes were added to that lead's notes")
    ]
    theirs.refresh_from_db()
    assert theirs.owner == bob
    assert theirs.notes == (
        "Met at the fair\n\n"
        "Notes added by Alice from the import of sam.csv, line 2:\n"
        "Wants a quote for the barn roof"
    )
    row = StatusChange.objects.get(lead=theirs, reason__contains="not added again")
    assert row.reason == (
        "Imported from sam.csv by Alice: this person, already this lead, was not added again; "
        "the notes of line 2 were added to its notes"
    )
    # the same file again adds nothing more
    again = _import(alice, BODY)
    assert again.errors == [(2, "Jo: already Bob's lead: not added")]
    theirs.refresh_from_db()
    assert theirs.notes.count("Wants a quote for the barn roof") == 1


def test_a_dry_run_says_the_notes_would_be_added_and_adds_none(alice, bob, make_lead):
    theirs = make_lead(bob, name="Jo", email="jo@example.com", notes="")
    report = _import(alice, BODY, dry_run=True)
    assert report.errors == [
        (2, "Jo: already Bob's lead: not added; its notes would be added to that lead's notes")
    ]
    theirs.refresh_from_db()
    assert theirs.notes == ""


def test_add_lead_keeps_the_typed_notes_on_the_teammates_lead(alice, bob, make_lead):
    theirs = make_lead(bob, name="Ann Lee", email="ann@example.com", notes="")
    c = Client()
    c.force_login(alice)
    form = {
        "name": "Ann Lee",
        "email": "ann@example.com",
        "source": "referral",
        "notes": "Called about <b>two</b> windows",
    }
    html = c.post("/leads/new/", form).content.decode()
    assert "This person is already a teammate&#x27;s lead: not added." in html
    assert "The notes you typed were added to that lead&#x27;s notes." in html
    theirs.refresh_from_db()
    assert theirs.owner == bob
    assert theirs.notes == "Notes added by Alice from Add lead:\nCalled about <b>two</b> windows"
    assert StatusChange.objects.filter(
        lead=theirs, reason__endswith="the notes they typed were added to its notes"
    ).exists()
    # sent twice (a double click), the notes are there once
    c.post("/leads/new/", form)
    theirs.refresh_from_db()
    assert theirs.notes.count("two</b> windows") == 1
    # Bob reads them on his lead's page, as text
    c.force_login(bob)
    page = c.get(f"/leads/{theirs.pk}/").content.decode()
    assert (
        "Notes added by Alice from Add lead:<br>Called about &lt;b&gt;two&lt;/b&gt; windows" in page
    )
