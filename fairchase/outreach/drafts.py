"""Which message fits a lead now: the drafted email or text that suggest mode offers
and automatic mode queues. Rules from the seeds: answer a new enquiry at once
(apologise if late), email after a voicemail, recap after a call, and a last
door-open message when the plan says stop (only to someone we have tried: the first
message anyone gets is never a goodbye)."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from fairchase import texting
from fairchase.leads.models import Commitment, Lead, Outcome, Profile, Status
from fairchase.leads.planning import due_on

from .facts import (  # noqa: F401  (AFTER_CALL: long imported from here)
    AFTER_CALL,
    LIVE,
    Facts,
    last_word_is_theirs,
)
from .models import MessageTemplate, OutboundMessage
from .outbox import OutboxError, queue_template
from .rendering import Rendered, RenderError, ToAdd, render, to_add

log = logging.getLogger(__name__)

Purpose = MessageTemplate.Purpose
# Automatic mode never sends two messages to a lead within this gap.
MIN_GAP = timedelta(hours=20)


@dataclass
class Draft:
    template: MessageTemplate
    why: str
    rendered: Rendered | None = None
    error: str = ""
    # the error in plain words for Today and the lead page (empty: "Write it" by hand)
    to_add: list[ToAdd] = field(default_factory=list)


def purpose_for(lead: Lead, facts: Facts = LIVE) -> tuple[str, str, str] | None:
    """(purpose, channel, why) of the message this lead is due, or None."""
    if lead.status not in (Status.OPEN, Status.ENGAGED, Status.REVISIT):
        return None
    # never a draft to an address that opted out or bounced (the send would be refused)
    suppressed = facts.suppressed(lead) if (lead.email or lead.phone) else set()
    email_ok = bool(lead.email) and lead.email not in suppressed
    last_call = facts.last_call(lead)
    if last_call and not facts.followed_up_since(lead, last_call.at) and email_ok:
        if last_call.outcome == Outcome.LEFT_MESSAGE:
            return Purpose.VOICEMAIL, "email", "You left a voicemail: follow it with an email."
        if facts.next_commitment(lead) is not None:
            return Purpose.RECAP, "email", "You talked: confirm what was agreed and when."
    if lead.status == Status.REVISIT:
        return None
    if lead.next_action == "stop" and email_ok and not facts.said_goodbye(lead):
        if lead.attempt_count == 0:
            # Never contacted: a last message would be the first they hear from us. A new
            # enquiry still gets its one answer; a contact who never asked, nothing.
            if lead.is_new_enquiry:
                return (
                    Purpose.FIRST_RESPONSE,
                    "email",
                    "Not chased after this, but their enquiry deserves an answer.",
                )
            return None
        if lead.next_state == "nurture":
            return Purpose.MAILING_LIST, "email", "Stopping: invite them to the mailing list."
        return Purpose.BREAKUP, "email", "Stopping: leave the door open with a last message."
    # the day Today shows: on a Sunday, Monday's follow-ups are drafted as Today lists them
    due = lead.next_action == "contact" and due_on(lead, facts.contact_day())
    if due and lead.next_channel in drafted_channels():
        channel = lead.next_channel
        if (lead.email if channel == "email" else lead.phone) in suppressed:
            return None
        if lead.is_new_enquiry:
            return Purpose.FIRST_RESPONSE, channel, "A new enquiry: answer it now."
        if last_word_is_theirs(lead) and facts.their_words(lead):
            # "can you send the quote this week?" is answered, not followed up
            return Purpose.REPLY, channel, "They wrote last: answer what they said."
        if (
            lead.status == Status.OPEN
            and lead.attempt_count == 0
            and lead.revisit_at is not None
            and not facts.back_from_revisit(lead)
        ):
            # an imported or cold-list contact: we may not know when (or whether) they enquired
            return Purpose.INTRODUCTION, channel, "Never contacted yet: introduce yourself."
        if facts.back_from_revisit(lead):
            return Purpose.REVISIT, channel, "Back from revisit: check in."
        return Purpose.FOLLOW_UP, channel, "The plan says to write now."
    return None


def drafted_channels() -> tuple[str, ...]:
    """The channels a message is drafted (and in automatic mode queued) for: email, and texts
    when they can be sent (a plan made before texts were switched off waits for its replan)."""
    return ("email", "text") if texting.configured() else ("email",)


def draft_for(lead: Lead, facts: Facts = LIVE) -> Draft | None:
    """The suggested message for this lead, rendered (or with the reason it cannot be).

    `facts` answers the questions the rules ask; Today passes one loaded for the whole page."""
    found = purpose_for(lead, facts)
    if found is None:
        return None
    purpose, channel, why = found
    template = facts.template(purpose, channel) or (
        facts.template(Purpose.FOLLOW_UP, channel) if purpose != Purpose.VOICEMAIL else None
    )
    if template is None:
        return None
    draft = Draft(template, why)
    try:
        draft.rendered = render(
            template.subject, template.body, lead, template.channel, facts=facts
        )
    except RenderError as exc:
        draft.error = str(exc)
        draft.to_add = to_add(exc, lead)
    return draft


def queue_plan_steps(limit: int = 200) -> int:
    """Worker step (automatic mode): queue the due email/text steps of the plan. Never in
    the name of someone deactivated (who left): their leads wait for a person to take them on.
    Never an answer to what someone wrote (a person answers it). Never while a promise of ours is pending: the promise ("call back with the quote") is the
    next step, a person's to keep, and a generic follow-up in its place would only say
    "still interested?" to someone waiting for what we promised."""
    now = timezone.now()
    automatic = Profile.objects.filter(
        outreach_mode=Profile.Mode.AUTOMATIC, user__is_active=True
    ).values("user_id")
    to_leads = OutboundMessage.objects.filter(
        kind=OutboundMessage.Kind.TO_LEAD
    )  # not the owner's alerts
    our_promises = Commitment.objects.filter(state=Commitment.State.PENDING, by=Commitment.By.US)
    due = (
        Lead.objects.filter(owner__in=automatic, status__in=[Status.OPEN, Status.ENGAGED])
        .filter(next_action="contact", next_channel__in=drafted_channels(), next_due__lte=now)
        .exclude(planned_at=None)  # a plan marked out of date (a settings change) is redone first
        .exclude(
            pk__in=to_leads.filter(state__in=["queued", "sending", "unknown"]).values("lead_id")
        )
        .exclude(pk__in=to_leads.filter(created_at__gte=now - MIN_GAP).values("lead_id"))
        .exclude(pk__in=our_promises.values("lead_id"))
        .order_by("-priority")[:limit]
    )
    queued = 0
    for lead in due:
        try:
            queued += _queue_step(lead)
        except Exception:
            # one lead's fault (a stored detail its message cannot be drafted from) is said in
            # the log and skipped: the leads due behind it still get theirs (review24 F25)
            log.exception("Automatic step skipped for lead %s: its message failed", lead.pk)
    return queued


def _queue_step(lead: Lead) -> bool:
    """Queue the lead's drafted plan step; whether it was queued."""
    draft = draft_for(lead)
    if draft is None or draft.error or draft.template.purpose == Purpose.REPLY:
        return False  # what they asked is for a person to answer, never a machine's message
    try:
        with transaction.atomic():
            queue_template(lead, draft.template, step=plan_step(lead, draft.template.purpose))
    except IntegrityError:
        # another worker queued this step first, or it went (or may have, or was cancelled);
        # a failed message holds no step: it is tried again after MIN_GAP
        return False
    except (OutboxError, RenderError):
        return False
    return True


def plan_step(lead: Lead, purpose: str) -> str:
    """The key of the plan step a message carries out: its purpose at the lead's event count
    (every event on the lead starts a new step). Unique per lead in the outbox."""
    return f"{purpose}@{lead.events}"
