"""Requests to stop held for a person: a stop not known to be from its sender
(`senders`), a spam complaint naming no message of ours, or an unsubscribe link sent to an
address the lead no longer has; and a bounce naming no message of ours (`bounces`), which
anyone can forge to silence an address, or one of ours whose code we cannot classify. The
held lead gets nothing sent or planned (`holds`, the decision core's `hold`) until a person
confirms the opt-out or corrects the reading; it is no reply, and it never lapses by itself.
Why a message holds is its `hold` field; the undecided ones are the rows `held_stops` finds:
Today and the Outbox list them."""

from __future__ import annotations

from fairchase.leads import actions
from fairchase.leads.models import Lead, Status

from .models import InboundMessage
from .replies import Reading

Kind = InboundMessage.Kind
Hold = InboundMessage.Hold
# The holds a person settles by confirming the opt-out or correcting the reading; the others
# are bounces, confirmed or ignored (`bounces.settle`).
STOPS = (Hold.STOP, Hold.FORMER_ADDRESS)
BOUNCES = (Hold.BOUNCE, Hold.UNKNOWN_BOUNCE)

# A request to stop not known to be from its sender (`senders`), a spam complaint naming no
# message of ours, or an unsubscribe link sent to an address the lead no longer has: the lead
# is held (nothing sent or planned, `holds`) until a person confirms the opt-out or corrects
# the reading. It is no reply, and it never lapses by itself (`held_stops` lists them). What
# holds is the message's `hold`, stored when it is read; its evidence starts with these words
# for the people who read it, and nothing reads them back.
UNCONFIRMED_STOP = "Asked us to stop, from a sender not known to be them:"
HELD = "asked to stop (not yet confirmed)"
FORMER_ADDRESS = "unsubscribed with a link sent to their former address"
# A permanent bounce that names no message of ours (no original, or one we never sent), or
# one of ours whose status code we cannot classify: the lead is held until a person confirms
# the bounce or ignores it. The evidence, for people, names the address and the status.
UNCONFIRMED_BOUNCE = "A bounce naming no message of ours:"
HELD_BOUNCE = "a bounce naming no message of ours (not yet confirmed)"
UNKNOWN_BOUNCE = "A bounce of our message with a code we cannot classify:"
HELD_UNKNOWN_BOUNCE = "our message bounced with a code we cannot classify"


def unconfirmed_stop(reading: Reading) -> Reading:
    """An opt-out read in a mail that answers none of our messages and that the receiving
    server does not vouch for: anyone can write any From, and an opt-out is final, so it is
    held for a person (unclear) instead of acted on."""
    evidence = f"{UNCONFIRMED_STOP} {reading.evidence}"[:255]
    return Reading(Kind.UNCLEAR, None, evidence, reading.text, reading.language, hold=Hold.STOP)


def held_stops():
    """The requests to stop (and held bounces) that nobody has decided on yet, newest first."""
    return (
        InboundMessage.objects.filter(corrected_by__isnull=True, lead__isnull=False)
        .exclude(hold=Hold.NONE)
        .exclude(lead__status=Status.OPTED_OUT)
        .order_by("-received_at", "-pk")
    )


def is_held_stop(inbound: InboundMessage) -> bool:
    return inbound.hold in STOPS and inbound.corrected_by_id is None


def is_held_bounce(inbound: InboundMessage) -> bool:
    return inbound.hold in BOUNCES and inbound.corrected_by_id is None


def hold_words(inbound: InboundMessage) -> str:
    """Why the plan waits, in its words: "asked to stop (not yet confirmed)", the link to the
    former address, or the bounce."""
    if inbound.hold == Hold.BOUNCE:
        return HELD_BOUNCE
    if inbound.hold == Hold.UNKNOWN_BOUNCE:
        return HELD_UNKNOWN_BOUNCE
    if inbound.hold == Hold.FORMER_ADDRESS:  # its sender is the address the link went to
        return f"{FORMER_ADDRESS} {inbound.sender} (not yet confirmed)"
    return HELD


def holds(ids: list[int] | None) -> dict[int, str]:
    """`planning.holds` for outreach: the leads among `ids` (None: all) with a held request
    to stop. The held rows are few: read them all rather than send the ids."""
    wanted, out = None if ids is None else set(ids), {}
    for inbound in held_stops().only("lead_id", "hold", "sender"):
        if wanted is None or inbound.lead_id in wanted:
            out.setdefault(inbound.lead_id, hold_words(inbound))
    return out


def hold(inbound: InboundMessage, user=None) -> None:
    """Put the lead of a held request to stop (saved: `holds` reads it) on hold, said on
    its timeline."""
    until = (
        "someone confirms the bounce or ignores it"
        if inbound.hold in BOUNCES
        else "someone confirms the opt-out or corrects the reading"
    )
    actions.hold_changed(
        Lead.objects.get(pk=inbound.lead_id),
        f"Held for a person: {hold_words(inbound)}. Nothing is sent or planned until {until}.",
        user=user,
    )
