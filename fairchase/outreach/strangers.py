"""Mail from someone not in the book (`Kind.UNMATCHED`): the owner's list, where such a
message is added as a lead (a new enquiry by email) or dismissed, and kept for the record."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from fairchase.leads import actions
from fairchase.leads.models import Lead
from fairchase.leads.people import display_name

from .models import InboundMessage

Kind = InboundMessage.Kind


def unmatched():
    """Mail from someone not in the book that nobody has handled yet (the owner's list):
    not a lead's, so no salesperson's, until an owner adds the sender or dismisses it."""
    return InboundMessage.objects.filter(kind=Kind.UNMATCHED, lead__isnull=True, effect="")


def _unhandled(inbound: InboundMessage) -> InboundMessage:
    inbound = InboundMessage.objects.select_for_update().get(pk=inbound.pk)
    if inbound.lead_id is not None or inbound.effect:
        raise actions.ActionError(f"Already handled: {inbound.effect or 'it is on a lead'}")
    return inbound


@transaction.atomic
def add_as_lead(inbound: InboundMessage, owner, user, *, name: str = "", source: str) -> Lead:
    """An email from someone not in the book, made a new enquiry by email as the web form
    makes one (`create_lead`: a "respond now" lead, its message in the notes, dated when
    they wrote, an opt-out of theirs honoured); someone who has an active lead by now has
    the enquiry join it (`add_enquiry`). The message stays on the lead's timeline."""
    from fairchase.leads.normalize import normalize_email
    from fairchase.leads.same_person import active_lead_of, lock_person

    inbound = _unhandled(inbound)
    email = normalize_email(inbound.sender)
    lock_person(email, "")
    text = "\n\n".join(x for x in (inbound.subject, inbound.text.strip()) if x)
    known = active_lead_of(name, email, "")
    if known is not None:
        lead = actions.add_enquiry(
            known, via="email", message=text, email=email, at=inbound.received_at, user=user
        )
    else:
        lead = actions.create_lead(
            owner,
            user=user,
            name=name.strip() or email,
            email=email,
            notes=text,
            source=source,
            signals=["initiated_contact"],
            created_at=min(inbound.received_at, timezone.now()),
            reason=f"Email from {email}, added as a lead by {display_name(user)}",
        )
    inbound.lead, inbound.corrected_by = lead, user
    inbound.effect = f"Added as a lead by {display_name(user)}."
    inbound.save(update_fields=["lead", "corrected_by", "effect"])
    return lead


@transaction.atomic
def dismiss(inbound: InboundMessage, user) -> InboundMessage:
    """Not an enquiry (a newsletter, a supplier): off the owner's list, kept for the record."""
    inbound = _unhandled(inbound)
    inbound.corrected_by, inbound.effect = user, f"Dismissed by {display_name(user)}."
    inbound.save(update_fields=["corrected_by", "effect"])
    return inbound


def dismiss_all(user, up_to: int) -> int:
    """Dismiss every one still on the owner's list up to the newest the page showed (`up_to`,
    its pk), recorded as a single dismiss is; mail read after the page opened stays listed."""
    return (
        unmatched()
        .filter(pk__lte=up_to)
        .update(corrected_by=user, effect=f"Dismissed by {display_name(user)}.")
    )
