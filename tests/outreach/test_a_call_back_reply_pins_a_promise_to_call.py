"""A reply asking for a call ("Bel me morgen om 10 uur") pins a promise of ours whose
channel is a call: the plan keeps it as a call, whatever words the promise is in."""

from __future__ import annotations

from django.utils import timezone

from fairchase.outreach import replies
from fairchase.outreach.inbound import record_inbound


def test_a_call_back_reply_pins_a_promise_kept_by_phone(alice, make_lead):
    lead = make_lead(alice)
    reading = replies.read_text(
        "Bel me morgen om 10 uur", timezone.now(), "Europe/Berlin", channel="email"
    )
    got = record_inbound(
        key="<call-back@x>",
        lead=lead,
        channel="email",
        sender=lead.email,
        subject="Re: hi",
        reading=reading,
        received_at=timezone.now(),
    )
    assert got.kind == "call_back"
    (promise,) = lead.commitments.filter(state="pending")
    assert (promise.by, promise.channel) == ("us", "call")
