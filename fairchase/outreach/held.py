"""Requests to stop held for a person: a stop not known to be from its sender
(`senders`), a spam complaint naming no message of ours, or an unsubscribe link sent to an
address the lead no longer has; and a bounce naming no message of ours (`bounces`), which
anyone can forge to silence an address. The held lead gets nothing sent or planned (`holds`, the
decision core's `hold`) until a person confirms the opt-out or corrects the reading; it is no
reply, and it never lapses by itself. The undecided ones are the rows `held_stops` finds:
Today and the Outbox list them."""

from __future__ import annotations

from django.db.models import Q

from fairchase.leads import actions
from fairchase.leads.models import Lead, Status

from .models import InboundMessage
from .replies import Reading

Kind = InboundMessage.Kind

# A request to stop not known to be from its sender (`senders`), a spam complaint naming no
# message of ours, or an unsubscribe link sent to an address the lead no longer has: the lead
# is held (nothing sent or planned, `holds`) until a person confirms the opt-out or corrects
# the reading. It is no reply, and it never lapses by itself (`held_stops` lists them).
UNCONFIRMED_STOP = "Asked us to stop, from a sender not known to be them:"
HELD = "asked to stop (not yet confirmed)"
FORMER_ADDRESS = "unsubscribed with a link sent to their former address"
# A permanent bounce that names no message of ours (no original, or one we never sent): the
# evidence of a held bounce (kind BOUNCE) starts so, then the address and the status words.
UNCONFIRMED_BOUNCE = "A bounce naming no message of ours:"
HELD_BOUNCE = "a bounce naming no message of ours (not yet confirmed)"


def unconfirmed_stop(reading: Reading) -> Reading:
    """An opt-out read in a mail that answers none of our messages and that the receiving
    server does not vouch for: anyone can write any From, and an opt-out is final, so it is
    held for a person (unclear) instead of acted on."""
    evidence = f"{UNCONFIRMED_STOP} {reading.evidence}"[:255]
    return Reading(Kind.UNCLEAR, None, evidence, reading.text, reading.language)


def held_stops():
    """The requests to stop (and bounces naming no message of ours) held for a person that
    nobody has decided on yet, newest first."""
    return (
        InboundMessage.objects.filter(
            Q(kind=Kind.UNCLEAR, evidence__startswith=UNCONFIRMED_STOP)
            | Q(kind=Kind.BOUNCE, evidence__startswith=UNCONFIRMED_BOUNCE),
            corrected_by__isnull=True,
            lead__isnull=False,
        )
        .exclude(lead__status=Status.OPTED_OUT)
        .order_by("-received_at", "-pk")
    )


def is_held_stop(inbound: InboundMessage) -> bool:
    return (
        inbound.kind == Kind.UNCLEAR
        and inbound.evidence.startswith(UNCONFIRMED_STOP)
        and inbound.corrected_by_id is None
    )


def is_held_bounce(inbound: InboundMessage) -> bool:
    return (
        inbound.kind == Kind.BOUNCE
        and inbound.evidence.startswith(UNCONFIRMED_BOUNCE)
        and inbound.corrected_by_id is None
    )


def hold_words(inbound: InboundMessage) -> str:
    """Why the plan waits, in its words: "asked to stop (not yet confirmed)", the link, or
    a bounce naming no message of ours."""
    if inbound.evidence.startswith(UNCONFIRMED_BOUNCE):
        return HELD_BOUNCE
    said = inbound.evidence[len(UNCONFIRMED_STOP) :].strip()
    return f"{said} (not yet confirmed)" if said.startswith(FORMER_ADDRESS) else HELD


def holds(ids: list[int] | None) -> dict[int, str]:
    """`planning.holds` for outreach: the leads among `ids` (None: all) with a held request
    to stop. The held rows are few: read them all rather than send the ids."""
    wanted, out = None if ids is None else set(ids), {}
    for inbound in held_stops().only("lead_id", "evidence"):
        if wanted is None or inbound.lead_id in wanted:
            out.setdefault(inbound.lead_id, hold_words(inbound))
    return out


def hold(inbound: InboundMessage, user=None) -> None:
    """Put the lead of a held request to stop (saved: `holds` reads it) on hold, said on
    its timeline."""
    until = (
        "someone confirms the bounce or ignores it"
        if inbound.evidence.startswith(UNCONFIRMED_BOUNCE)
        else "someone confirms the opt-out or corrects the reading"
    )
    actions.hold_changed(
        Lead.objects.get(pk=inbound.lead_id),
        f"Held for a person: {hold_words(inbound)}. Nothing is sent or planned until {until}.",
        user=user,
    )
