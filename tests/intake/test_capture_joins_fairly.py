"""An enquiry that joins a lead is treated as the enquiry it is: an untried lead (imported,
or an old enquiry nobody answered) waits from this enquiry, not from its import date, and
is no longer a revisit; a text consent is kept only for the number it was given with; a
double submit (by email or by phone only) is added once; and a lead closed between the
match and the lock gives the person a lead of their own, never an error page."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from fairchase.intake import capture as capture_module
from fairchase.intake.models import CaptureForm
from fairchase.leads import actions
from fairchase.leads.models import Lead, Status
from fairchase.leads.planning import replan_lead
from fairchase.outreach.models import OutboundMessage
from fairchase.web.agenda import agenda_for
from tests.conftest import open_all_day_now


@pytest.fixture
def open_all_day(db):
    return open_all_day_now()


@pytest.fixture
def form(alice):
    return CaptureForm.objects.create(name="Website", owner=alice)


def _post(client, form, **data):
    r = client.post(f"/in/f/{form.key}/", data, REMOTE_ADDR="203.0.113.9")
    assert r.status_code == 200 and b"Thank you" in r.content, r.content
    return r


def _aged(lead: Lead, days: int, revisit: bool) -> Lead:
    then = timezone.now() - timedelta(days=days)
    Lead.objects.filter(pk=lead.pk).update(
        created_at=then, revisit_at=then + timedelta(days=1) if revisit else None
    )
    lead.refresh_from_db()
    replan_lead(lead)
    return lead


def test_an_enquiry_joining_an_untried_lead_waits_from_now_and_is_no_revisit(
    client, alice, form, make_lead, open_all_day
):
    imported = _aged(make_lead(alice, name="Imp Orted", email="imp@x.example"), 20, True)
    tried = _aged(make_lead(alice, name="Tri Ed", email="tri@x.example"), 20, False)
    actions.log_attempt(tried, "call", "no_answer", at=timezone.now() - timedelta(days=19))
    before = timezone.now()
    _post(client, form, name="Imp Orted", email="imp@x.example", message="Quote please, today")
    _post(client, form, name="Tri Ed", email="tri@x.example", message="Quote please, today")
    imported.refresh_from_db()
    assert imported.revisit_at is None and imported.created_at >= before
    change = imported.status_changes.order_by("-pk").first()
    assert change.reason == (
        "New enquiry through Website; its revisit date cleared; waiting from now"
    )
    assert imported.pk in [r.lead.pk for r in agenda_for(alice, timezone.now()).new]
    # a lead we tried keeps its history: its enquiry date stays (the test can fail)
    tried.refresh_from_db()
    assert tried.created_at < before and tried.status == Status.ENGAGED


def test_a_text_consent_is_kept_only_for_the_number_it_came_with(client, alice, form, make_lead):
    ann = make_lead(alice, name="Ann Lee", email="ann@x.example", phone="+12125550140")
    _post(client, form, name="Ann Lee", email="ann@x.example", phone="+1 212 555 0199", sms="on")
    ann.refresh_from_db()
    assert "sms" not in (ann.consents or [])
    _post(
        client,
        form,
        name="Ann Lee",
        email="ann@x.example",
        phone="(212) 555-0140",
        sms="on",
        message="again, from my own phone",
    )
    ann.refresh_from_db()
    assert "sms" in ann.consents
    # a lead without a phone takes no number from a public form, so no consent with it
    # (its owner confirms the number in Edit: test_a_form_post_never_gives_a_lead_an_address)
    bo = make_lead(alice, name="Bo", email="bo@x.example", phone="")
    _post(client, form, name="Bo", email="bo@x.example", phone="+1 212 555 0177", sms="on")
    bo.refresh_from_db()
    assert bo.phone == "" and "sms" not in (bo.consents or [])
    assert "the enquiry gave phone (212) 555-0177: not added" in bo.notes


@pytest.mark.parametrize("address", [{"phone": "(212) 555-0140"}, {"email": "po@x.example"}])
def test_a_double_submit_is_added_once(client, alice, form, address):
    for _ in range(3):
        _post(client, form, name="P O", message="Boiler broke", **address)
    lead = Lead.objects.get()
    assert lead.notes.count("Boiler broke") == 1
    assert not lead.status_changes.filter(reason__startswith="New enquiry through").exists()
    assert OutboundMessage.objects.filter(kind="alert").count() == 1
    # a different message is a new enquiry (the test can fail)
    _post(client, form, name="P O", message="And the radiator", **address)
    lead.refresh_from_db()
    assert "And the radiator" in lead.notes
    assert OutboundMessage.objects.filter(kind="alert").count() == 2


def test_a_lead_closed_between_the_match_and_the_lock_gives_a_new_lead_not_an_error(
    client, alice, form, make_lead, monkeypatch
):
    gone = make_lead(alice, name="Cy", email="cy@x.example")
    actions.opt_out(gone)
    # the race: the match saw the lead active, it was opted out before the lock
    monkeypatch.setattr(capture_module, "_same_person", lambda fields: gone)
    _post(client, form, name="Cy", email="cy@x.example", message="hello again")
    fresh = Lead.objects.exclude(pk=gone.pk).get(email="cy@x.example")
    assert fresh.notes == "hello again" and fresh.owner == alice


def test_an_enquiry_to_a_lead_of_a_deactivated_user_goes_to_the_forms_owner(
    client, alice, bob, form, make_lead
):
    alice.email = "alice@fairchase.test"
    alice.save()
    eve = make_lead(bob, name="Eve", email="eve@example.com")
    bob.is_active = False
    bob.save()
    _post(client, form, name="Eve", email="eve@example.com", message="still interested")
    eve.refresh_from_db()
    assert Lead.objects.count() == 1 and eve.owner == alice
    assert "still interested" in eve.notes
    assert eve.status_changes.filter(reason="Reassigned from Bob to Alice").exists()
    alerts = OutboundMessage.objects.filter(kind="alert")
    assert list(alerts.values_list("to", flat=True)) == ["alice@fairchase.test"]
