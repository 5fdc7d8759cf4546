"""Reactions to lead events, inside the transaction that changed the lead: a reply or
an opt-out cancels what is queued; a voicemail queues its email in automatic mode, and an
undone voicemail cancels it; a reassigned lead's automatic messages (in the former owner's
name) are cancelled."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.dispatch import receiver

from fairchase.leads.actions import lead_event
from fairchase.leads.models import ACTIVE_STATUSES, Outcome, Profile
from fairchase.leads.people import display_name, profile_of

from .locks import wait_for_sends
from .outbox import cancel_pending

STOPPING_OUTCOMES = (Outcome.REPLIED, Outcome.OPTED_OUT, Outcome.TALKED)


@receiver(lead_event, dispatch_uid="outreach.on_lead_event")
def on_lead_event(sender, lead, kind, **extra):
    attempt = extra.get("attempt")
    if (
        kind in ("reply", "opt_out")
        or (kind == "status" and lead.status not in ACTIVE_STATUSES)
        or (kind == "attempt" and attempt is not None and attempt.outcome in STOPPING_OUTCOMES)
    ):
        # Commit only after a send to this lead that is in flight right now has finished.
        wait_for_sends(lead.pk)
    if kind == "reply":
        cancel_pending(lead, "The lead replied.")
    elif kind == "opt_out":
        cancel_pending(lead, "The lead opted out.")
    elif kind == "status" and lead.status not in ACTIVE_STATUSES:
        cancel_pending(lead, f"The lead is {lead.get_status_display().lower()}.")
    elif kind == "attempt" and attempt is not None:
        if attempt.outcome in (Outcome.REPLIED, Outcome.TALKED):
            # They answered: automatic follow-ups written for silence no longer fit.
            cancel_pending(
                lead, "The lead answered.", automatic_only=attempt.outcome == Outcome.TALKED
            )
        elif _is_voicemail(attempt):
            _voicemail_email(lead)
    if extra.get("reassigned_from") is not None:
        # Written in the former owner's name and signed by them: the new owner's plan decides.
        cancel_pending(lead, f"Reassigned to {display_name(lead.owner)}.", automatic_only=True)
    undone = extra.get("undone")
    if undone is not None and _is_voicemail(undone):
        # A mis-tapped "Left message" taken back: the email that followed it is not sent.
        cancel_pending(
            lead, "The voicemail was undone.", automatic_only=True, queued_since=undone.at
        )


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
