"""A salesperson's import whose row says an address is not to be contacted (a do-not-call
or unsubscribe yes, an opted-out status) suppresses it before the row is matched, so it
reaches a teammate's lead holding that address too (review20 #10). That lead was replanned
with nothing on its timeline saying who or why. Now every lead holding the address, whoever
owns it, says on its timeline which import's line suppressed it and who ran it, through
the one suppression action; the salesperson's report still names no lead of another."""

from __future__ import annotations

import io
import json

from fairchase.intake.importer import import_file
from fairchase.leads import actions
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


def test_a_teammates_leads_holding_the_address_say_which_import_and_who(alice, bob, make_lead):
    tom = make_lead(bob, name="Thomas Reed", email="tom@example.com", phone=PHONE)
    old = actions.stop_chasing(
        make_lead(bob, name="Tamsin Reed", email="tamsin@example.com", phone=PHONE), "closed"
    )

    report = _import(alice)

    assert Suppression.objects.filter(value=PHONE).exists()
    tom.refresh_from_db()
    assert reachable_channels(tom) == ["email"]  # the phone is not called, as before
    for lead in (tom, old):  # an active lead and a parked one: every lead holding it
        [note] = _notes(lead)
        assert note.user == alice and note.old == note.new == lead.status
        assert note.reason == (
            f"Not to be contacted at {PHONE} (do not call): "
            f"line 2 of the import of cold.csv, by {display_name(alice)}."
        )
    shown = json.dumps(report.as_dict())
    assert "Thomas" not in shown and "Tamsin" not in shown and f"#{tom.pk}" not in shown


def test_a_dry_run_or_an_address_already_suppressed_writes_nothing(alice, bob, make_lead):
    tom = make_lead(bob, name="Thomas Reed", email="tom@example.com", phone=PHONE)
    _import(alice, dry_run=True)
    assert _notes(tom) == []
    _import(alice)
    _import(alice)  # suppressed already: nothing changes, nothing more to say
    assert len(_notes(tom)) == 1


def test_an_opted_out_row_says_so_on_the_lead_holding_its_email(alice, bob, make_lead):
    tom = make_lead(bob, name="Thomas Reed", email="tom@example.com", phone="")
    _import(alice, "Name,Email,Opted out\nT. Reed,tom@example.com,yes\n")
    assert [n.reason for n in tom.status_changes.filter(reason__startswith="Not to be")] == [
        "Not to be contacted at tom@example.com (its row says they opted out): "
        f"line 2 of the import of cold.csv, by {display_name(alice)}."
    ]


def test_a_row_of_someone_who_opted_out_says_so_on_a_lead_holding_its_new_number(
    alice, bob, boss, make_lead
):
    """The row is of an opted-out record the salesperson may not see; the number it adds is
    suppressed (`keep_unseen_record`), and a teammate's lead with that number says why."""
    actions.opt_out(make_lead(boss, name="Pat Shaw", email="pat@example.com", phone=""))
    pete = make_lead(bob, name="Pete Shaw", email="pete@example.com", phone=PHONE)
    report = _import(alice, f"Name,Email,Phone\nPat Shaw,pat@example.com,{PHONE}\n")
    assert report.created == 0 and Suppression.objects.filter(value=PHONE).exists()
    [note] = _notes(pete)
    assert note.user == alice and note.reason == (
        f"Not to be contacted at {PHONE} (its row is someone who opted out): "
        f"line 2 of the import of cold.csv, by {display_name(alice)}."
    )
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
