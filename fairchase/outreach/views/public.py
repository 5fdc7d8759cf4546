"""Endpoints for people outside the app: the unsubscribe page (token is the only
authority) and the text provider's inbound webhook (its signature is)."""

from __future__ import annotations

import logging

from django.conf import settings
from django.db import transaction
from django.http import HttpResponse, HttpResponseForbidden
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from fairchase.leads import actions
from fairchase.leads.models import Lead, Suppression
from fairchase.leads.normalize import InvalidContact, normalize_phone
from fairchase.leads.same_person import first_holders

from ..channels.text import valid_signature
from ..former import unsubscribed_at_former_address
from ..inbound import read_and_record_text, record_stop_text
from ..models import InboundMessage
from ..reading.cues import carrier_keyword
from ..receipts import stop_emailing
from ..tokens import read_address_token, read_former, read_token

log = logging.getLogger("fairchase.outreach")
TWIML_EMPTY = '<?xml version="1.0" encoding="UTF-8"?><Response></Response>'


# The token is the authority, and mail providers' one-click POST (RFC 8058) carries no
# cookie or CSRF token: exempt this view only.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token: str):
    """GET asks for confirmation and changes nothing (mail scanners follow links); POST opts out."""
    found = read_token(token)
    if found is None and (address := read_address_token(token)) is not None:
        return _unsubscribe_address(request, address)
    if found is None:
        return _former_address(request, token)
    lead, channel = found
    if request.method == "GET":
        return render(
            request, "outreach/unsubscribe.html", {"lead": lead, "channel": channel, "token": token}
        )
    # Asked again (say after a STOP text), it still blocks this address: opt_out is idempotent.
    one_click = request.POST.get("List-Unsubscribe") == "One-Click"
    actions.opt_out(
        lead,
        channel=channel,
        shown=("email",) if channel == "email" else ("phone",),  # the address it went to
        reason="Unsubscribed with the one-click link"
        if one_click
        else "Unsubscribed on the confirmation page",
    )
    return render(request, "outreach/unsubscribe_done.html", {"lead": lead, "channel": channel})


def _former_address(request, token: str):
    """A link sent to an address the lead no longer has: that address is never written to
    again (POST), and the lead is held for a person (`unsubscribed_at_former_address`)."""
    former = read_former(token)
    if former is None:
        return render(request, "outreach/unsubscribe_invalid.html", status=404)
    lead, channel, address = former
    context = {"lead": lead, "channel": channel, "token": token, "address": address}
    if request.method == "POST":
        unsubscribed_at_former_address(lead, channel, address)
        return render(request, "outreach/unsubscribe_done.html", context)
    return render(request, "outreach/unsubscribe.html", context)


def _unsubscribe_address(request, address: str):
    """The link of a form's receipt, which belongs to no lead: it suppresses the address it
    went to and nothing else (no lead is opted out: the post that typed the address may have
    joined a customer's lead, whose name and number a stranger can type). Every lead with
    the address stops being emailed (`actions.suppress`); each one's timeline says why."""
    if request.method == "GET":
        done = Suppression.objects.filter(value=address).exists()
        return render(
            request, "outreach/unsubscribe_address.html", {"address": address, "done": done}
        )
    stop_emailing(address)
    return render(request, "outreach/unsubscribe_done.html", {"address": address})


def _lead_for_phone(phone: str) -> Lead | None:
    """The lead a text from `phone` is filed on: the first active lead with it (the rule
    for mail, `same_person.first_holders`), else the newest."""
    leads = Lead.objects.filter(phone=phone)
    return first_holders(leads).first() or leads.order_by("-created_at").first()


@csrf_exempt
@require_POST
def sms_inbound(request):
    """A text from a lead (Twilio-compatible webhook): a reply, or STOP (opt-out)."""
    params = {k: request.POST.get(k, "") for k in request.POST}
    urls = [request.build_absolute_uri(), settings.SITE_URL + request.get_full_path()]
    if not valid_signature(urls, params, request.headers.get("X-Twilio-Signature", "")):
        return HttpResponseForbidden("Bad signature")
    try:
        phone = normalize_phone(params.get("From"))
    except InvalidContact:
        return HttpResponse(TWIML_EMPTY, content_type="text/xml")
    body = params.get("Body", "")
    key = f"sms:{params.get('MessageSid') or params.get('SmsSid') or timezone.now().isoformat()}"
    lead = _lead_for_phone(phone) if phone else None
    # The answer is always empty TwiML: we send no text back (for a stop word the carrier or
    # provider sends the one confirmation the rules require, so the lead gets one at most).
    with transaction.atomic():
        if InboundMessage.objects.filter(key=key).exists():
            return HttpResponse(TWIML_EMPTY, content_type="text/xml")
        if carrier_keyword(body):
            record_stop_text(key=key, lead=lead, phone=phone, body=body, received_at=timezone.now())
        else:
            read_and_record_text(lead, key=key, sender=phone, body=body, received_at=timezone.now())
    return HttpResponse(TWIML_EMPTY, content_type="text/xml")
