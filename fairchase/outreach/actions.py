"""Every change to an outbound message or a suppressed address, one function each (the
lead book's `leads/actions.py` for messages).

A message's state moves only through `move`: a conditional UPDATE from the state the
caller expects (so of two workers, or a worker and a person, exactly one wins) and the
`MessageChange` row that records it. A person's decisions on the Outbox page (it
arrived, send again, cancel, send now anyway) lock the row the same way first.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.db import IntegrityError, transaction
from django.utils import timezone

from fairchase.leads import actions as lead_actions
from fairchase.leads.actions import ActionError
from fairchase.leads.models import ACTIVE_STATUSES, Lead, Outcome
from fairchase.leads.people import display_name

from .models import MessageChange, OutboundMessage
from .stopping import goes_after_the_stop

State = OutboundMessage.State
log = logging.getLogger("fairchase.outreach")


def move(
    msg: OutboundMessage | int,
    old: str | Iterable[str],
    new: str,
    reason: str = "",
    *,
    user=None,
    where: dict | None = None,
    **fields,
) -> bool:
    """Move a message from `old` (one state or several) to `new`, setting `fields` too, if it
    is still there (and matches `where`); write its transition row. True if this call won."""
    pk = msg if isinstance(msg, int) else msg.pk
    olds = (old,) if isinstance(old, str) else tuple(old)
    with transaction.atomic():
        for was in olds:
            if (
                OutboundMessage.objects.filter(pk=pk, state=was, **(where or {})).update(
                    state=new, **fields
                )
                == 1
            ):
                MessageChange.objects.create(
                    message_id=pk,
                    old=was,
                    new=new,
                    reason=reason[:500],
                    user=user,
                    at=timezone.now(),
                )
                return True
    return False


def readdress(msg: OutboundMessage, to: str, reason: str, *, where: dict | None = None) -> bool:
    """Send a message being sent to another address (an owner's alert whose owner left): its
    state stays, a transition row says why. True if it was still `sending` (and matched `where`)."""
    return move(msg, State.SENDING, State.SENDING, reason, where=where, to=to[:254])


def created(msg: OutboundMessage, reason: str = "Queued", user=None) -> None:
    """The first transition row of a new message (written by `outbox.queue`)."""
    MessageChange.objects.create(
        message=msg, old="", new=msg.state, reason=reason[:500], user=user, at=msg.created_at
    )


def cancel_pending(
    lead: Lead,
    reason: str,
    *,
    automatic_only: bool = False,
    queued_since=None,
    keep: Iterable[str] = (),
    only: Iterable[str] | None = None,
) -> int:
    """Cancel this lead's queued messages (a reply, an opt-out, a closed lead); how many.
    `automatic_only`: only those no person queued; `queued_since`: only those queued then
    or later; `keep`: not those made from a template of these purposes (the last message
    written for a stop, which the stop keeps); `only`: just those of these purposes."""
    qs = OutboundMessage.objects.filter(
        lead=lead, state=State.QUEUED, kind=OutboundMessage.Kind.TO_LEAD
    )
    if keep:
        qs = qs.exclude(template__purpose__in=list(keep))
    if only is not None:
        qs = qs.filter(template__purpose__in=list(only))
    if automatic_only:
        qs = qs.filter(queued_by=None)
    if queued_since is not None:
        qs = qs.filter(created_at__gte=queued_since)
    return sum(
        move(pk, State.QUEUED, State.CANCELLED, reason, error=reason[:500])
        for pk in qs.values_list("pk", flat=True)
    )


def _locked(msg: OutboundMessage) -> OutboundMessage:
    return (
        OutboundMessage.objects.select_for_update(of=("self",))
        .select_related("lead")
        .get(pk=msg.pk)
    )


@transaction.atomic
def confirm_arrived(msg: OutboundMessage, user) -> bool:
    """A person checked: the message the worker died sending did arrive. It counts as sent,
    and as an attempt only on a lead still being chased, or the last message written for the
    stop the lead is in: confirming never reopens a lead closed, won, put off for a revisit or
    opted out since."""
    row = _locked(msg)
    if not move(
        row,
        State.UNKNOWN,
        State.SENT,
        "A person confirmed it arrived",
        user=user,
        sent_at=row.claimed_at,
        error="",
    ):
        return False
    lead = Lead.objects.get(pk=row.lead_id) if row.kind == OutboundMessage.Kind.TO_LEAD else None
    after_stop = lead is not None and goes_after_the_stop(row, lead)  # it keeps the stop
    if lead is not None and (lead.status in ACTIVE_STATUSES or after_stop):
        try:
            lead_actions.log_attempt(
                lead,
                row.channel,
                Outcome.NO_ANSWER,
                user=user,
                at=row.claimed_at,
                notes=f"{row.get_channel_display()} sent (confirmed)",
                keeps_promise=False,  # a template sent is no promise of ours kept
                reopens=not after_stop,
            )
        except ActionError as exc:
            # the message is out and stays sent; an attempt lost must be seen, not passed over
            log.error("message %s arrived but is not logged as an attempt: %s", row.pk, exc)
    return True


@transaction.atomic
def send_again(msg: OutboundMessage, user) -> bool:
    """Queue an unknown or failed message again, now, as this person's (the same
    Message-ID: if the first copy did arrive, mail clients show one message)."""
    row = _locked(msg)
    return _queue_now(row, (State.UNKNOWN, State.FAILED), "Sent again by a person", user)


@transaction.atomic
def send_anyway(msg: OutboundMessage, user) -> bool:
    """A person confirms sending a held message now: outside contact hours or past the
    weekly cap. An opt-out or a suppressed address is still refused at send time."""
    row = _locked(msg)
    return _queue_now(
        row, (State.QUEUED,), "A person confirmed sending it now", user, override=True
    )


def _queue_now(row: OutboundMessage, olds, reason: str, user, **fields) -> bool:
    from .outbox import send_now

    try:
        moved = move(
            row,
            olds,
            State.QUEUED,
            reason,
            user=user,
            error="",
            claimed_by="",
            queued_by=user,
            due_at=timezone.now(),
            **fields,
        )
    except IntegrityError:
        # a failed automatic message whose plan step the worker has queued again since
        return False
    if not moved:
        return False
    row.refresh_from_db()
    transaction.on_commit(lambda: send_now(row))
    return True


@transaction.atomic
def cancel(msg: OutboundMessage, user) -> bool:
    row = _locked(msg)
    why = f"Cancelled by {display_name(user)}"
    return move(
        row, (State.QUEUED, State.UNKNOWN, State.FAILED), State.CANCELLED, why, user=user, error=why
    )


SETTLE = {"sent": confirm_arrived, "resend": send_again, "override": send_anyway, "cancel": cancel}


def settle(msg: OutboundMessage, decision: str, user) -> bool:
    """A person's decision on the Outbox page; False when the message is no longer in a
    state that decision applies to (or the decision is unknown)."""
    fn = SETTLE.get(decision)
    return fn(msg, user) if fn is not None else False
