"""An enquiry nobody answered stays under Today's "Respond now" (eval29 #6), but not one a
person must decide about first (review25 H2): a request to stop not known to be theirs holds
it (planned "wait"), and Today offered it as "Respond now: call", with the call's outcome
buttons and its minutes in the day's. It belongs only in the held panel, to confirm or
correct. Nor one an out-of-office paused (review25 L4): it is not "now" before they are back."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from fairchase.leads import actions
from fairchase.leads.models import BusinessSettings
from fairchase.web.agenda import agenda_for, row_for, section_leads

from .holding import held_by_an_unvouched_stop

pytestmark = [pytest.mark.servers, pytest.mark.usefixtures("open_all_day")]


def _not_new(client, alice, lead) -> None:
    now = timezone.now()
    agenda = agenda_for(alice, now)
    assert lead.pk not in [r.lead.pk for r in agenda.new]
    assert agenda.new_total == 0 and agenda.minutes_new == 0
    assert lead.pk not in [x.pk for x in section_leads(alice, now, "new")]
    assert row_for(lead, now, BusinessSettings.current()).section != "new"
    client.force_login(alice)
    assert "Respond now" not in client.get("/").content.decode()
    assert f'id="row-{lead.pk}"' not in client.get("/today/new/").content.decode()


def test_a_held_enquiry_is_not_offered_as_a_call(client, alice, make_lead, imap_server):
    lead = make_lead(alice, name="Nina Evans", email="nina@example.com", phone="+4915123456789")
    assert [r.lead.pk for r in agenda_for(alice, timezone.now()).new] == [lead.pk]
    held_by_an_unvouched_stop(imap_server, lead)
    assert lead.next_action == "wait" and lead.attempt_count == 0
    _not_new(client, alice, lead)


def test_an_enquiry_paused_by_an_out_of_office_waits_for_its_end(client, alice, make_lead):
    lead = make_lead(alice, name="Otto Weber", email="otto@example.com", phone="+4915123456780")
    back = timezone.now() + timedelta(days=3)
    actions.pause_until(lead, back, reason="Automatic reply", user=alice)
    lead.refresh_from_db()
    assert lead.next_action == "wait" and lead.attempt_count == 0
    _not_new(client, alice, lead)
    row = row_for(lead, timezone.now(), BusinessSettings.current())
    assert row.later and row.at == back  # later, on the day they are back
