"""A teammate's import says an address is not to be contacted: the wish is held for the
lead's owner, and another record at the same address is held too (review28 #4). That other
record's timeline said nothing, so whoever opened it saw a lead nobody chased and no reason.
Now its timeline says why (through `actions.hold_changed`, which also replans it), naming no
other lead, and says so again when the wish is decided."""

from __future__ import annotations

import io

from django.test import Client

from fairchase.intake.importer import import_file
from fairchase.intake.models import HeldWish
from fairchase.leads import reach
from fairchase.leads.people import visible_leads
from tests.conftest import open_all_day_now

PHONE = "+13125550190"
DO_NOT_CALL = f"Name,Email,Phone,Do Not Call\nT. Reed,,{PHONE},true\n"


def _import(user) -> None:
    file = io.BytesIO(DO_NOT_CALL.encode())
    import_file(file, user, filename="cold.csv", scope=visible_leads(user), user=user)


def test_the_other_record_at_the_address_says_why_it_is_held(alice, bob, make_lead):
    open_all_day_now()
    tom = make_lead(bob, name="Thomas Reed", email="tom@example.com", phone=PHONE)
    desk = make_lead(alice, name="Front Desk", phone=PHONE)
    _import(alice)
    assert HeldWish.objects.get().lead_id == tom.pk
    desk.refresh_from_db()
    assert reach.is_held(desk) and desk.next_action != "contact"
    rows = desk.status_changes.filter(reason__startswith=f"Not to be contacted at {PHONE}?")
    assert [r.reason for r in rows] == [
        f"Not to be contacted at {PHONE}? line 2 of the import of cold.csv, by Alice says so "
        "of another record at this address: this lead is on hold too (nothing sent or "
        "planned) until that record's owner confirms the wish (on Today) or dismisses it."
    ]
    assert "Thomas Reed" not in rows[0].reason and rows[0].user_id == alice.pk
    client = Client()
    client.force_login(bob)
    client.post(f"/in/wish/{HeldWish.objects.get().pk}/", {"decision": "dismiss"})
    desk.refresh_from_db()
    assert not reach.is_held(desk) and "call" in reach.usable_channels(desk)
    assert desk.status_changes.filter(
        reason=f"Not to be contacted at {PHONE}? Dismissed by Bob on another record at this address."
    ).exists()
    assert not tom.status_changes.filter(reason__contains="another record at this address")
