"""Opt-out tokens: signed, bound to one lead, one channel and the address it went to; or,
for a form's receipt (which belongs to no lead), bound to the address alone.

Links in mail are followed by scanners and forwarded to others, so the token is
the only authority for the unsubscribe page: it must name exactly one lead (or one
address, which is all it may suppress) and expire eventually (`OPT_OUT_TOKEN_DAYS`). A
link sent to an address the lead no longer has (its email was corrected since) still
works for that address (`read_former`): a link in a message we sent never goes dead.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core import signing

from fairchase.leads.models import Lead

SALT = "fairchase.outreach.unsubscribe"
# Another salt: an address's token can never be read as a lead's, nor the other way round.
ADDRESS_SALT = "fairchase.outreach.unsubscribe.address"
CHANNELS = ("email", "text")


def _max_age() -> int:
    return settings.OPT_OUT_TOKEN_DAYS * 86400


def _address_tag(address: str) -> str:
    # A short digest so a token stops working for an address the lead no longer has.
    return hashlib.sha256(address.encode()).hexdigest()[:12]


def _address(lead: Lead, channel: str) -> str:
    return lead.email if channel == "email" else lead.phone


def make_token(lead: Lead, channel: str, address: str | None = None) -> str:
    """A URL-safe token that opts this lead out of this channel, bound to `address` (the
    one the message goes to; None: the lead's now). Once that is no longer the lead's, it
    is a former address's token (`read_former`)."""
    bound = _address(lead, channel) if address is None else address
    return signing.dumps(
        {"l": lead.pk, "c": channel, "a": _address_tag(bound)},
        salt=SALT,
        compress=True,
    )


def _payload(token: str) -> dict | None:
    """The token's signed, unexpired payload naming a lead and a channel; None for anything else."""
    try:
        data = signing.loads(token, salt=SALT, max_age=_max_age())
    except (signing.BadSignature, ValueError, TypeError, OverflowError, UnicodeError):
        return None
    except Exception:  # a forged payload that unpickles to nonsense must still be a 404
        return None
    if (
        not isinstance(data, dict)
        or data.get("c") not in CHANNELS
        or not isinstance(data.get("l"), int)
    ):
        return None
    return data


def read_token(token: str) -> tuple[Lead, str] | None:
    """(lead, channel) for a valid, unexpired token sent to the lead's address as it is now;
    None for anything else (never raises)."""
    data = _payload(token)
    lead = Lead.objects.filter(pk=data["l"]).first() if data else None
    if lead is None or data.get("a") != _address_tag(_address(lead, data["c"])):
        return None
    return lead, data["c"]


def read_former(token: str) -> tuple[Lead, str, str] | None:
    """(lead, channel, address) for a valid token sent to an address the lead no longer has:
    one that a message of ours to this lead on this channel was sent to. None otherwise."""
    from .models import OutboundMessage

    data = _payload(token)
    lead = Lead.objects.filter(pk=data["l"]).first() if data else None
    if lead is None:
        return None
    sent = (
        OutboundMessage.objects.filter(
            lead=lead,
            channel=data["c"],
            # sent, or it may have arrived (the worker stopped while sending it)
            state__in=[OutboundMessage.State.SENT, OutboundMessage.State.UNKNOWN],
        )
        .exclude(kind=OutboundMessage.Kind.OWNER_ALERT)
        .values_list("to", flat=True)
        .distinct()
    )
    current = _address(lead, data["c"])
    for address in sent:
        if address and address != current and data.get("a") == _address_tag(address):
            return lead, data["c"], address
    return None


def make_address_token(address: str) -> str:
    """A URL-safe token that suppresses this email address and nothing else: the unsubscribe
    of a form's receipt, sent to whatever address the post typed (it may have joined a
    customer's lead: the token must name none)."""
    return signing.dumps({"e": address}, salt=ADDRESS_SALT, compress=True)


def read_address_token(token: str) -> str | None:
    """The address of a valid, unexpired address token; None for anything else (never raises)."""
    try:
        data = signing.loads(token, salt=ADDRESS_SALT, max_age=_max_age())
    except Exception:  # a bad signature, an expired or forged payload: a 404
        return None
    address = data.get("e") if isinstance(data, dict) else None
    return address if isinstance(address, str) and "@" in address else None
