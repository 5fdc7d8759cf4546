"""The agenda's SQL: each section's WHERE term as its partial index spells it, a section's
capped count, and the minutes of a whole section in one aggregate query (`agenda` builds the
sections from them)."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime

from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    F,
    FloatField,
    OuterRef,
    Q,
    Sum,
    Value,
    When,
)
from django.db.models.expressions import RawSQL

from fairchase.leads import reach
from fairchase.leads.models import BusinessSettings, Commitment, Lead, Status, Suppression


def channel_minutes(business: BusinessSettings) -> dict[str, float]:
    return {
        "call": business.minutes_call,
        "email": business.minutes_email,
        "text": business.minutes_text,
        "visit": business.minutes_visit,
    }


def literal(sql: str) -> RawSQL:
    """A WHERE term written out in the SQL rather than bound as a parameter: SQLite only
    uses a partial index when the query repeats the index's condition literally."""
    return RawSQL(sql, (), output_field=BooleanField())


# Each matches the WHERE of a partial index created in web/migrations/0002 (all three
# keyed on owner, best priority first), so every section is a short index range scan.
# A lead with a revisit date (an imported contact, a revisit that came back) is not a new enquiry.
# NEW_TERM is `leads.models.NEW_ENQUIRY` in the index's words (tests/web/test_a_new_enquiry_is_one_rule.py).
NEW_TERM = literal(
    "leads_lead.status = 'open' AND leads_lead.attempt_count = 0 AND leads_lead.revisit_at IS NULL"
)
CONTACT_TERM = literal("leads_lead.next_action = 'contact'")
STOP_TERM = literal("leads_lead.next_action = 'stop'")
# An enquiry nobody has answered stays one to answer while the plan says contact or wait (its
# turn rationed by the day's minutes): only a "stop" (opted out, every address bounced) moves it.
UNANSWERED_TERM = literal("leads_lead.next_action IN ('contact', 'wait')")
WAIT_TERM = literal("leads_lead.next_action = 'wait'")
COUNT_CAP = 1000  # badges say "1000+" beyond this instead of counting every row


def unanswered(leads, now: datetime, held: Collection[int] | None = None):
    """The new enquiries among `leads` that are ours to answer now: nobody answered them and
    the plan says contact, or waits only to ration their turn. Not one held for a person (an
    unconfirmed request to stop: only the held panel offers it, to confirm or correct) nor one
    an out-of-office paused until later (its plan says until when). `held`: `reach.held_ids()`
    when the caller has it."""
    held = reach.held_ids() if held is None else held
    qs = leads.filter(NEW_TERM).filter(UNANSWERED_TERM).exclude(paused_until__gt=now)
    return qs.exclude(pk__in=list(held)) if held else qs


def is_unanswered(lead: Lead, now: datetime, held: Collection[int] | None) -> bool:
    """`unanswered` for one lead already loaded (its plan no stop: `row_for` asks that first)."""
    return (
        lead.status == Status.OPEN
        and lead.attempt_count == 0
        and lead.revisit_at is None
        and not (lead.paused_until and lead.paused_until > now)
        and not reach.is_held(lead, held)
    )


def capped_count(qs, shown: int, limit: int) -> int:
    """The section's size: free when it all fits on the page, else one capped count
    (ordered like the index, so the planner counts from the section's partial index)."""
    if shown < limit:
        return shown
    return qs.order_by("-priority")[:COUNT_CAP].count()


def minutes_of(minutes: dict[str, float], lead: str = "", unnamed: str = "") -> Case:
    """A row's minutes in SQL, for summing a whole section in one query: the plan's channel,
    else as `row_channel` reads the lead's addresses we may use (a call, an email, else none:
    an opted-out or bounced address is none). `lead` is the path to the lead ("lead__" from a
    commitment); `unnamed` the channel to cost when the plan names none (a commitment's row
    counts a call), "" to follow the addresses."""
    channel, phone, email = f"{lead}next_channel", f"{lead}phone", f"{lead}email"
    named = [When(**{channel: ch}, then=Value(float(m))) for ch, m in minutes.items()]
    named.append(When(~Q(**{channel: ""}), then=Value(5.0)))  # a channel without a cost
    if unnamed:  # every row costs that channel's minutes
        return Case(
            *named, default=Value(float(minutes.get(unnamed, 5.0))), output_field=FloatField()
        )
    addresses = [  # only an address we may use (`row_channel`): a suppressed phone is no call
        When(~Q(**{phone: ""}) & ~_suppressed(phone), then=Value(float(minutes["call"]))),
        When(~Q(**{email: ""}) & ~_suppressed(email), then=Value(float(minutes["email"]))),
    ]
    return Case(*named, *addresses, default=Value(0.0), output_field=FloatField())


def _suppressed(address: str) -> Exists:
    """The row's address opted out or bounced (Suppression keeps it as the lead stores it)."""
    return Exists(Suppression.objects.filter(value=OuterRef(address)))


def section_minutes(qs, minutes: dict[str, float], **how) -> float:
    """The minutes of every row of a section (not only those shown), one aggregate query."""
    return qs.order_by().aggregate(total=Sum(minutes_of(minutes, **how)))["total"] or 0.0


def capped_total(qs, minutes: dict[str, float]) -> tuple[int, float]:
    """A lead section's size and the minutes of its rows, in one query, as `capped_count`
    counts them: read from the section's partial index in its order, at most COUNT_CAP rows.
    Unordered, SQLite reads every open lead of the owner instead (bench.app_speed's 10,000:
    4.0 ms CPU against 2.7)."""
    rows = qs.annotate(row_minutes=minutes_of(minutes)).order_by("-priority")[:COUNT_CAP]
    total = rows.aggregate(minutes=Sum("row_minutes"), n=Count("pk"))
    return total["n"], total["minutes"] or 0.0


# A promise of ours to someone who wrote back since our last try (`CommitmentRow.asked`).
ANSWERED_FIRST = Q(by=Commitment.By.US, lead__responded_at__isnull=False) & (
    Q(lead__last_attempt_at__isnull=True) | Q(lead__responded_at__gt=F("lead__last_attempt_at"))
)


def in_due_order(promises):
    """Promises in the order Today lists them: those asked for first, then earliest due."""
    return promises.annotate(answered=Case(When(ANSWERED_FIRST, then=0), default=1)).order_by(
        "answered", "due_at", "pk"
    )
