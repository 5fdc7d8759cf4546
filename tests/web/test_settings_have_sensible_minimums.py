"""A try takes at least a minute and the weekly cap is at least one try: 0 minutes for a
call made plans weigh a chance "against $0.00 of your time", and a cap of 0, which the
decision core reads as 1, said one thing and did another. Each is refused next to its
field, saying why, and nothing is saved."""

from __future__ import annotations

from fairchase.leads.models import BusinessSettings

from .test_settings import BUSINESS


def test_zero_minutes_for_a_try_and_a_weekly_cap_of_zero_are_refused(client, boss):
    client.force_login(boss)
    refused = {
        "minutes_call": ("0", "At least 1 minute: every try takes some of someone&#x27;s time."),
        "minutes_text": ("0.5", "At least 1 minute"),
        "max_attempts_per_week": ("0", "At least 1 try a week"),
    }
    for field, (value, said) in refused.items():
        html = client.post("/settings/", {**BUSINESS, field: value}).content.decode()
        assert said in html, field
        s = BusinessSettings.current()
        assert (s.minutes_call, s.minutes_text, s.max_attempts_per_week) == (6, 2, 3), field


def test_the_minimums_themselves_are_accepted(client, boss):
    client.force_login(boss)
    edge = {"minutes_call": "1", "minutes_text": "1", "max_attempts_per_week": "1"}
    client.post("/settings/", {**BUSINESS, **edge})
    s = BusinessSettings.current()
    assert (s.minutes_call, s.minutes_text, s.max_attempts_per_week) == (1, 1, 1)
