"""`fairchase agenda`'s "do" column says what the stored plan says: a wait is a wait (with
its day when the plan has one), only a stop is a stop, and a stop names where it goes."""

from __future__ import annotations

import io
from datetime import timedelta

from django.core.management import call_command
from django.utils import timezone

from fairchase.leads.models import Lead


def _row(out: str, name: str) -> str:
    return next(line for line in out.splitlines() if name in line)


def test_a_wait_is_shown_as_a_wait_and_a_stop_as_where_it_goes(alice, make_lead):
    now = timezone.now()
    wings = make_lead(alice, name="Wendy Wings")
    parked = make_lead(alice, name="Pat Parked")
    letgo = make_lead(alice, name="Lou Letgo", consents=["mailing_list"])
    turn = "Wait: today's minutes go to leads worth more per minute; its turn comes later."
    Lead.objects.filter(pk=wings.pk).update(
        next_action="wait", priority=2.0, next_due=None, next_state="", plan_reason=turn
    )
    Lead.objects.filter(pk=parked.pk).update(
        next_action="wait",
        priority=1.0,
        next_due=None,
        next_state="",
        paused_until=now + timedelta(days=9),
        plan_reason="Wait: out of office.",
    )
    Lead.objects.filter(pk=letgo.pk).update(
        next_action="stop", priority=0.0, next_state="nurture", plan_reason="Stop: not worth it."
    )
    out = io.StringIO()
    call_command("agenda", user="alice", stdout=out)
    text = out.getvalue()
    assert "wait for its turn" in _row(text, "Wendy Wings")
    day = timezone.localtime(now + timedelta(days=9))
    assert f"wait until {day:%d %b %Y}" in _row(text, "Pat Parked")
    assert "stop" not in _row(text, "Wendy Wings") and "stop" not in _row(text, "Pat Parked")
    assert "stop → mailing list" in _row(text, "Lou Letgo")
