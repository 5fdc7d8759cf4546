"""Today's folded "Follow your calls with a message" section names the leads whose
message waits, and its drafts (rendered emails, once ~13 ms of every load of Today) are
fetched only when a person opens it; without JavaScript each name opens its lead."""

from __future__ import annotations

import pytest
from django.test import Client

from fairchase.leads import actions
from fairchase.outreach.models import MessageTemplate

pytestmark = pytest.mark.usefixtures("open_all_day")  # clicked sends hold at any hour

AFTER_CALL_URL = "/o/today/after-call/"


def _client(user):
    c = Client()
    c.force_login(user)
    return c


def test_today_names_the_called_lead_and_leaves_its_draft_to_the_section(alice, make_lead):
    lead = make_lead(alice, name="Ann Adams")
    actions.log_attempt(lead, "call", "left_message", user=alice)
    html = _client(alice).get("/").content.decode()
    assert 'id="outreach-today"' in html and f'hx-get="{AFTER_CALL_URL}"' in html
    assert f'href="/leads/{lead.pk}/"' in html  # without JavaScript: the lead page
    assert "Email after a voicemail" not in html and f'id="draft-{lead.pk}"' not in html


def test_opening_the_section_fetches_the_voicemail_email(alice, make_lead):
    lead = make_lead(alice, name="Ann Adams")
    actions.log_attempt(lead, "call", "left_message", user=alice)
    html = _client(alice).get(AFTER_CALL_URL, headers={"HX-Request": "true"}).content.decode()
    assert f'id="draft-{lead.pk}"' in html and "Email after a voicemail" in html
    assert "Sorry I missed you, Ann" in html


def test_the_drafts_are_only_the_persons_own_leads(alice, bob, boss, make_lead):
    lead = make_lead(alice, name="Ann Adams")
    actions.log_attempt(lead, "call", "left_message", user=alice)
    for other in (bob, boss):  # the boss may see Ann, but her calls are Alice's to follow
        html = _client(other).get(AFTER_CALL_URL).content.decode()
        assert "Ann Adams" not in html and "draft-" not in html
        assert "Follow your calls" not in _client(other).get("/").content.decode()


def test_the_drafts_need_a_login(alice, make_lead):
    response = Client().get(AFTER_CALL_URL)
    assert response.status_code == 302 and "/login" in response["Location"]


def test_once_the_email_is_sent_the_section_goes_away(alice, make_lead, smtp_server):
    lead = make_lead(alice, name="Ann Adams")
    actions.log_attempt(lead, "call", "left_message", user=alice)
    c = _client(alice)
    assert "Follow your calls" in c.get("/").content.decode()
    t = MessageTemplate.objects.get(purpose="voicemail", channel="email")
    c.post(f"/o/leads/{lead.pk}/send/", {"template": t.pk, "next": "today"})
    assert "Follow your calls" not in c.get("/").content.decode()
    assert "Nothing to send" in c.get(AFTER_CALL_URL).content.decode()
