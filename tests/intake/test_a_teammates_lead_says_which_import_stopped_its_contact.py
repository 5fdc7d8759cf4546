"""A row saying an address is not to be contacted (a do-not-call or unsubscribe yes, an
opted-out status) suppresses it before the row is matched, and every lead holding it says
on its timeline which import's line did and who ran it (review20 #10). But a salesperson's
import may not change a teammate's lead (eval32 #2: a "Do not contact" column opted out a
teammate's customer the salesperson could neither see nor change): an address such a lead
holds is not suppressed; the row's line says it matches a lead the importer cannot change,
and the lead is held for its owner to confirm (its timeline says so; Today asks: see
test_a_teammates_do_not_contact_wish_waits_on_their_today). An owner's import, which may change
every lead, still suppresses it everywhere."""

from __future__ import annotations

import io
import json

from fairchase.intake.importer import import_file
from fairchase.leads import actions, reach
from fairchase.leads.models import StatusChange, Suppression
from fairchase.leads.people import display_name, visible_leads
from fairchase.leads.planning import reachable_channels

PHONE = "+13125550190"
ROWS = f"Name,Email,Phone,Do Not Call\nT. Reed,,{PHONE},true\n"


def _import(alice, rows=ROWS, dry_run=False):
    return import_file(
        io.BytesIO(rows.encode()),
        alice,
        filename="cold.csv",
        scope=visible_leads(alice),
        user=alice,
        dry_run=dry_run,
    )


def _notes(lead) -> list[StatusChange]:
    return list(lead.status_changes.filter(reason__contains=PHONE))


def held(lead) -> list[str]:
    return list(lead.status_changes.filter(reason__contains="? ").values_list("reason", flat=True))


def test_an_owners_import_stops_every_lead_holding_the_address_and_says_so(boss, bob, make_lead):
    tom = make_lead(bob, name="Thomas Reed", email="tom@example.com", phone=PHONE)
    old = actions.stop_chasing(
        make_lead(bob, name="Tamsin Reed", email="tamsin@example.com", phone=PHONE), "closed"
    )

    boss.refresh_from_db()  # its profile, read afresh: an owner
    _import(boss)

    assert Suppression.objects.filter(value=PHONE).exists()
    tom.refresh_from_db()
    assert reachable_channels(tom) == ["email"]  # the phone is not called
    for lead in (tom, old):  # an active lead and a parked one: every lead holding it
        [note] = _notes(lead)
        assert note.user == boss and note.old == note.new == lead.status
        assert note.reason == (
            f"Not to be contacted at {PHONE} (do not call): "
            f"line 2 of the import of cold.csv, by {display_name(boss)}."
        )


def test_a_salespersons_import_holds_a_teammates_leads_address_for_its_owner(alice, bob, make_lead):
    tom = make_lead(bob, name="Thomas Reed", email="tom@example.com", phone=PHONE)

    report = _import(alice)

    assert not Suppression.objects.filter(value=PHONE).exists()
    tom.refresh_from_db()  # the address is kept, the lead held till its owner decides (Today)
    assert "call" in reachable_channels(tom) and reach.is_held(tom)
    [note] = held(tom)
    assert note == (
        f"Not to be contacted at {PHONE}? line 2 of the import of cold.csv, by "
        f"{display_name(alice)} says so, but may not change this lead: it is on hold "
        "(nothing sent or planned) until you confirm the wish (on Today) or dismiss it."
    )
    shown = json.dumps(report.as_dict())
    assert "matches a lead you cannot change: not changed" in shown
    assert "Thomas" not in shown and f"#{tom.pk}" not in shown


def test_a_dry_run_writes_nothing(alice, bob, make_lead):
    tom = make_lead(bob, name="Thomas Reed", email="tom@example.com", phone=PHONE)
    _import(alice, dry_run=True)
    assert _notes(tom) == [] and held(tom) == []
    assert not Suppression.objects.filter(value=PHONE).exists()


def test_an_opted_out_row_does_not_opt_out_a_teammates_lead(alice, bob, make_lead):
    """eval32 #2: the report said "already Bob's lead: not added", yet the email was
    suppressed, and Bob's lead could never be emailed again."""
    tom = make_lead(bob, name="Thomas Reed", email="tom@example.com", phone="")
    report = _import(alice, "Name,Email,Do not contact\nWhoever,tom@example.com,yes\n")
    assert not Suppression.objects.filter(value="tom@example.com").exists()
    tom.refresh_from_db()
    assert tom.status == "open" and "email" in reachable_channels(tom)
    assert len(held(tom)) == 1
    assert "matches a lead you cannot change" in json.dumps(report.as_dict())


def test_a_row_of_someone_who_opted_out_holds_the_number_a_teammates_lead_has(
    alice, bob, boss, make_lead
):
    """The row is of an opted-out record the salesperson may not see; the number it adds,
    which a teammate's lead holds, is held for that lead's owner (`keep_unseen_record`)."""
    actions.opt_out(make_lead(boss, name="Pat Shaw", email="pat@example.com", phone=""))
    pete = make_lead(bob, name="Pete Shaw", email="pete@example.com", phone=PHONE)
    report = _import(alice, f"Name,Email,Phone\nPat Shaw,pat@example.com,{PHONE}\n")
    assert report.created == 0 and not Suppression.objects.filter(value=PHONE).exists()
    assert len(held(pete)) == 1 and _notes(pete)[0].user == alice
    assert "Pete" not in json.dumps(report.as_dict())


def test_the_lead_the_row_makes_says_it_too(alice):
    """The lead a new row makes holds the addresses its own columns said no to: its timeline
    says so as a teammate's does (eval27 finding 3: it said only 'Imported from ...')."""
    rows = "Name,Email,Phone,Unsubscribed from all email,Do Not Call\n"
    rows += "Nia Newunsub,nia@example.com,+13125550191,yes,\nDan Nocall,,+13125550192,,x\n"
    _import(alice, rows)
    nia = visible_leads(alice).get(name="Nia Newunsub")
    dan = visible_leads(alice).get(name="Dan Nocall")
    origin = "of the import of cold.csv, by " + display_name(alice)
    assert list(nia.status_changes.filter(reason__startswith="Not to").values_list("reason")) == [
        (f"Not to be contacted at nia@example.com (unsubscribed from email): line 2 {origin}.",)
    ]
    assert list(dan.status_changes.filter(reason__startswith="Not to").values_list("reason")) == [
        (f"Not to be contacted at +13125550192 (do not call): line 3 {origin}.",)
    ]
    assert "email" not in reachable_channels(nia)
