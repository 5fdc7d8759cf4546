"""eval36 #4: a salesperson who adds a person a teammate already has (an import row, the
API's POST, Add lead) is told it is not added and whom to ask ("already Maria's lead"), but
never the name the teammate's lead is stored under, which he could not otherwise see: only
the name he typed, or "this person". His notes still join that lead's (a note is never
lost)."""

from __future__ import annotations

import io

from fairchase.api.models import ApiToken
from fairchase.intake.importer import import_file
from fairchase.leads.models import Lead
from fairchase.leads.people import visible_leads

STORED = "Abigail Zanzibar-Quist"  # the teammate's lead: never shown to the salesperson
EMAIL = "abel@example.com"


def _theirs(bob, make_lead) -> Lead:
    return make_lead(bob, name=STORED, email=EMAIL, phone="+13125550177")


def test_an_import_row_names_the_row_not_the_teammates_lead(alice, bob, make_lead):
    theirs = _theirs(bob, make_lead)
    for dry_run in (True, False):
        body = f"name,email,notes\n,{EMAIL},Wants a quote\nEvil Rename,{EMAIL},Call at 5\n"
        report = import_file(
            io.BytesIO(body.encode()),
            alice,
            filename="x.csv",
            scope=visible_leads(alice),
            user=alice,
            dry_run=dry_run,
        )
        said = " ".join(str(line) for line in (*report.errors, *report.warnings))
        assert "already Bob's lead: not added" in said
        assert STORED not in said and "Abigail" not in said
    theirs.refresh_from_db()
    assert "Call at 5" in theirs.notes and "Wants a quote" in theirs.notes


def test_the_apis_409_names_the_post_not_the_teammates_lead(client, alice, bob, make_lead):
    theirs = _theirs(bob, make_lead)
    _token, secret = ApiToken.issue(alice, "tests")
    headers = {"Authorization": f"Bearer {secret}"}
    for name in ("Abel Shaw", "Someone Else"):
        sent = {"name": name, "email": EMAIL, "source": "referral", "notes": f"note {name}"}
        r = client.post("/api/leads", sent, content_type="application/json", headers=headers)
        assert r.status_code == 409, r.content
        detail = r.json()["detail"]
        assert "Bob's lead: not added" in detail and STORED not in detail, detail
    theirs.refresh_from_db()
    assert "note Abel Shaw" in theirs.notes


def test_add_lead_names_neither(client, alice, bob, make_lead):
    _theirs(bob, make_lead)
    client.force_login(alice)
    for name in ("Abel Shaw", "x"):
        sent = {"name": name, "email": EMAIL, "source": "walk_in", "timezone": "UTC"}
        page = client.post("/leads/new/", sent).content.decode()
        assert (
            "already a teammate&#x27;s lead: not added" in page
            or "already a teammate's lead" in page
        )
        assert STORED not in page and "Abigail" not in page
