"""The minutes line costs every item of a section, not only the rows Today shows: Everyone's
view said "105 for new enquiries + 66 for commitments" while each person's own Today (each
showing all of theirs) summed to 129 and 87, because only the first 20 new enquiries and
25 commitments were costed. One aggregate query per section that overflows the page."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from django.utils import timezone

from fairchase.leads import actions
from fairchase.leads.models import BusinessSettings, Lead
from fairchase.web import agenda as agenda_module
from fairchase.web.agenda import agenda_for, channel_minutes, row_for, section_leads
from fairchase.web.agenda_sql import section_minutes


def test_new_enquiries_beyond_the_page_take_their_minutes(
    alice, make_lead, stop_clock, monkeypatch
):
    stop_clock(datetime(2030, 1, 8, 10, 0, tzinfo=UTC))  # a Tuesday morning
    monkeypatch.setattr(agenda_module, "NEW_LIMIT", 2)
    make_lead(alice, name="Phone And Mail")
    make_lead(alice, name="Mail Only", phone="")
    make_lead(alice, name="Phone Only", email="")
    make_lead(alice, name="Another")
    now, business = timezone.now(), BusinessSettings.current()
    every = [row_for(lead, now, business) for lead in section_leads(alice, now, "new")]
    assert len(every) == 4 and {r.channel for r in every} >= {"call", "email"}
    agenda = agenda_for(alice, now)
    assert len(agenda.new) == 2 and agenda.new_total == 4
    assert agenda.minutes_new == sum(r.minutes for r in every)
    assert agenda.minutes_new > sum(r.minutes for r in agenda.new)


def test_commitments_beyond_the_page_take_their_minutes(alice, make_lead, stop_clock, monkeypatch):
    stop_clock(datetime(2030, 1, 8, 10, 0, tzinfo=UTC))
    monkeypatch.setattr(agenda_module, "COMMITMENT_LIMIT", 2)
    for i, channel in enumerate(["call", "email", "email", ""]):
        lead = make_lead(alice, name=f"Promised {i}", created_at=timezone.now() - timedelta(days=4))
        actions.log_attempt(lead, "call", "no_answer", at=timezone.now() - timedelta(days=3))
        actions.add_commitment(
            lead, by="us", what="send the quote", due_at=timezone.now() + timedelta(hours=2)
        )
        Lead.objects.filter(pk=lead.pk).update(next_channel=channel)
    lead = make_lead(alice, name="Their Promise", created_at=timezone.now() - timedelta(days=4))
    actions.add_commitment(lead, by="lead", what="call us", due_at=timezone.now())
    minutes = channel_minutes(BusinessSettings.current())
    agenda = agenda_for(alice, timezone.now())
    assert len(agenda.commitments) == 2 and agenda.commitments_total == 5
    # ours only (theirs takes none of our minutes); a step without a channel counts a call
    expected = minutes["call"] + 2 * minutes["email"] + minutes["call"]
    assert agenda.minutes_commitments == expected


def test_a_section_sum_costs_no_call_to_a_suppressed_phone_as_row_for_does(alice, make_lead):
    # a shared number whose other user opted out: suppressed for every lead on it
    actions.opt_out(make_lead(alice, name="Someone Else", phone="+12125550188", email=""))
    only_phone = make_lead(alice, name="Phone Blocked", phone="+12125550188", email="")
    with_email = make_lead(alice, name="Mail Left", phone="+12125550188", email="ml@example.com")
    now, business = timezone.now(), BusinessSettings.current()
    minutes = channel_minutes(business)
    for lead, expected in ((only_phone, 0.0), (with_email, minutes["email"])):
        Lead.objects.filter(pk=lead.pk).update(next_channel="")  # a plan naming no channel
        lead.refresh_from_db()
        assert row_for(lead, now, business).minutes == expected
        assert section_minutes(Lead.objects.filter(pk=lead.pk), minutes) == expected
