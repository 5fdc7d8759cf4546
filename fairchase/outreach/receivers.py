"""Reactions to lead events, inside the transaction that changed the lead: a reply or
an opt-out cancels what is queued; a stop cancels it too, except the last message written
for that stop (`stopping`), which a lead chased again (the stop undone, reopened) cancels; a voicemail queues its email in automatic mode, and an
undone voicemail cancels it; a reassigned lead's queued messages (in the former owner's
name) are cancelled."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.dispatch import receiver

from fairchase.leads.actions import lead_event, note_on_timeline
from fairchase.leads.models import ACTIVE_STATUSES, ANSWERS, Outcome, Profile, StatusChange
from fairchase.leads.people import display_name, profile_of

from .actions import cancel_pending
from .locks import wait_for_sends
from .refusals import not_chased, written_for_another
from .stopping import UNDONE, WRITTEN_FOR, purposes_for

STOPPING_OUTCOMES = ANSWERS | {Outcome.OPTED_OUT}


@receiver(lead_event, dispatch_uid="outreach.on_lead_event")
def on_lead_event(sender, lead, kind, **extra):
    attempt = extra.get("attempt")
    if (
        kind in ("reply", "opt_out", "suppressed")
        or (kind == "status" and lead.status not in ACTIVE_STATUSES)
        or (kind == "attempt" and attempt is not None and attempt.outcome in STOPPING_OUTCOMES)
    ):
        # Commit only after a send to this lead that is in flight right now has finished.
        wait_for_sends(lead.pk)
    if kind == "reply":
        cancel_pending(lead, "The lead replied.")
    elif kind == "opt_out" or (
        kind == "attempt" and attempt is not None and attempt.outcome == Outcome.OPTED_OUT
    ):  # "asked not to be contacted" said on a try (Today's card) is an opt-out like any
        cancel_pending(lead, "The lead opted out.")
    elif kind == "status" and lead.status not in ACTIVE_STATUSES:
        cancel_pending(lead, not_chased(lead), keep=purposes_for(lead.status))
    elif kind == "status" and _back_from_a_stop(lead):
        if cancel_pending(lead, UNDONE, only=list(WRITTEN_FOR)):
            note_on_timeline(lead, f"Last message for the stop cancelled. {UNDONE}")
    elif kind == "attempt" and attempt is not None:
        if attempt.outcome in ANSWERS:
            # They answered: automatic follow-ups written for silence no longer fit.
            cancel_pending(
                lead, "The lead answered.", automatic_only=attempt.outcome == Outcome.TALKED
            )
        elif _is_voicemail(attempt):
            _voicemail_email(lead)
    former = extra.get("reassigned_from")
    if former is not None and former.pk != lead.owner_id:
        _cancel_signed_by(lead, former)
    undone = extra.get("undone")
    if undone is not None and _is_voicemail(undone):
        # A mis-tapped "Left message" taken back: the email that followed it is not sent.
        cancel_pending(
            lead, "The voicemail was undone.", automatic_only=True, queued_since=undone.at
        )


def _cancel_signed_by(lead, former) -> None:
    """A reassigned lead's queued messages, automatic or queued by a person, were written in
    the former owner's name (the body, stored as rendered, is signed by them; the From is the
    owner at send time): cancelled, said on the Outbox row and the lead's timeline, so the new
    owner writes their own. Not re-rendered for the new owner: they did not ask for it, and a
    message a person edited cannot be re-signed."""
    why = written_for_another(display_name(former), lead)
    n = cancel_pending(lead, why)
    if n:
        note_on_timeline(lead, f"{n} queued message{'' if n == 1 else 's'} cancelled. {why}")


def _back_from_a_stop(lead) -> bool:
    """Whether the lead's latest transition brought it back from a stop (an Undo, a reopen)."""
    last = StatusChange.objects.filter(lead=lead).order_by("-at", "-pk").first()
    stops = {stop for stops in WRITTEN_FOR.values() for stop in stops}
    return last is not None and last.old in stops and last.new in ACTIVE_STATUSES


def _is_voicemail(attempt) -> bool:
    return attempt.channel == "call" and attempt.outcome == Outcome.LEFT_MESSAGE


def _voicemail_email(lead) -> None:
    """Automatic mode: the email after a voicemail goes out now (suggest mode shows it on Today)."""
    if not lead.owner.is_active or profile_of(lead.owner).outreach_mode != Profile.Mode.AUTOMATIC:
        return  # a person who left sends nothing, however their mode was set
    from .drafts import Purpose, draft_for, plan_step
    from .outbox import OutboxError, queue_template
    from .rendering import RenderError

    draft = draft_for(lead)
    if draft is None or draft.error or draft.template.purpose != Purpose.VOICEMAIL:
        return
    try:
        with transaction.atomic():
            queue_template(lead, draft.template, step=plan_step(lead, Purpose.VOICEMAIL))
    except (OutboxError, RenderError, IntegrityError):
        pass
