"""An open lead whose only email bounced (or whose only phone is suppressed) has no channel we
may use, so its "let go" row on Today names none and takes no minutes, like a lead with no
address at all. Its row guessed "email" or "call" from the address alone, blocked or not,
and said "· 5 min". The let-go rows, the section's "see all" page and one lead's row agree;
a lead with a blocked phone and a good email is still offered the email."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone

from fairchase.leads import actions
from fairchase.leads.models import BusinessSettings, Lead
from fairchase.web.agenda import let_go_for, row_for


def _card(html: str, lead: Lead) -> str:
    found = re.search(rf'<li [^>]*id="row-{lead.pk}".*?</li>', html, re.S)
    assert found, html[:3000]
    return found.group(0)


@pytest.mark.parametrize(
    "email, phone, blocked",
    [
        ("eve@example.com", "", "eve@example.com"),  # her only email bounced
        ("", "+12125550199", "+12125550199"),  # his only phone is suppressed
    ],
)
def test_a_let_go_row_whose_addresses_are_all_blocked_names_no_channel(
    client, alice, make_lead, email, phone, blocked
):
    lead = make_lead(alice, name="Blocked Lead", email=email, phone=phone)
    actions.suppress(blocked, "email" if email else "phone", "bounce")
    lead.refresh_from_db()
    assert lead.status == "open" and lead.next_action == "stop", lead.plan_reason
    assert not lead.next_channel
    now = timezone.now()
    rows = [r for r in let_go_for(alice, now).let_go if r.lead.pk == lead.pk]
    assert [(r.channel, r.minutes) for r in rows] == [("", 0.0)]
    r = row_for(lead, now, BusinessSettings.current())
    assert (r.section, r.channel, r.minutes) == ("let_go", "", 0.0)
    client.force_login(alice)
    for url in ("/today/let-go/rows/", "/today/let_go/"):
        card = _card(client.get(url).content.decode(), lead)
        assert "Let go" in card and " min<" not in card, card


def test_a_blocked_phone_leaves_the_email_as_the_rows_channel(alice, make_lead):
    lead = make_lead(alice, name="Half Blocked", email="hal@example.com", phone="+12125550198")
    actions.suppress("+12125550198", "phone", "opt-out")
    lead.refresh_from_db()
    Lead.objects.filter(pk=lead.pk).update(next_action="stop", next_channel="")
    lead.refresh_from_db()
    r = row_for(lead, timezone.now(), BusinessSettings.current())
    assert (r.channel, r.minutes > 0) == ("email", True)
