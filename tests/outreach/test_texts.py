"""Texts: sent through a Twilio-compatible HTTP API (a real local server here), and the
inbound webhook: signed requests only, replies recorded, STOP opts out."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

import pytest
from django.db import transaction
from django.test import Client

from fairchase.leads.models import Attempt, Lead, Status, Suppression
from fairchase.outreach import outbox
from fairchase.outreach.channels.text import signature
from fairchase.outreach.models import InboundMessage

TOKEN = "test-auth-token"


class MessagesApi(BaseHTTPRequestHandler):
    received: list = []
    status = 201

    def do_POST(self):  # noqa: N802 - http.server's naming
        body = self.rfile.read(int(self.headers["Content-Length"])).decode()
        type(self).received.append(
            {"path": self.path, "auth": self.headers.get("Authorization"), "form": parse_qs(body)}
        )
        self.send_response(type(self).status)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(json.dumps({"sid": f"SM{len(type(self).received):032d}"}).encode())

    def log_message(self, *args):
        pass


@pytest.fixture
def sms_api(settings):
    MessagesApi.received, MessagesApi.status = [], 201
    server = ThreadingHTTPServer(("127.0.0.1", 0), MessagesApi)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings.SMS_API_URL = f"http://127.0.0.1:{server.server_port}/2010-04-01"
    settings.SMS_ACCOUNT_SID, settings.SMS_AUTH_TOKEN, settings.SMS_FROM = (
        "AC123",
        TOKEN,
        "+15005550006",
    )
    yield MessagesApi
    server.shutdown()
    server.server_close()


def _queue_text(lead, user):
    with transaction.atomic():
        return outbox.queue(lead, "text", "", "Hi Ann, it's Alice following up.", user=user)


def _open_all_day_zone() -> str:
    """Contact hours all day, and a zone where it is not Sunday right now (texts respect hours)."""
    from datetime import time
    from zoneinfo import ZoneInfo

    from django.utils import timezone

    from fairchase.leads.models import BusinessSettings

    BusinessSettings.objects.update_or_create(
        pk=BusinessSettings.current().pk,
        defaults={"contact_start": time(0, 0), "contact_end": time(23, 59, 59)},
    )
    return next(
        z
        for z in ("UTC", "Pacific/Kiritimati", "Pacific/Pago_Pago")
        # not Sunday, and not the day's last hour: a test's minutes never cross its end
        if (local := timezone.now().astimezone(ZoneInfo(z))).weekday() != 6 and local.hour < 23
    )


def test_a_text_goes_to_the_messages_api_with_an_opt_out_hint(alice, make_lead, sms_api):
    lead = make_lead(alice, consents=["sms"], phone="+12125550123", timezone=_open_all_day_zone())
    msg = _queue_text(lead, alice)
    assert outbox.send_now(msg) == "sent"
    msg.refresh_from_db()
    [call] = sms_api.received
    assert call["path"] == "/2010-04-01/Accounts/AC123/Messages.json"
    assert call["form"]["To"] == ["+12125550123"] and call["form"]["From"] == ["+15005550006"]
    assert "Reply STOP to opt out." in call["form"]["Body"][0]
    assert msg.provider_id.startswith("SM") and msg.state == "sent"
    assert Attempt.objects.get(lead=lead).channel == "text"


def test_a_rejected_text_fails_without_retrying(alice, make_lead, sms_api):
    from fairchase.outreach.channels import ChannelError
    from fairchase.outreach.channels.text import TextChannel

    sms_api.status = 400
    lead = make_lead(alice, consents=["sms"])
    msg = _queue_text(lead, alice)
    with pytest.raises(ChannelError) as exc:
        TextChannel().send(msg)
    assert exc.value.outcome == "failed"


def _inbound(body: str, sender: str, sid: str, token: str = TOKEN):
    url = "http://testserver/o/sms/inbound"
    params = {"From": sender, "To": "+15005550006", "Body": body, "MessageSid": sid}
    return Client().post(
        "/o/sms/inbound", params, HTTP_X_TWILIO_SIGNATURE=signature(url, params, token)
    )


def test_an_unsigned_or_badly_signed_webhook_is_refused(alice, make_lead, sms_api):
    lead = make_lead(alice, phone="+12125550123")
    assert (
        Client().post("/o/sms/inbound", {"From": "+12125550123", "Body": "STOP"}).status_code == 403
    )
    assert _inbound("STOP", "+12125550123", "SM1", token="wrong").status_code == 403
    assert Lead.objects.get(pk=lead.pk).status == Status.OPEN


def test_stop_opts_out_and_suppresses_the_phone(alice, make_lead, sms_api):
    lead = make_lead(alice, phone="+12125550123", consents=["sms"])
    response = _inbound(" Stop ", "(212) 555-0123", "SM2")
    assert response.status_code == 200 and b"<Response>" in response.content
    assert Lead.objects.get(pk=lead.pk).status == Status.OPTED_OUT
    assert Suppression.objects.filter(value="+12125550123").exists()


def test_a_text_reply_is_recorded_once_and_read(alice, make_lead, sms_api):
    lead = make_lead(alice, phone="+12125550123")
    _inbound("Call me tomorrow at 10am", "+12125550123", "SM3")
    _inbound("Call me tomorrow at 10am", "+12125550123", "SM3")  # the provider retried the webhook
    lead.refresh_from_db()  # a reply is not an attempt of ours: it sets when they responded
    assert lead.responded_at is not None and not Attempt.objects.filter(lead=lead).exists()
    assert InboundMessage.objects.filter(lead=lead).count() == 1
    got = InboundMessage.objects.get()
    assert got.kind == "call_back" and lead.commitments.filter(state="pending").count() == 1


def test_a_text_saying_stop_in_passing_still_says_how_to_opt_out():
    from fairchase.outreach.channels.text import OPT_OUT_HINT, with_opt_out_hint

    for body in ("Hi Ann, I can stop by your office on Tuesday at 10. - Alice", "Non-stop."):
        assert with_opt_out_hint(body) == f"{body}\n{OPT_OUT_HINT}"
    for said in ("Hi Ann. Reply STOP to opt out.", "Hi Ann. Text stop to end these."):
        assert with_opt_out_hint(said) == said
