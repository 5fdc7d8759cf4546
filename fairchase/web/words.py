"""The screens' words for what the code calls otherwise: a lead's state, where letting it
go puts it, an amount in an input box."""

from __future__ import annotations

from decimal import Decimal

from django.utils import timezone
from django.utils.translation import ngettext

from fairchase import clock
from fairchase.leads import reach
from fairchase.leads.models import CONSENTS, Status
from fairchase.leads.people import display_name
from fairchase.leads.planning import stop_target
from fairchase.policy.plan import may_come_sooner
from fairchase.policy.reasons import SOONER

# "nurture" is the code's word for the mailing list.
STATUS_WORDS = {Status.NURTURE: "Mailing list"}


def counted(n: float, one: str, many: str = "") -> str:
    """'1 win', '3 wins', '1,200 attempts', '2.5 years': a number with its noun, singular for
    exactly one (Django's ngettext). A number within a hair of a whole one is that one."""
    whole = round(n or 0)
    exact = abs((n or 0) - whole) < 1e-6
    shown = f"{whole:,}" if exact else f"{n:,g}"
    return f"{shown} {ngettext(one, many or one + 's', whole if exact else 2)}"


def status_label(lead_or_status) -> str:
    """A lead's state in plain words ("Mailing list", not "Nurture")."""
    status = getattr(lead_or_status, "status", lead_or_status)
    return STATUS_WORDS.get(status) or dict(Status.choices).get(status, str(status))


def opted_out_said(lead) -> str:
    """What an opt-out recorded by one of us says, from the lead page or a Today card."""
    return f"{lead.name} opted out: they will not be contacted again."


def let_go_target(lead) -> str:
    """Where letting this lead go puts it (`planning.stop_target`), in plain words: "mailing
    list" (only with its consent), "revisit 12 Mar 2027", or "closed"."""
    return stop_words(*stop_target(lead, timezone.now()))


def stop_words(state: str, revisit=None) -> str:
    """A stop's target in plain words: "mailing list", "revisit 12 Mar 2027", "closed"."""
    if state == Status.NURTURE:
        return "mailing list"
    if state == Status.REVISIT and revisit is not None:
        return f"revisit {clock.day(revisit)}"
    return "revisit later" if state == Status.REVISIT else str(state)


def stopped_by(lead, user, state: str, revisit, now) -> str:
    """The timeline's reason for a person's stop on Today: their decision and where it put the
    lead; the plan's reason joins it only when the plan said to let go too (its times said
    with date and zone, as on screen). The plan's case for another try is not a stop's."""
    who = f"Stopped by {display_name(user)}"
    where = {
        Status.NURTURE: "to the mailing list (they agreed to it)",
        Status.CLOSED: "closed",
    }.get(state) or stop_words(state, revisit)
    if lead.next_action == "stop":
        tz = timezone.get_current_timezone()
        why = clock.reason_in_zones(lead.plan_reason, lead, tz, now) or f"{where}."
        return f"{who}, as the plan advised: {why}"
    planned = plan_do(lead, lead.next_channel, now)
    return f"{who}: {where}." + (f" The plan still said: {planned}." if planned else "")


NOT_TO_BE_CONTACTED = "not to be contacted"  # an opt-out's or a suppressed address's words
# Why a parked lead's address is no link, though we may use it: it is not chased.
PARKED_WORDS = {
    Status.NURTURE: "on the mailing list: not chased",
    Status.REVISIT: "revisit later: not chased",
    Status.CLOSED: "closed: not chased",
    Status.WON: "won: not chased",
    Status.LOST: "lost: not chased",
}


def address_note(lead, blocked: bool, held: bool | str = False) -> str:
    """What the lead page says after an address of the lead: "not to be contacted" only
    for one suppressed (an opt-out there or a bounce) or a lead that opted out; "on hold:
    confirm or correct the stop first" for a lead `held` by a request to stop nobody has
    decided on (`reach.ON_HOLD_NOTE`); a parked lead's ("on the mailing list: not chased",
    "revisit on 6 Mar 2027") is not chased, yet nobody said no on it; "" for an address we
    may use on an open lead. `held` may be the hold's words: an import's wish has its own
    ("on hold: a teammate says not to contact them at ...: confirm or dismiss it")."""
    if blocked or lead.status == Status.OPTED_OUT:
        return NOT_TO_BE_CONTACTED
    if held:
        wish = reach.import_hold_refusal(held) if isinstance(held, str) else ""
        return f"on hold: {wish[0].lower()}{wish[1:-1]}" if wish else reach.ON_HOLD_NOTE
    if lead.status == Status.REVISIT and lead.revisit_at:
        return f"revisit on {clock.day(lead.revisit_at)}"
    return PARKED_WORDS.get(lead.status, "")


def plan_do(lead, channel: str, now=None) -> str:
    """What the lead's stored plan says to do, in a word or three: the channel of a contact,
    "wait until 12 Mar 2027" (or "wait for its turn", whose day is in its reason), or
    "stop → mailing list" (revisit, closed): a wait is not a stop."""
    if lead.next_action == "stop":
        return f"stop → {let_go_target(lead)}"
    if lead.next_action == "wait":
        now = now or timezone.now()
        days = [lead.next_due, lead.paused_until, lead.revisit_at, lead.plan_revisit_at]
        later = [day for day in days if day is not None and day > now]
        if later:
            return f"wait until {clock.day(min(later))}"
        return "wait for its turn"
    return channel


def consents_text(codes) -> str:
    """What a lead agreed to, in words: ["mailing_list", "sms"] -> "mailing list, text messages"
    ("none" when nothing); a code of no known label is shown with spaces for underscores."""
    names = dict(CONSENTS)
    said = [names.get(c, str(c).replace("_", " ")).lower() for c in codes or []]
    return ", ".join(said) or "none"


def sentence(text: str) -> str:
    """`text` ended with one full stop: "Saved Quinn F." stays as it is, never "Quinn F.."."""
    text = text.rstrip()
    return text if text.endswith((".", "!", "?")) else f"{text}."


def money_text(value) -> str:
    """A stored amount as a person types it: 50.0 -> "50", 12.5 -> "12.50"."""
    if value in (None, ""):
        return ""
    amount = Decimal(str(value)).quantize(Decimal("0.01"))
    return f"{amount:f}".removesuffix(".00")


def chance_text(p) -> str:
    """A chance as a whole percent: '24%', and 'under 1%' for one that rounds to 0% but is not
    none (a card said '0% chance of a win' beside a reason's 0.24%)."""
    if p is None:
        return ""
    percent = float(p) * 100.0
    if 0.0 < percent < 0.5:
        return "under 1%"
    return f"{int(percent + 0.5)}%"


def next_step(lead) -> str:
    """What a logged outcome's message says comes next: 'Next: call Thu 17 Dec 09:00 CST.'"""
    if lead.next_action == "contact" and lead.next_due:
        when = clock.for_lead(lead.next_due, timezone.get_current_timezone(), lead)
        tried = lead.attempt_count > 0
        now, due = timezone.now().timestamp(), lead.next_due.timestamp()
        if may_come_sooner(lead.status == Status.OPEN, tried, due, now):  # a replan may
            return f"Next: {lead.next_channel or 'contact'} by {when}, {SOONER}."
        return f"Next: {lead.next_channel or 'contact'} {when}."
    if lead.next_action == "stop":
        return "The plan now says: let go."
    return ""
