"""A lead with no email and no phone has no way to reach them, whichever door it came
through (found on the demo: `POST /api/leads {"name": "X9"}` and a walk-in added by hand
were planned "Respond first: visit · 45 min" while an imported contact without one was
let go, and the app keeps no street address to visit). The plan says plainly there is no
way to reach them and to add one; Today lists no try for them."""

from __future__ import annotations

import io

from django.utils import timezone

from fairchase.api.models import ApiToken
from fairchase.intake.importer import import_file
from fairchase.leads.models import Lead
from fairchase.leads.planning import reachable_channels
from fairchase.web.agenda import agenda_for

NO_WAY = "0 ways left to reach them (no email or phone"


def _is_not_chased(lead: Lead, user) -> None:
    lead.refresh_from_db()
    assert reachable_channels(lead) == []
    assert lead.next_action == "stop" and not lead.next_channel, lead.plan_reason
    assert NO_WAY in lead.plan_reason and "add an email or phone" in lead.plan_reason
    agenda = agenda_for(user, timezone.now() + timezone.timedelta(minutes=1))
    assert lead.pk not in [r.lead.pk for r in agenda.new + agenda.followups + agenda.wings]
    assert lead.pk in [r.lead.pk for r in agenda.let_go]


def test_an_api_lead_with_a_name_only_is_not_planned_a_visit(client, alice):
    _token, secret = ApiToken.issue(alice, "tests")
    r = client.post(
        "/api/leads",
        {"name": "X9"},
        content_type="application/json",
        headers={"Authorization": f"Bearer {secret}"},
    )
    assert r.status_code == 201, r.content
    assert r.json()["next_action"] == "stop"
    _is_not_chased(Lead.objects.get(pk=r.json()["id"]), alice)


def test_a_walk_in_added_by_hand_without_email_or_phone_says_there_is_no_way_to_reach_them(
    client, alice
):
    client.force_login(alice)
    r = client.post(
        "/leads/new/",
        {"name": "Walkin NoContact", "source": "walk_in", "timezone": "America/New_York"},
    )
    assert r.status_code == 302, r.content.decode()[:2000]
    lead = Lead.objects.get(name="Walkin NoContact")
    _is_not_chased(lead, alice)
    page = client.get(r["Location"]).content.decode()
    assert NO_WAY in page and "Respond" not in page
    today = client.get("/").content.decode()
    assert "Respond first: visit" not in today and "Respond now: visit" not in today
    # no "Keep chasing" for them, and the reason names what is missing
    let_go = client.get("/today/let-go/rows/").content.decode()
    for html in (page, let_go):
        assert "No email or phone we may use." in html and 'value="keep"' not in html


def test_every_door_plans_a_lead_without_email_or_phone_alike(client, alice):
    rows = b"name,email,phone,source\r\nHank Miller,,,walk_in\r\n"
    assert import_file(io.BytesIO(rows), alice).created == 1
    _is_not_chased(Lead.objects.get(name="Hank Miller"), alice)
