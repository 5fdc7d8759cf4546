"""The Today (and lead page) outcome button logs a try only on one of the app's channels,
as the log form and the API do (`actions.check_channel`): "pigeon" is a 400 saying which
channels there are, and nothing is logged. A revisit date follows one rule everywhere
(`actions.check_revisit`: ahead, within the API's `Due` window): 1 Jan 1999 is refused on
the lead page as by the API. Before, the button stored an attempt "by pigeon" (exported too) and the
lead page parked a lead to revisit in 1999."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.messages import get_messages
from django.utils import timezone

from fairchase.api.models import ApiToken
from fairchase.leads import actions
from fairchase.leads.models import Status


def test_an_unknown_channel_is_a_400_and_logs_nothing(client, alice, make_lead):
    lead = make_lead(alice)
    client.force_login(alice)
    url = f"/leads/{lead.pk}/outcome/"
    r = client.post(url, {"outcome": "no_answer", "channel": "pigeon"})
    assert r.status_code == 400
    assert "Unknown channel 'pigeon': one of call, email, text, visit." in r.content.decode()
    r = client.post(url, {"outcome": "no_answer", "channel": "pigeon"}, HTTP_HX_REQUEST="true")
    assert r.status_code == 400
    assert not lead.attempts.exists()
    r = client.post(url, {"outcome": "no_answer", "channel": "call"})
    assert r.status_code == 302 and list(lead.attempts.values_list("channel", flat=True)) == [
        "call"
    ]


def test_the_action_refuses_an_unknown_channel_whoever_calls_it(alice, make_lead):
    lead = make_lead(alice)
    try:
        actions.log_attempt(lead, "pigeon", "no_answer")
    except actions.ActionError as exc:
        assert "Unknown channel" in str(exc)
    else:
        raise AssertionError("logged by pigeon")
    assert not lead.attempts.exists()


def test_a_revisit_in_1999_is_refused_on_the_lead_page_as_by_the_api(client, alice, make_lead):
    lead = make_lead(alice)
    client.force_login(alice)
    body = {"next_state": "revisit", "revisit_at": "1999-01-01T10:00", "reason": ""}
    r = client.post(f"/leads/{lead.pk}/stop/", body)
    assert r.status_code == 200  # the form again, as typed, its error beside the date
    said = " ".join(str(m) for m in get_messages(r.wsgi_request))
    assert "Not stopped" in said and "must be in the future" in said, said
    lead.refresh_from_db()
    assert lead.status == Status.OPEN and lead.revisit_at is None
    _token, secret = ApiToken.issue(alice, "tests")
    r = client.post(
        f"/api/leads/{lead.pk}/stop",
        {**body, "revisit_at": "1999-01-01T10:00:00Z"},
        content_type="application/json",
        headers={"Authorization": f"Bearer {secret}"},
    )
    assert r.status_code == 422 and "at most 1 year in the past" in str(r.json())
    try:  # and the action itself, whoever calls it
        actions.stop_chasing(lead, "revisit", revisit_at=timezone.now() - timedelta(days=366))
    except actions.ActionError as exc:
        assert "must be in the future" in str(exc)
    else:
        raise AssertionError("stopped into a revisit over a year ago")
    # a day ahead is the same rule's inside, on both
    fine = (timezone.localtime() + timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    r = client.post(f"/leads/{lead.pk}/stop/", {**body, "revisit_at": fine})
    lead.refresh_from_db()
    assert lead.status == Status.REVISIT
