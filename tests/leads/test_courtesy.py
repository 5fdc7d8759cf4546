"""Courtesy from the database up: nobody whose every address is suppressed is offered as a
contact, a reply is not an attempt of ours, and the weekly cap counts only our tries."""

from __future__ import annotations

import json
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from fairchase.intake.models import CaptureForm
from fairchase.leads import actions
from fairchase.leads.models import Attempt, Lead, Status, Suppression
from fairchase.leads.planning import reachable_channels
from fairchase.outreach.drafts import draft_for

CONTACT_SECTIONS = ("new", "followups", "wings")


def _by_hand(client, owner, name, email, phone):
    client.force_login(owner)
    r = client.post(
        "/leads/new/",
        {"name": name, "email": email, "phone": phone, "source": "referral", "value": "900"},
    )
    # a person with an active lead is not added twice: the form says so (200) instead
    assert r.status_code == 302 or "not added" in r.content.decode(), r.content.decode()[:2000]


def _by_capture(client, owner, name, email, phone):
    form = CaptureForm.objects.create(name="Website", owner=owner)
    r = client.post(
        f"/in/f/{form.webhook_key}/json/",
        json.dumps({"name": name, "email": email, "phone": phone}),
        content_type="application/json",
        REMOTE_ADDR="203.0.113.9",
    )
    assert r.status_code in (200, 201, 202), r.content.decode()[:2000]


def _by_api(client, owner, name, email, phone, token_for=None):
    from fairchase.api.models import ApiToken

    _token, secret = ApiToken.issue(owner, "tests")
    r = client.post(
        "/api/leads",
        {"name": name, "email": email, "phone": phone, "source": "referral", "value": 900},
        content_type="application/json",
        headers={"Authorization": f"Bearer {secret}"},
    )
    assert r.status_code in (200, 201), r.content.decode()[:2000]  # 200: joined their lead


def _by_import(client, owner, name, email, phone):
    import tempfile

    with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False) as f:
        f.write(f"Name,Email,Phone\n{name},{email},{phone}\n")
    out = StringIO()
    call_command("import", f.name, "--owner", owner.username, stdout=out)
    # a new lead, or a row that is a stored opted-out record, which it leaves as it is
    assert Lead.objects.filter(name=name).exists() or "who opted out" in out.getvalue()


CREATE = {
    "by hand": _by_hand,
    "by capture": _by_capture,
    "by the API": _by_api,
    "by import": _by_import,
}


def _earlier_person(alice, make_lead, how: str, email: str, phone: str):
    """The same person met before: opted out, or their email bounced (and they gave no phone)."""
    earlier = make_lead(alice, name="Earlier Self", email=email, phone=phone)
    if how == "opted out":
        actions.opt_out(earlier, user=alice)
    else:
        actions.log_attempt(earlier, "email", "bounced")


def _contacts_everywhere(client, owner, name: str) -> list[str]:
    """Where `name` is offered as someone to contact: Today, the API's agenda, `fairchase agenda`."""
    from fairchase.api.models import ApiToken

    found = []
    client.force_login(owner)
    html = client.get("/").content.decode()
    for section in ("section-new", "section-followups", "section-commitments"):
        if section in html and name in html.split(f'id="{section}"')[1].split("</section>")[0]:
            found.append(f"Today {section}")
    _token, secret = ApiToken.issue(owner, "agenda check")
    agenda = client.get("/api/agenda", headers={"Authorization": f"Bearer {secret}"}).json()
    for section in CONTACT_SECTIONS:
        if any(item["name"] == name for item in agenda[section]):
            found.append(f"API {section}")
    out = StringIO()
    call_command("agenda", "--user", owner.username, "--width", "200", stdout=out)
    text = out.getvalue()
    offered = text.split("Ready to let go")[0] if "Ready to let go" in text else text
    if name in offered:
        found.append("fairchase agenda")
    return found


@pytest.mark.parametrize("how", ["opted out", "bounced"])
@pytest.mark.parametrize("create", list(CREATE))
def test_a_lead_whose_every_address_is_suppressed_is_never_offered_as_a_contact(
    client, alice, make_lead, how, create
):
    phone = "+12125550177" if how == "opted out" else ""
    _earlier_person(alice, make_lead, how, "ann@example.com", phone)
    CREATE[create](client, alice, "Ann Again", "Ann@Example.com", phone)
    # an enquiry through a form or the API joins the person's active lead (a bounced one is
    # still active), and Add lead by hand refuses to make a second one
    # (an import of a row that is an opted-out record leaves that record as it is)
    joined = (create in ("by capture", "by the API", "by hand") and how == "bounced") or (
        create == "by import" and how == "opted out"
    )
    name = "Earlier Self" if joined else "Ann Again"
    lead = Lead.objects.get(name=name)
    assert reachable_channels(lead) == []
    assert lead.next_action != "contact", lead.plan_reason
    assert _contacts_everywhere(client, alice, name) == []
    assert draft_for(lead) is None  # no message drafted to an address that opted out or bounced
    # the test can fail: the same person with an address left is to be contacted
    CREATE[create](client, alice, "Ann Reachable", "ann.other@example.com", "")
    assert Lead.objects.get(name="Ann Reachable").next_action == "contact"
    if create != "by import":  # imported contacts are due as follow-ups, inside contact hours
        assert _contacts_everywhere(client, alice, "Ann Reachable") != []


def test_a_lead_with_one_address_left_is_contacted_only_there(alice, make_lead):
    # a bounced address (an opted-out one would block the person's every address)
    actions.suppress("bo@example.com", Suppression.Kind.EMAIL, "bounce")
    lead = make_lead(alice, email="bo@example.com", phone="+12125550179")
    assert reachable_channels(lead) == ["call"]
    assert (lead.next_action, lead.next_channel) == ("contact", "call")


def test_a_reply_is_not_an_attempt_it_marks_our_latest_try_replied(alice, make_lead):
    lead = make_lead(alice, created_at=timezone.now() - timedelta(days=2))
    sent = timezone.now() - timedelta(hours=3)
    actions.log_attempt(lead, "email", "no_answer", at=sent - timedelta(days=1))
    latest = actions.log_attempt(lead, "email", "no_answer", at=sent)
    replied_at = timezone.now() - timedelta(minutes=5)
    actions.record_reply(lead, "email", at=replied_at, text="Yes, call me")
    lead.refresh_from_db()
    assert Attempt.objects.filter(lead=lead).count() == 2 and lead.attempt_count == 2
    assert Attempt.objects.get(pk=latest.pk).outcome == "replied"
    assert list(Attempt.objects.filter(lead=lead).values_list("outcome", flat=True)) == [
        "no_answer",
        "replied",
    ]
    assert lead.responded_at == replied_at and lead.status == Status.ENGAGED


def test_a_lead_who_writes_back_after_two_tries_is_answered_without_waiting_for_the_weekly_cap(
    alice, make_lead
):
    lead = make_lead(alice, created_at=timezone.now() - timedelta(days=4))
    now = timezone.now()
    for days in (3, 2):  # two tries of ours; the weekly cap is 3
        actions.log_attempt(lead, "email", "no_answer", at=now - timedelta(days=days, hours=1))
    actions.record_reply(lead, "email", at=now - timedelta(minutes=1))
    lead.refresh_from_db()
    assert lead.next_action == "contact"
    # were the reply a third attempt, the answer would wait until the first try leaves the
    # week (now + 3 days 23 hours); contact hours alone delay it at most a weekend night
    assert lead.next_due < now + timedelta(days=2, hours=12), (lead.next_due, lead.plan_reason)


def test_every_address_of_an_opted_out_person_is_suppressed(alice, make_lead):
    lead = make_lead(alice, email="cy@example.com", phone="+12125550180")
    actions.opt_out(lead)
    assert set(Suppression.objects.values_list("value", flat=True)) == {
        "cy@example.com",
        "+12125550180",
    }
