"""Today's minutes line says whose minutes they are, as the line where the follow-ups run
out does: on an owner's Everyone's Today (`/?owner=all`) the new enquiries and promises take
"Everyone's 30 selling minutes", not "Your" (they are the whole team's), and more than "the
team has"; on a person's own Today they are theirs."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from django.test import Client

from fairchase.leads.models import BusinessSettings


@pytest.fixture(autouse=True)
def _a_tuesday_morning(stop_clock):
    stop_clock(datetime(2030, 1, 8, 10, 0, tzinfo=UTC))


def _page(user, path="/"):
    c = Client()
    c.force_login(user)
    return c.get(path).content.decode()


def test_everyones_today_says_the_minutes_are_everyones(alice, boss, make_lead):
    BusinessSettings.objects.update_or_create(
        pk=BusinessSettings.current().pk, defaults={"daily_minutes": 30}
    )
    for n in range(8):  # new enquiries that take more than the day's minutes
        make_lead(alice, name=f"New {n}")
    boss = type(boss).objects.get(pk=boss.pk)
    team = _page(boss, "/?owner=all")
    assert "Everyone&#x27;s 30 selling minutes today go to new enquiries" in team
    assert "Your 30 selling minutes" not in team and "than you have" not in team
    assert "more than the team has" in team
    mine = _page(alice)
    assert "Your 30 selling minutes today go to new enquiries" in mine
    assert "more than you have" in mine
