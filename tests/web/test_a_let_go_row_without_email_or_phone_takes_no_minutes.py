"""A lead with no email and no phone has no channel (`reachable_channels` gives none), so its
"let go" row on Today names no channel and no minutes: it said "· 45 min", a visit guessed
for it although the app keeps no street address to visit. Its let-go row, the section's
"see all" page, the card an Undo puts back and the API's agenda agree."""

from __future__ import annotations

import re

from django.utils import timezone

from fairchase.api.models import ApiToken
from fairchase.leads.models import BusinessSettings, Lead
from fairchase.web.agenda import agenda_for, row_for


def _walk_in(client, alice) -> Lead:
    client.force_login(alice)
    r = client.post(
        "/leads/new/",
        {"name": "Walkin NoContact", "source": "walk_in", "timezone": "America/New_York"},
    )
    assert r.status_code == 302, r.content.decode()[:2000]
    lead = Lead.objects.get(name="Walkin NoContact")
    assert lead.next_action == "stop" and not lead.next_channel, lead.plan_reason
    return lead


def _card(html: str, lead: Lead) -> str:
    found = re.search(rf'<li [^>]*id="row-{lead.pk}".*?</li>', html, re.S)
    assert found, html[:3000]
    return found.group(0)


def _no_minutes(card: str) -> None:
    assert "Let go" in card and "No email or phone we may use." in card
    assert " min<" not in card and "45 min" not in card and "visit" not in card.lower()


def test_a_walk_in_without_email_or_phone_is_let_go_with_no_channel_and_no_minutes(client, alice):
    lead = _walk_in(client, alice)
    now = timezone.now()
    rows = [r for r in agenda_for(alice, now).let_go if r.lead.pk == lead.pk]
    assert [(r.channel, r.minutes) for r in rows] == [("", 0.0)]
    r = row_for(Lead.objects.get(pk=lead.pk), now, BusinessSettings.current())
    assert (r.section, r.channel, r.minutes) == ("let_go", "", 0.0)
    _no_minutes(_card(client.get("/today/let-go/rows/").content.decode(), lead))
    _no_minutes(_card(client.get("/today/let_go/").content.decode(), lead))
    # Let go, then Undo: the card put back says the same
    done = client.post(
        f"/leads/{lead.pk}/outcome/", {"outcome": "stop", "row": "let_go"}, HTTP_HX_REQUEST="true"
    ).content.decode()
    token = re.search(r'name="token" value="([^"]+)"', done).group(1)
    back = client.post(
        f"/leads/{lead.pk}/undo/", {"token": token}, HTTP_HX_REQUEST="true"
    ).content.decode()
    _no_minutes(_card(back, lead))


def test_the_api_agenda_gives_a_lead_without_email_or_phone_no_channel(client, alice):
    lead = _walk_in(client, alice)
    _token, secret = ApiToken.issue(alice, "tests")
    r = client.get("/api/agenda", headers={"Authorization": f"Bearer {secret}"})
    assert r.status_code == 200, r.content
    item = next(i for i in r.json()["let_go"] if i["id"] == lead.pk)
    assert (item["action"], item["channel"], item["minutes"]) == ("stop", "", 0.0)
