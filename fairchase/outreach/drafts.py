"""Which message fits a lead now: the drafted email or text that suggest mode offers
and automatic mode queues. Rules from the seeds: answer a new enquiry at once
(apologise if late), email after a voicemail, recap after a call, and a last
door-open message when the plan says stop."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Q
from django.utils import timezone

from fairchase.leads.models import Attempt, Lead, Outcome, Profile, Status

from .models import MessageTemplate, OutboundMessage
from .outbox import OutboxError, queue_template
from .rendering import Rendered, RenderError, render

Purpose = MessageTemplate.Purpose
# A call logged this recently still deserves its follow-up email.
AFTER_CALL = timedelta(days=2)
# Automatic mode never sends two messages to a lead within this gap.
MIN_GAP = timedelta(hours=20)


@dataclass
class Draft:
    template: MessageTemplate
    why: str
    rendered: Rendered | None = None
    error: str = ""


def template_for(purpose: str, channel: str = "email") -> MessageTemplate | None:
    return MessageTemplate.objects.filter(purpose=purpose, channel=channel, is_active=True).order_by("pk").first()


def _already_followed_up(lead: Lead, since) -> bool:
    return OutboundMessage.objects.filter(lead=lead, created_at__gte=since).exclude(
        state__in=[OutboundMessage.State.CANCELLED, OutboundMessage.State.FAILED]).exists()


def _said_goodbye(lead: Lead) -> bool:
    return OutboundMessage.objects.filter(lead=lead, template__purpose__in=[Purpose.BREAKUP, Purpose.MAILING_LIST]).exclude(
        state__in=[OutboundMessage.State.CANCELLED, OutboundMessage.State.FAILED]).exists()


def _back_from_revisit(lead: Lead) -> bool:
    woke = lead.status_changes.filter(reason="Revisit date reached").order_by("-at").values_list("at", flat=True).first()
    return woke is not None and not lead.attempts.filter(at__gte=woke).exists()


def purpose_for(lead: Lead) -> tuple[str, str, str] | None:
    """(purpose, channel, why) of the message this lead is due, or None."""
    if lead.status not in (Status.OPEN, Status.ENGAGED, Status.REVISIT):
        return None
    last_call = (Attempt.objects.filter(lead=lead, channel="call", at__gte=timezone.now() - AFTER_CALL)
                 .filter(Q(outcome=Outcome.LEFT_MESSAGE) | Q(outcome=Outcome.TALKED)).order_by("-at").first())
    if last_call and not _already_followed_up(lead, last_call.at) and lead.email:
        if last_call.outcome == Outcome.LEFT_MESSAGE:
            return Purpose.VOICEMAIL, "email", "You left a voicemail: follow it with an email (seed 000)."
        if lead.commitments.filter(state="pending").exists():
            return Purpose.RECAP, "email", "You talked: confirm what was agreed and when (seed 002)."
    if lead.status == Status.REVISIT:
        return None
    if lead.next_action == "stop" and lead.email and not _said_goodbye(lead):
        if lead.next_state == "nurture":
            return Purpose.MAILING_LIST, "email", "Stopping: invite them to the mailing list."
        return Purpose.BREAKUP, "email", "Stopping: leave the door open with a last message (seed 001)."
    if lead.next_action == "contact" and lead.next_channel in ("email", "text"):
        channel = lead.next_channel
        if lead.is_new_enquiry:
            return Purpose.FIRST_RESPONSE, channel, "A new enquiry: answer it now."
        if _back_from_revisit(lead):
            return Purpose.REVISIT, channel, "Back from revisit: check in."
        return Purpose.FOLLOW_UP, channel, "The plan says to write now."
    return None


def draft_for(lead: Lead) -> Draft | None:
    """The suggested message for this lead, rendered (or with the reason it cannot be)."""
    found = purpose_for(lead)
    if found is None:
        return None
    purpose, channel, why = found
    template = template_for(purpose, channel) or (template_for(Purpose.FOLLOW_UP, channel) if purpose != Purpose.VOICEMAIL else None)
    if template is None:
        return None
    draft = Draft(template, why)
    try:
        draft.rendered = render(template.subject, template.body, lead, template.channel)
    except RenderError as exc:
        draft.error = str(exc)
    return draft


def queue_plan_steps(limit: int = 200) -> int:
    """Worker step (automatic mode): queue the due email/text steps of the plan."""
    now = timezone.now()
    automatic = Profile.objects.filter(outreach_mode=Profile.Mode.AUTOMATIC).values("user_id")
    due = (Lead.objects.filter(owner__in=automatic, status__in=[Status.OPEN, Status.ENGAGED])
           .filter(next_action="contact", next_channel__in=["email", "text"], next_due__lte=now)
           .exclude(outbound_messages__state__in=["queued", "sending", "unknown"])
           .exclude(outbound_messages__created_at__gte=now - MIN_GAP)
           .order_by("-priority")[:limit])
    queued = 0
    for lead in due:
        draft = draft_for(lead)
        if draft is None or draft.error:
            continue
        try:
            queue_template(lead, draft.template)
        except (OutboxError, RenderError):
            continue
        queued += 1
    return queued
