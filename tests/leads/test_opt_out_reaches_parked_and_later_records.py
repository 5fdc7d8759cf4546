"""An opt-out reaches every record of the person, not only the active ones: a parked record
(revisit, nurture, closed) is opted out too, so it never wakes up to be chased; a won or
lost one keeps its status with every address suppressed; a record added later (by hand,
the API, an import, an edit) with an address of theirs has its other addresses
suppressed. A phone number shared under another name (a switchboard) is suppressed, but
the other person is not opted out: their record gets a timeline note."""

from __future__ import annotations

import io
from datetime import timedelta

from django.utils import timezone

from fairchase.intake.importer import import_file
from fairchase.leads import actions
from fairchase.leads.models import Lead, Status, Suppression
from fairchase.leads.planning import reachable_channels
from fairchase.outreach.refusals import refusal

PHONE = "+12125550140"


def _suppressed() -> set[str]:
    return set(Suppression.objects.values_list("value", flat=True))


def test_an_opt_out_opts_out_the_persons_parked_records_and_blocks_their_won_and_lost_ones(
    alice, bob, make_lead
):
    said_no = make_lead(alice, name="Bob Stone", email="bob@stone.example", phone=PHONE)
    parked = {}
    for n, status in enumerate((Status.REVISIT, Status.NURTURE, Status.CLOSED)):
        lead = make_lead(
            bob,
            name="Bob Stone",
            email="bob@stone.example",
            phone=f"+1212555019{n}",
            consents=["mailing_list"],
        )
        actions.stop_chasing(lead, status, revisit_at=timezone.now() + timedelta(days=1))
        parked[status] = lead
    won = make_lead(bob, name="Bob Stone", email="bob@stone.example", phone="+12125550180")
    actions.mark_won(won, 900)
    lost = make_lead(bob, name="Bob Stone", email="", phone="+12125550190")
    actions.update_lead(lost, email="bob@stone.example")
    actions.mark_lost(lost, "went elsewhere")

    actions.opt_out(said_no, reason="STOP")

    for status, lead in parked.items():
        lead.refresh_from_db()
        assert lead.status == Status.OPTED_OUT, status
        change = lead.status_changes.order_by("-pk").first()
        assert (change.old, change.new) == (status, Status.OPTED_OUT)
        assert change.reason.startswith(f"Opted out on another record: Bob Stone (#{said_no.pk})")
    # the revisit date comes and nothing wakes up
    assert not actions.wake_revisit(parked[Status.REVISIT].pk, timezone.now() + timedelta(days=2))
    for lead, status in ((won, Status.WON), (lost, Status.LOST)):
        lead.refresh_from_db()
        assert lead.status == status
        assert lead.phone in _suppressed()
        assert lead.status_changes.filter(reason__startswith="Every address suppressed").exists()
    assert {p.phone for p in parked.values()} <= _suppressed()


def test_a_lead_added_later_with_an_opted_out_address_reaches_nobody(alice, bob, make_lead):
    dee = make_lead(alice, name="Dee", email="dee@example.com", phone=PHONE)
    actions.opt_out(dee)
    csv = b"name,email,phone\nDee Imported,dee@example.com,+1 212 555 0152\n"
    report = import_file(io.BytesIO(csv), bob, filename="dee.csv")
    assert not report.errors
    # the import matched her opted-out record and added the new number to it: blocked too
    assert "+12125550152" in _suppressed()
    # imported by someone who sees only their own leads: no second record of her (the
    # owner's import says "unchanged" too), and the new number is blocked all the same
    csv = b"name,email,phone\nDee Again,dee@example.com,+1 212 555 0154\n"
    mine = Lead.objects.filter(owner=bob)
    report = import_file(io.BytesIO(csv), bob, filename="dee2.csv", scope=mine)
    assert (report.created, report.unchanged) == (0, 1), report.errors
    assert not Lead.objects.filter(name="Dee Again").exists()
    assert "+12125550154" in _suppressed()
    by_hand = actions.create_lead(bob, name="Dee", email="DEE@example.com", phone="+12125550150")
    edited = make_lead(bob, name="Dee D", email="", phone="+12125550151")
    actions.update_lead(edited, email="dee@example.com")
    for lead in (by_hand, edited):
        lead.refresh_from_db()
        # an edit's own phone was the record's before, never hers: not suppressed (the
        # record, opted out, is contacted on none: the contact rule refuses every address
        # of an opted-out record, suppressed or not, eval35)
        assert (lead.phone in _suppressed()) is (lead is by_hand), lead.name
        assert reachable_channels(lead) == [], lead.name
        assert refusal(lead) == "The lead opted out.", lead.name
        assert lead.status == Status.OPTED_OUT and lead.next_action != "contact", lead.name
        assert lead.status_changes.filter(
            reason__startswith="This person opted out before"
        ).exists()
    # someone else's new lead is untouched (the test can fail)
    other = actions.create_lead(bob, name="Eve", email="eve@example.com", phone="+12125550153")
    assert reachable_channels(other) != []


def test_a_shared_phone_under_another_name_is_suppressed_without_opting_out_that_person(
    alice, bob, make_lead
):
    ann = make_lead(alice, name="Ann Lee", email="ann@acme.example", phone=PHONE)
    carl = make_lead(bob, name="Carl Diaz", email="carl@acme.example", phone=PHONE)
    nameless = make_lead(bob, name="(212) 555-0140", email="", phone=PHONE)
    same = make_lead(bob, name="ann  LEE.", email="", phone=PHONE)
    actions.opt_out(ann, reason="STOP")
    for lead in (carl, nameless, same):
        lead.refresh_from_db()
    assert nameless.status == Status.OPTED_OUT and same.status == Status.OPTED_OUT
    assert carl.status == Status.OPEN
    assert PHONE in _suppressed() and "carl@acme.example" not in _suppressed()
    assert "email" in reachable_channels(carl)
    note = carl.status_changes.order_by("-pk").first()
    assert (note.old, note.new) == (Status.OPEN, Status.OPEN)
    assert "shares the phone +12125550140" in note.reason
    # asked again, no second note
    actions.opt_out(ann, channel="text")
    assert carl.status_changes.filter(reason=note.reason).count() == 1
    # Carl adding Ann's suppressed number later is not taken as his own opt-out
    later = actions.create_lead(bob, name="Carl Diaz", email="carl2@acme.example", phone=PHONE)
    assert "carl2@acme.example" not in _suppressed()
    assert "email" in reachable_channels(later)
