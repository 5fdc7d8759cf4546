"""Taking back our own mistaken opt-out never lifts the person's own "no" (review29 finding 1).
(a) Zoe unsubscribed from a web form's acknowledgement (her email suppressed, her lead still
open, by design); later a salesperson pressed Record opt-out on her: the owner's "this
opt-out was our mistake" deleted every opt-out suppression on her addresses, the earlier
unsubscribe too, and she was emailed again. (b) After a hand opt-out her own unsubscribe
click or STOP text wrote nothing, so the owner could still take it back and reopen her.
Now restore is refused when any of her addresses was suppressed before the hand opt-out or
she said no again since (a timeline row says so), and lifts only what the opt-out made.
The double submit of the restore form answers "Already done", not a false refusal."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

from django.urls import reverse

from fairchase.leads import actions
from fairchase.leads.models import Lead, Status, StatusChange, Suppression
from fairchase.outreach.inbound import record_stop_text
from fairchase.outreach.receipts import stop_emailing
from fairchase.outreach.tokens import make_token
from fairchase.web.once import ALREADY

T0 = datetime(2026, 12, 1, 15, 0, tzinfo=UTC)
EMAIL, PHONE = "zoe@example.com", "+13125550105"


def _hand_opt_out(client, alice, make_lead, stop_clock, *, before=None) -> Lead:
    stop_clock(T0)
    zoe = make_lead(alice, name="Zoe Nash", email=EMAIL, phone=PHONE)
    if before:
        before()
    stop_clock(T0 + timedelta(hours=1))
    client.force_login(alice)
    client.post(f"/leads/{zoe.pk}/opt-out/")
    assert Lead.objects.get(pk=zoe.pk).status == Status.OPTED_OUT
    stop_clock(T0 + timedelta(hours=2))
    return zoe


def _refused(client, boss, zoe) -> None:
    client.force_login(boss)
    assert "restore-opt-out" not in client.get(f"/leads/{zoe.pk}/").content.decode()
    r = client.post(f"/leads/{zoe.pk}/restore-opt-out/", {"why": "pressed on the wrong lead"})
    assert r.status_code == 200
    assert Lead.objects.get(pk=zoe.pk).status == Status.OPTED_OUT
    assert actions.mistaken_opt_out(Lead.objects.get(pk=zoe.pk)) is None
    assert Suppression.objects.filter(value=EMAIL, reason="opt-out").exists()


def test_an_earlier_unsubscribe_is_not_lifted_with_our_opt_out(
    client, alice, boss, make_lead, stop_clock
):
    zoe = _hand_opt_out(client, alice, make_lead, stop_clock, before=lambda: stop_emailing(EMAIL))
    _refused(client, boss, zoe)


def test_her_unsubscribe_click_after_our_opt_out_is_hers(
    client, alice, boss, make_lead, stop_clock
):
    zoe = _hand_opt_out(client, alice, make_lead, stop_clock)
    client.logout()
    client.post(reverse("outreach:unsubscribe", args=[make_token(zoe, "email")]))
    assert StatusChange.objects.filter(
        lead=zoe, reason__startswith=actions.ASKED_AGAIN, user=None
    ).exists()
    _refused(client, boss, zoe)


def test_her_stop_text_after_our_opt_out_is_hers(client, alice, boss, make_lead, stop_clock):
    zoe = _hand_opt_out(client, alice, make_lead, stop_clock)
    at = T0 + timedelta(hours=2)
    fresh = Lead.objects.get(pk=zoe.pk)  # opted out, as the text's handler reads it
    record_stop_text(key="sms-1", lead=fresh, phone=PHONE, body="STOP", received_at=at)
    _refused(client, boss, zoe)
    assert Suppression.objects.filter(value=PHONE, reason="opt-out").exists()


def test_our_slip_alone_is_taken_back_once(client, alice, boss, make_lead, stop_clock):
    zoe = _hand_opt_out(client, alice, make_lead, stop_clock)
    client.force_login(boss)
    page = client.get(f"/leads/{zoe.pk}/").content.decode()
    form = page[page.index('id="restore-opt-out"') :]
    key = re.search(r'name="once" value="([0-9a-f]+)"', form).group(1)
    data = {"why": "pressed on the wrong lead", "once": key}
    assert client.post(f"/leads/{zoe.pk}/restore-opt-out/", data).status_code == 302
    assert Lead.objects.get(pk=zoe.pk).status == Status.OPEN
    assert not Suppression.objects.filter(value__in=[EMAIL, PHONE]).exists()
    again = client.post(f"/leads/{zoe.pk}/restore-opt-out/", data, follow=True)
    assert ALREADY in again.content.decode()
