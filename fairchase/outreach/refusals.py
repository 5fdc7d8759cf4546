"""Who may be written to, and whether a queued message may go now: the rules every message
passes when it is queued (`refusal`, by `outbox.queue`) and again when the worker is about to
send it, under the lead's lock (`recheck`, from `outbox._claimed`). Whether a channel may
reach the lead at all is `leads.reach`'s (the plan, Today and promises ask it too); the lead
page's warnings (`owner_left`) and the template preview's picker (`previewable`) are here.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from django.contrib.auth import get_user_model

from fairchase import clock, texting
from fairchase.leads import planning, reach
from fairchase.leads.models import (
    ACTIVE_STATUSES,
    BusinessSettings,
    Lead,
    Status,
    Suppression,
)
from fairchase.leads.people import display_name
from fairchase.policy.timing import resolve_zone

from . import held as holding
from .held import held_stops
from .hours import CAP, HOURS, send_window
from .models import OutboundMessage
from .stopping import GOODBYE_HELD, goes_after_the_stop, goodbye_held_until

State = OutboundMessage.State
# Why a message waits (a person may confirm sending it anyway; see `recheck`).
HELD = {
    HOURS: "Outside contact hours in the lead's zone.",
    CAP: "Weekly contact limit reached.",
}
# The end of the held reason on a day that is not a contact day ("Sunday is not a contact day.").
NOT_A_CONTACT_DAY = " is not a contact day."
SUPPRESSED = "This address asked not to be contacted (or bounced)."
# A lead with an undecided held request to stop (`held.held_stops`): nothing goes to it, on
# any channel, whoever wrote it, until a person confirms the opt-out or corrects the reading.
ASKED_TO_STOP = reach.ON_HOLD
# A lead held by a bounce naming no message of ours (`bounces`): nothing goes to it either.
HELD_BOUNCE = "A bounce naming no message of ours (not yet confirmed): confirm or ignore it first."
# A lead held by a bounce of ours whose code we cannot classify: nothing goes to it either.
HELD_UNKNOWN_BOUNCE = (
    "Our message bounced with a code we cannot classify: confirm or ignore the bounce first."
)
# What a message says of an address `reach.address_refusal` refuses (none: the message has
# its own `to`, which `queue` required).
REFUSED = {
    reach.SUPPRESSED: SUPPRESSED,
    reach.NO_TEXT_CONSENT: "No consent to text this lead.",
    reach.TEXTS_OFF: texting.NOT_CONFIGURED,
}


def hours_reason(now: datetime, lead: Lead) -> str:
    """Why the contact hours hold a message at `now`: the day itself when it is not a contact
    day in the lead's zone (a person reading "outside contact hours" at 10:30 on a Sunday
    would look for the hours), else the hours."""
    business = BusinessSettings.current()
    zone = resolve_zone(lead.timezone or None) or resolve_zone(business.business_timezone)
    day, _ = planning.day_off(now.astimezone(zone) if zone is not None else now, business)
    return f"{day}{NOT_A_CONTACT_DAY}" if day else HELD[HOURS]


def address_for(lead: Lead, channel: str) -> str:
    return lead.email if channel == "email" else lead.phone


def refusal(
    lead: Lead,
    channel: str | None = None,
    to: str = "",
    *,
    after_stop: bool = False,
    blocked: Collection[str] | None = None,
    held: Collection[int] | None = None,
) -> str:
    """Why nobody may write to this lead, on `channel` (to `to`) or, without one, on any
    channel; "" when someone may. Asked before anyone writes (the lead page, the composer,
    the queue) and again at send time (`recheck`): an opted-out or closed lead, then what
    `reach.channel_refusal` says of any contact (a lead held by a request to stop nobody
    has decided on: a person's message as much as the plan's, an unvouched "stop emailing
    me" may well be theirs; a suppressed address, opted out or bounced, on any lead; a text
    without consent or with texts not configured), and a lead whose owner no longer works
    here (what we send is signed with the owner's name, phone and email: nobody writes as a
    former colleague, whoever clicks).
    `after_stop`: the last message written for the stop the lead is in (`stopping`), which
    may still go to it so stopped. `blocked`: the suppressed addresses among a page's
    messages, and `held`: the ids of their held leads, looked up once (`mark_refusals`);
    None asks the database now."""
    if lead.status not in ACTIVE_STATUSES and not after_stop:
        return not_chased(lead)
    if why := _held(lead, held):
        return why
    if why := owner_left(lead):
        return why
    if channel is None:
        if (lead.email or lead.phone) and not planning.reachable_channels(lead):
            return "No email or phone of this lead may be used: each is suppressed (an opt-out there, on this lead or another, or a bounce)."
        return ""
    if to and _suppressed({to}, blocked):  # the message's own, which the lead may no longer have
        return SUPPRESSED
    suppressed = None if blocked is None else set(blocked)
    return REFUSED.get(reach.address_refusal(lead, channel, suppressed), "")


def nothing_to_write(lead: Lead, reachable: Collection[str]) -> str:
    """Why no message can be written to a lead someone may still call (`reachable`: its
    `planning.reachable_channels`): its email is suppressed or missing and no text may go
    (`reach.address_refusal` of each). The lead page then offers no Write and the composer
    opens for nobody; "" when an email or a text may go."""
    if "email" in reachable or "text" in reachable:
        return ""
    email = (
        f"the email {lead.email} is not to be contacted (an opt-out or a bounce)"
        if lead.email
        else "there is no email"
    )
    text = {
        reach.TEXTS_OFF: "texts are not set up",
        reach.NO_TEXT_CONSENT: "there is no consent to text",
    }.get(reach.address_refusal(lead, "text"), "the number is not to be texted")
    call = " A call is still possible." if "call" in reachable else ""
    return f"Nothing can be written: {email}, and {text}.{call}"


def _held(lead: Lead, held: Collection[int] | None) -> str:
    """Why a lead held for a person may not be written to ("" when it is not held): `held`,
    the held leads among a page's (`reach.held_among`: each one's words), or None to ask
    now (`reach.holds`)."""
    why = reach.holds([lead.pk]) if held is None else held
    if lead.pk not in why:
        return ""
    words = why.get(lead.pk) if isinstance(why, dict) else None
    bounces = {holding.HELD_BOUNCE: HELD_BOUNCE, holding.HELD_UNKNOWN_BOUNCE: HELD_UNKNOWN_BOUNCE}
    return bounces.get(words or "") or reach.import_hold_refusal(words or "") or ASKED_TO_STOP


def _suppressed(addresses: set[str], blocked: Collection[str] | None) -> bool:
    if blocked is None:
        return Suppression.objects.filter(value__in=addresses).exists()
    return any(a in blocked for a in addresses if a)


def refusal_to_send(
    msg: OutboundMessage,
    blocked: Collection[str] | None = None,
    held: Collection[int] | None = None,
) -> str:
    """Why a person may not send this message (again, or now anyway) from the Outbox: what
    `refusal` says of its lead and address ("" for an owner's alert, to our own user), as the
    worker's `recheck` asks it: the last message written for the stop the lead is in may go.
    The Outbox offers no Send for it, and a click from a page opened before says this."""
    if msg.kind == OutboundMessage.Kind.OWNER_ALERT:
        return ""
    if msg.kind == OutboundMessage.Kind.RECEIPT:
        return recheck_receipt(msg, blocked)
    lead = msg.lead
    after_stop = lead.status not in ACTIVE_STATUSES and goes_after_the_stop(msg, lead)
    why = refusal(lead, msg.channel, msg.to, after_stop=after_stop, blocked=blocked, held=held)
    return why or written_before_reassigned(msg, lead) or readdressed_since(msg, lead)


def mark_refusals(messages: list[OutboundMessage]) -> None:
    """Set `refused` (`refusal_to_send`) on each message a person may be offered to send
    (unknown, failed, held), for a page of them: their addresses' suppressions in one query,
    their leads' held requests to stop in one, and the names of those who signed messages whose lead changed hands since in one more,
    never one per row. The messages come with their lead, its owner and their template."""
    ask = [m for m in messages if m.state in (State.UNKNOWN, State.FAILED) or m.held]
    leads = [m.lead for m in ask if m.lead is not None]  # a form's receipt has none
    addresses = {m.to for m in ask} | {a for lead in leads for a in (lead.email, lead.phone)}
    addresses.discard("")
    blocked = set(
        Suppression.objects.filter(value__in=addresses).values_list("value", flat=True)
        if addresses
        else ()
    )
    held = reach.held_among(leads)
    moved = [m for m in ask if m.lead is not None and m.signed_by_id not in (None, m.lead.owner_id)]
    signers = get_user_model().objects.in_bulk({m.signed_by_id for m in moved})
    for m in moved:
        m.signed_by = signers[m.signed_by_id]
    for m in ask:
        m.refused = refusal_to_send(m, blocked, held)


def not_chased(lead: Lead) -> str:
    """Why nothing more goes to a lead that is no longer chased, in a sentence a person reads
    (a cancelled message's reason in the Outbox): "The lead was let go to revisit on 6 Mar
    2027.", not "The lead is revisit later."."""
    if lead.status == Status.REVISIT:
        day = lead.revisit_at.astimezone(clock.business_zone()) if lead.revisit_at else None
        when = f" on {day:%-d %b %Y}" if day else " later"
        return f"The lead was let go, to revisit{when}."
    return {
        Status.NURTURE: "The lead was moved to the mailing list: it is no longer chased.",
        Status.CLOSED: "The lead was closed.",
        Status.WON: "The lead was marked won.",
        Status.LOST: "The lead was marked lost.",
        Status.OPTED_OUT: "The lead opted out.",
    }.get(lead.status, f"The lead is {lead.get_status_display().lower()}.")


def owner_left(lead: Lead) -> str:
    """Why nothing may go to this lead while its owner is deactivated (a leaver: whatever is
    sent is signed in their name); "" when its owner still works here."""
    if lead.owner.is_active:
        return ""
    return f"{display_name(lead.owner)} no longer works here: reassign the lead first."


def previewable(leads, channel: str):
    """The leads a template on `channel` may be previewed for (the template page's picker):
    open or engaged, not held by a request to stop, their owner still here, an address for
    the channel not suppressed, so a preview never shows the name of someone who said no.
    Not who may be written to: a text also needs consent and texts set up, which only
    `refusal` (`reach.channel_refusal`) asks; nothing is sent from this list."""
    leads = leads.filter(status__in=ACTIVE_STATUSES, owner__is_active=True)
    leads = leads.exclude(pk__in=held_stops().order_by().values("lead_id"))
    suppressed = Suppression.objects.values("value")
    if channel == "email":
        return leads.exclude(email="").exclude(email__in=suppressed)
    return leads.exclude(phone="").exclude(phone__in=suppressed)


def recheck(msg: OutboundMessage, lead: Lead, now: datetime) -> tuple[str, str, datetime | None]:
    """('send'|'cancel'|'defer', why, new due time): what is true now, under the lead's lock.

    Every send, automatic or clicked, passes here. An opt-out, a held request to stop
    (`refusal`: a person's message queued for contact hours is not sent to someone who asked
    to stop meanwhile) or a suppressed address cancels it whoever asked; the contact hours and the weekly cap (the decision core's
    rules, `hours.send_window`) defer it unless a person confirmed sending anyway. A message
    queued for an address the lead no longer has (`readdressed_since`) is cancelled too."""
    if msg.kind == OutboundMessage.Kind.OWNER_ALERT:
        # To our own user about the lead (readdressed first if they left: `outbox._claimed`): no
        # courtesy rule applies.
        return "send", "", None
    if msg.kind == OutboundMessage.Kind.RECEIPT:
        # The person just wrote: their receipt goes at once, unless the address may not be
        # written to (a row from before receipts belonged to no lead: its lead is not asked).
        if why := recheck_receipt(msg):
            return "cancel", why, None
        return "send", "", None
    automatic = msg.queued_by_id is None
    after_stop = goes_after_the_stop(msg, lead)
    if why := refusal(lead, msg.channel, msg.to, after_stop=after_stop):
        return "cancel", why, None
    if why := left_since(msg, lead) or written_before_reassigned(msg, lead):
        return "cancel", why, None  # before the override: nobody confirms another's signature
    if why := readdressed_since(msg, lead):
        return "cancel", why, None
    if automatic and msg.template is not None and not msg.template.is_active:
        # an owner switched it off (a wrong price, a typo) while the worker's copy waited
        return "cancel", f"The template “{msg.template.name}” was switched off.", None
    if lead.responded_at is not None and lead.responded_at >= msg.created_at:
        return "cancel", "The lead replied after this was queued.", None
    if automatic and lead.paused_until and lead.paused_until > now:
        return "defer", "Paused (out of office).", lead.paused_until
    if msg.override and not automatic:
        return "send", "", None  # a person confirmed: outside contact hours or past the cap
    if held := goodbye_held_until(msg, lead, now):
        return "defer", GOODBYE_HELD, held
    allowed, rule = send_window(now, lead)
    if rule == HOURS:
        return "defer", hours_reason(now, lead), allowed
    if rule == CAP:
        return "defer", HELD[CAP], allowed
    return "send", "", None


def recheck_receipt(msg: OutboundMessage, blocked: Collection[str] | None = None) -> str:
    """Why a form's receipt may not go: its address asked not to be contacted or bounced
    ("" when it may). It belongs to no lead, so no lead's status is asked: the post that
    typed the address may have joined a customer's lead, or made a record opted out for
    matching someone, and whether it goes must say nothing of that (`outbox.queue_receipt`)."""
    return SUPPRESSED if _suppressed({msg.to}, blocked) else ""


def readdressed_since(msg: OutboundMessage, lead: Lead) -> str:
    """Why a message to the lead must not go to the address it was queued for: the lead's
    address on its channel was changed since (a typo fixed, a new job); "" while it is
    still theirs. The old address may be a stranger's, and its unsubscribe would stop the
    lead: a person writes again to the address the lead has now."""
    if msg.kind != OutboundMessage.Kind.TO_LEAD or msg.to == address_for(lead, msg.channel):
        return ""
    what = "email address" if msg.channel == "email" else "phone number"
    return f"The lead's {what} was changed since this was queued for {msg.to}: write it again."


def left_since(msg: OutboundMessage, lead: Lead) -> str:
    """Why a message queued by a person who was deactivated since must not go (a scheduled
    send): "" when it may. (A lead whose owner left is refused by `refusal`, whoever queued
    it.) Nobody sends as a former colleague."""
    if msg.queued_by is not None and not msg.queued_by.is_active:
        return f"{display_name(msg.queued_by)} no longer works here."
    return ""


def written_for_another(former: str, lead: Lead) -> str:
    """Why a message signed by `former` (a name: its words name the owner when it was
    written, their name, phone and email) must not go to a lead that now belongs to someone
    else: it would go out From the new owner, signed by the former one."""
    return (
        f"Written by {former}, the lead now belongs to {display_name(lead.owner)}: write it again."
    )


def reassigned_since_drawn(owner_id: int | None, lead: Lead) -> str:
    """Why a page's message must not go when its lead changed hands since the page was drawn
    (`owner_id`: whose lead it was then, a hidden field of the form; None from a page that did
    not say): its words are the former owner's (their name, phone, email), it would go out
    From the new one. "" when the lead is still, or again, whose it was."""
    if owner_id is None or owner_id == lead.owner_id:
        return ""
    return (
        f"This lead now belongs to {display_name(lead.owner)} since you opened this page: "
        "write it again."
    )


# The end of the error of a row that may have arrived, written before its lead changed hands
# by someone migration 0016 could not tell (it keeps its own copy of these words)
UNKNOWN_SIGNER = (
    "Not to be sent again: written before its lead was reassigned, by someone who cannot be told."
)


def written_before_reassigned(msg: OutboundMessage, lead: Lead) -> str:
    """Why a message signed by someone other than the lead's owner now must not go (a send
    confirmed or sent again from the Outbox, a row the reassignment did not cancel: in flight,
    unknown, failed); "" when the lead is (again) whose it was when it was written, or when
    who signed it is not known (an owner's alert, an old row) unless 0016 marked it as
    written by someone who cannot be told. Compared by the signer's id, never by a name: two
    people may share one."""
    if msg.signed_by_id is None:
        return UNKNOWN_SIGNER if msg.error.endswith(UNKNOWN_SIGNER) else ""
    if msg.signed_by_id == lead.owner_id:
        return ""
    return written_for_another(display_name(msg.signed_by), lead)
