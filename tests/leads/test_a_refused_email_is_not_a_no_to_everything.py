""" "Stop emailing me, just call me" blocks their email address only (review25 H3): it was
stored as an opt-out's suppression, which `same_person.said_no_addresses` reads as the
person saying no, so a later enquiry of theirs came in opted out with their phone blocked,
and adding the phone they asked us to call opted the lead itself out. A consent renewal
naming email lifts it; a person's correction of the reading lifts it (tests/outreach)."""

from __future__ import annotations

import pytest

from fairchase.leads import actions, planning
from fairchase.leads.models import Profile, Role, Status, Suppression


@pytest.fixture(autouse=True)
def _alice_owns_the_business(alice):
    """Overturning an opt-out is the business owner's alone (eval35): Alice is the owner."""
    Profile.objects.filter(user=alice).update(role=Role.ADMIN)
    alice.refresh_from_db()  # her profile read afresh


def _refused(lead, alice):
    actions.refuse_channel(lead, "email", user=alice, reason="Asked for no more email: x")
    lead.refresh_from_db()
    assert set(Suppression.objects.values_list("value", flat=True)) == {lead.email}
    return lead


def test_their_later_enquiry_is_not_opted_out(alice, make_lead):
    lead = _refused(make_lead(alice, email="ann@example.com", phone="+4915123456789"), alice)
    actions.mark_won(lead, user=alice)
    again = actions.create_lead(
        owner=alice, name="Ann Lee", email="ann@example.com", phone="+4915123456789"
    )
    again.refresh_from_db()
    assert again.status == Status.OPEN
    assert planning.reachable_channels(again) == ["call"]  # the email stays blocked
    assert not Suppression.objects.filter(value="+4915123456789").exists()


def test_adding_the_phone_they_asked_us_to_call_keeps_the_lead_open(alice, make_lead):
    lead = _refused(make_lead(alice, email="ann@example.com"), alice)
    actions.update_lead(lead, user=alice, phone="+4915123456789")
    lead.refresh_from_db()
    assert lead.status == Status.OPEN
    assert planning.reachable_channels(lead) == ["call"]


def test_a_renewal_agreeing_to_email_again_lifts_the_refusal(alice, make_lead):
    lead = _refused(make_lead(alice, email="ann@example.com", phone="+4915123456789"), alice)
    actions.opt_out(lead, user=alice, reason="Said no on a call")
    lead.refresh_from_db()
    assert actions.staying_blocked(lead) == []  # nothing blocked whatever is ticked
    actions.renew_consent(lead, note="Phoned us to hear again", channels=["email"], user=alice)
    lead.refresh_from_db()
    assert lead.status == Status.OPEN
    assert planning.reachable_channels(lead) == ["email"]  # their phone: not agreed to
