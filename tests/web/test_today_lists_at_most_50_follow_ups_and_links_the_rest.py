"""Today lists at most 50 follow-ups (a person makes 30 to 60 contacts a day), the best first,
and says where it stops: the rest are a click away on the section's full list, and the day's
minutes and counts still take them all. Before, a day with minutes for 200 short contacts
rendered 200 cards (and the wings below them) on every visit."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from html import unescape

from django.utils import timezone

from fairchase.api.models import ApiToken
from fairchase.leads import actions
from fairchase.leads.models import BusinessSettings, Lead
from fairchase.web.agenda import FOLLOWUPS_SHOWN


def _due(make_lead, owner, n: int) -> list[Lead]:
    """`n` contacted leads whose plan says call now, best first (plan fields as the core writes
    them)."""
    leads = []
    for i in range(n):
        lead = make_lead(owner, name=f"Due {i:02d}", created_at=timezone.now() - timedelta(days=4))
        actions.log_attempt(lead, "call", "no_answer", at=timezone.now() - timedelta(days=3))
        Lead.objects.filter(pk=lead.pk).update(
            next_action="contact",
            next_channel="call",
            next_due=timezone.now() - timedelta(minutes=5),
            priority=100.0 - i,
        )
        leads.append(lead)
    return leads


def _followups(html: str) -> str:
    return html.split('id="section-followups"')[1].split("</section>")[0]


def test_today_lists_the_best_50_follow_ups_and_links_the_other_10(
    client, alice, make_lead, stop_clock
):
    stop_clock(datetime(2030, 1, 8, 9, 0, tzinfo=UTC))  # a Tuesday morning: a contact day
    BusinessSettings.objects.filter(pk=BusinessSettings.current().pk).update(
        daily_minutes=600, minutes_call=5
    )
    leads = _due(make_lead, alice, FOLLOWUPS_SHOWN + 10)  # 60 calls: 300 of the 600 minutes
    client.force_login(alice)
    html = unescape(client.get("/").content.decode())
    section = _followups(html)
    listed = [int(pk) for pk in re.findall(r'id="row-(\d+)"', section)]
    assert listed == [lead.pk for lead in leads[:FOLLOWUPS_SHOWN]]  # the best, in their order
    assert 'id="count-followups">60<' in section
    assert "The first 50 follow-ups, best first" in section
    assert "The other 10 due today are on the full list." in section
    assert "10 more due today: see all 60" in section
    assert 'id="budget-line"' not in section  # the minutes do not run out where the list stops
    assert "300 for follow-ups" in html  # every follow-up that fits takes its minutes
    everything = client.get("/today/followups/?page=2").content.decode()
    assert [int(pk) for pk in re.findall(r'id="row-(\d+)"', everything)] == [
        lead.pk for lead in leads[FOLLOWUPS_SHOWN:]
    ]
    _token, secret = ApiToken.issue(alice, "tests")
    api = client.get("/api/agenda", headers={"Authorization": f"Bearer {secret}"}).json()
    assert len(api["followups"]) == 60  # the API lists the day whole


def test_a_day_that_fits_the_page_shows_every_follow_up_and_the_line(
    client, alice, make_lead, stop_clock
):
    stop_clock(datetime(2030, 1, 8, 9, 0, tzinfo=UTC))
    BusinessSettings.objects.filter(pk=BusinessSettings.current().pk).update(
        daily_minutes=20, minutes_call=5
    )
    leads = _due(make_lead, alice, 6)  # 4 fit the 20 minutes, 2 wait in the wings
    client.force_login(alice)
    section = _followups(client.get("/").content.decode())
    assert [int(pk) for pk in re.findall(r'id="row-(\d+)"', section)] == [x.pk for x in leads]
    assert 'id="budget-line"' in section and 'id="followups-cut"' not in section
