"""Compose offers "Text message" only when texts are set up on this server
(`texting.configured`): sending one is refused otherwise, so the menu says email only
and why. Before, it offered a text that could never go."""

from __future__ import annotations

from fairchase import texting

SMS = {
    "SMS_API_URL": "http://127.0.0.1:9/messages",
    "SMS_ACCOUNT_SID": "AC1",
    "SMS_AUTH_TOKEN": "t",
    "SMS_FROM": "+15555550100",
}


def test_text_is_offered_only_when_set_up(client, alice, make_lead, settings):
    lead = make_lead(alice, consents=["sms"])
    client.force_login(alice)
    for name in texting.SETTINGS:
        setattr(settings, name, "")
    html = client.get(f"/o/leads/{lead.pk}/compose/").content.decode()
    assert 'value="email"' in html and 'value="text"' not in html
    assert "Text messages: not set up on this server" in html
    for name, value in SMS.items():
        setattr(settings, name, value)
    html = client.get(f"/o/leads/{lead.pk}/compose/").content.decode()
    assert 'value="text"' in html and "not set up" not in html
