"""An enquiry nobody has answered stays under Today's *New enquiries* until someone does,
even when the plan rations its turn (eval29 #6: a Saturday-evening enquiry planned "Wait:
today's minutes are spent" sank into the capped "waiting for their turn" list and was never
answered in 7 weeks). Seed 000: respond to every enquiry as soon as you can. Its card gives
the plan's reason, and the count of new enquiries counts it."""

from __future__ import annotations

from datetime import UTC, datetime

from fairchase.leads.models import BusinessSettings, Lead
from fairchase.web.agenda import agenda_for, row_for

REASON = "Wait: today's minutes are spent; at this pace its turn comes around Wed 12 May."


def test_an_enquiry_the_plan_keeps_waiting_is_still_a_new_enquiry(
    client, alice, make_lead, stop_clock
):
    now = stop_clock(datetime(2027, 4, 19, 15, 0, tzinfo=UTC))  # a Monday, in contact hours
    lead = make_lead(alice, name="Lily London", source="web_form")
    # the decision core plans its turn for weeks away (the day's minutes are spent)
    Lead.objects.filter(pk=lead.pk).update(
        next_action="wait", next_due=datetime(2027, 5, 12, 14, 0, tzinfo=UTC), plan_reason=REASON
    )
    agenda = agenda_for(alice, now)
    assert [r.lead.pk for r in agenda.new] == [lead.pk]
    assert agenda.new_total == 1
    assert lead.pk not in [r.lead.pk for r in agenda.waiting]
    row = agenda.new[0]
    assert not row.later and row.when == now  # respond now, not on its rationed turn
    lead.refresh_from_db()
    assert row_for(lead, now, BusinessSettings.current()).section == "new"
    client.force_login(alice)
    page = client.get("/").content.decode()
    assert f'id="row-{lead.pk}"' in page and 'data-section="new"' in page
    assert "Respond now: call" in page and "minutes are spent; at this pace" in page
    assert f'id="row-{lead.pk}"' in client.get("/today/new/").content.decode()


def test_an_enquiry_the_plan_lets_go_is_not_a_new_enquiry(alice, make_lead, stop_clock):
    now = stop_clock(datetime(2027, 4, 19, 15, 0, tzinfo=UTC))
    lead = make_lead(alice, source="web_form")
    Lead.objects.filter(pk=lead.pk).update(next_action="stop", plan_reason="Stop: opted out.")
    agenda = agenda_for(alice, now)
    assert not agenda.new and agenda.new_total == 0
    assert [r.lead.pk for r in agenda.let_go] == [lead.pk]
