"""The inbound-text webhook can be set up from README alone: its URL, the fields it reads
and the signature rule, checked by signing a STOP exactly as the manual says (eval30 #17)."""

import base64
import hashlib
import hmac
from pathlib import Path

from django.test import Client, override_settings
from django.urls import reverse

from fairchase.leads.models import Lead, Status

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")


def test_the_manual_names_the_url_the_fields_and_the_signature():
    assert f"`<SITE_URL>{reverse('outreach:sms_inbound')}`" in README
    for said in ("`From`", "`Body`", "`MessageSid`", "`X-Twilio-Signature`", "`SMS_AUTH_TOKEN`"):
        assert said in README, said


@override_settings(SMS_AUTH_TOKEN="manual-token", SITE_URL="https://sales.example.com")
def test_a_stop_signed_as_the_manual_says_opts_the_number_out(alice, make_lead):
    lead = make_lead(alice, phone="+12125550123")
    params = {"From": "+12125550123", "Body": "STOP", "MessageSid": "SMmanual1"}
    # HMAC-SHA1 (base64) keyed with SMS_AUTH_TOKEN over the URL and each field, sorted.
    signed = "https://sales.example.com/o/sms/inbound" + "".join(
        k + params[k] for k in sorted(params)
    )
    sig = base64.b64encode(hmac.new(b"manual-token", signed.encode(), hashlib.sha1).digest())
    r = Client().post("/o/sms/inbound", params, HTTP_X_TWILIO_SIGNATURE=sig.decode())
    assert r.status_code == 200 and b"<Response></Response>" in r.content
    assert Lead.objects.get(pk=lead.pk).status == Status.OPTED_OUT
