"""Today's Stop records the person's decision, not the plan's argument for another try.

Before, a Stop on a lead the plan still wanted to call stored the plan's reason to *call*
("Call Wed 18:32: a referral like this answers...") as the reason it was closed, cut at 200
characters, and closed a lead who had agreed to the mailing list. Now the timeline says
"Stopped by Alice" and where the lead went; a lead with the mailing-list consent goes there
(the core's rule for a stopped lead, `policy.stop_state`); a stop the plan advised keeps the
plan's whole reason, its times said with date and zone as every time on screen."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from django.utils import timezone

from fairchase.leads import actions
from fairchase.leads.models import Lead, Status

CALL_REASON = (
    "Call Wed 18:32: a referral like this answers a 3rd try by call 25.7% of the time, "
    "worth $682 against $5.00 of your time."
)


def _contacted(make_lead, owner, **kw):
    lead = make_lead(owner, created_at=timezone.now() - timedelta(days=4), **kw)
    actions.log_attempt(lead, "call", "no_answer", at=timezone.now() - timedelta(days=3))
    return lead


def _plan(lead, **fields):
    """The plan fields as the decision core would write them."""
    Lead.objects.filter(pk=lead.pk).update(**fields)


def _stop(client, lead) -> str:
    r = client.post(f"/leads/{lead.pk}/outcome/", {"outcome": "stop"}, HTTP_HX_REQUEST="true")
    assert r.status_code == 200
    return r.content.decode()


def _last_reason(lead) -> str:
    return lead.status_changes.order_by("-at", "-pk").first().reason


def test_a_stop_against_the_plan_puts_a_consenting_lead_on_the_mailing_list(
    client, alice, make_lead, stop_clock
):
    stop_clock(datetime(2026, 12, 7, 15, 0, tzinfo=UTC))  # a Monday
    lead = _contacted(make_lead, alice, name="Quinn Dunn", consents=["mailing_list", "sms"])
    _plan(lead, next_action="contact", next_channel="call", next_state="", plan_reason=CALL_REASON)
    client.force_login(alice)
    html = _stop(client, lead)
    lead.refresh_from_db()
    assert lead.status == Status.NURTURE
    assert "Stopped chasing Quinn Dunn: mailing list." in html
    reason = _last_reason(lead)
    assert reason.startswith("Stopped by Alice: to the mailing list (they agreed to it)."), reason
    assert "The plan still said: call." in reason
    assert "answers a 3rd try" not in reason and "18:32" not in reason  # not the case to call


def test_a_stop_against_the_plan_closes_a_lead_without_the_consent(client, alice, make_lead):
    lead = _contacted(make_lead, alice, consents=[])
    _plan(lead, next_action="contact", next_channel="email", next_state="", plan_reason=CALL_REASON)
    client.force_login(alice)
    _stop(client, lead)
    lead.refresh_from_db()
    assert lead.status == Status.CLOSED
    assert _last_reason(lead) == "Stopped by Alice: closed. The plan still said: email."


def test_a_stop_the_plan_advised_keeps_its_whole_reason_with_dated_times(
    client, alice, make_lead, stop_clock
):
    stop_clock(datetime(2026, 12, 7, 15, 0, tzinfo=UTC))  # Monday 7 Dec
    lead = _contacted(make_lead, alice, consents=[])
    why = (
        "Stop: a web-form lead like this answers a 3rd try by email 6.8% of the time, worth "
        "$3.10 against $2.50 of your time and a complaint risk ($5.40); their last message "
        "said Wed 18:32 would suit. Closed: no mailing-list consent, and the value does not "
        "justify a later try."
    )
    assert len(why) > 200
    _plan(lead, next_action="stop", next_state="closed", plan_reason=why)
    client.force_login(alice)
    _stop(client, lead)
    lead.refresh_from_db()
    assert lead.status == Status.CLOSED
    reason = _last_reason(lead)
    assert reason.startswith("Stopped by Alice, as the plan advised: Stop: a web-form lead")
    assert reason.endswith("the value does not justify a later try."), reason  # whole
    assert "Wed 9 Dec 18:32 UTC" in reason, reason  # a time with its date and zone
    html = client.get(f"/leads/{lead.pk}/").content.decode()
    assert "does not justify a later try." in html  # the timeline shows it all
