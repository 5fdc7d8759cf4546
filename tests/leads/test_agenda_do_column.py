"""`fairchase agenda`'s "do" column says what the stored plan says: a wait is a wait (with
its day when the plan has one), only a stop is a stop, and a stop names where it goes."""

from __future__ import annotations

import io
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.core.management import call_command
from django.utils import timezone

from fairchase.leads.models import BusinessSettings, Lead
from fairchase.web.words import plan_do

CHICAGO = ZoneInfo("America/Chicago")


def _row(out: str, name: str) -> str:
    return next(line for line in out.splitlines() if name in line)


def test_a_wait_is_shown_as_a_wait_and_a_stop_as_where_it_goes(alice, make_lead):
    now = timezone.now()
    wings = make_lead(alice, name="Wendy Wings")
    parked = make_lead(alice, name="Pat Parked")
    letgo = make_lead(alice, name="Lou Letgo", consents=["mailing_list"])
    turn = "Wait: today's minutes go to leads worth more per minute; its turn comes later."
    Lead.objects.filter(pk=wings.pk).update(
        next_action="wait",
        priority=2.0,
        next_due=None,
        next_state="",
        plan_reason=turn,
        attempt_count=1,  # tried: a never-tried enquiry is a new one whatever its plan
    )
    Lead.objects.filter(pk=parked.pk).update(
        next_action="wait",
        priority=1.0,
        next_due=None,
        next_state="",
        paused_until=now + timedelta(days=9),
        plan_reason="Wait: out of office.",
        attempt_count=1,
    )
    Lead.objects.filter(pk=letgo.pk).update(
        next_action="stop", priority=0.0, next_state="nurture", plan_reason="Stop: not worth it."
    )
    out = io.StringIO()
    call_command("agenda", user="alice", stdout=out)
    text = out.getvalue()
    assert "wait for its turn" in _row(text, "Wendy Wings")
    day = timezone.localtime(now + timedelta(days=9))  # the tests' business zone: UTC
    assert f"wait until {day.day} {day:%b %Y}" in _row(text, "Pat Parked")
    assert "stop" not in _row(text, "Wendy Wings") and "stop" not in _row(text, "Pat Parked")
    assert "stop → mailing list" in _row(text, "Lou Letgo")


def test_a_wait_is_dated_in_the_business_zone_in_the_terminal_as_on_the_web(
    alice, make_lead, stop_clock
):
    """review24 F18: under its "Times are America/Chicago time" header the terminal said "wait
    until 10 Jan 2030" (the UTC day) for a lead paused until 21:00 Chicago on the 9th, where
    the web said "09 Jan 2030"."""
    BusinessSettings.objects.update_or_create(
        pk=BusinessSettings.current().pk, defaults={"business_timezone": "America/Chicago"}
    )
    now = stop_clock(datetime(2030, 1, 8, 12, 0, tzinfo=CHICAGO))
    lead = make_lead(alice, name="Pia Paused", created_at=now - timedelta(days=1))
    Lead.objects.filter(pk=lead.pk).update(
        next_action="wait",
        next_due=datetime(2030, 1, 9, 21, 0, tzinfo=CHICAGO),
        priority=1.0,
        attempt_count=1,
    )
    lead = Lead.objects.get(pk=lead.pk)
    with timezone.override("America/Chicago"):  # the web's active zone
        on_the_web = plan_do(lead, "", now)
    assert plan_do(lead, "", now) == on_the_web == "wait until 9 Jan 2030"
    out = io.StringIO()
    call_command("agenda", user="alice", stdout=out)
    assert "wait until 9 Jan 2030" in _row(out.getvalue(), "Pia Paused")
