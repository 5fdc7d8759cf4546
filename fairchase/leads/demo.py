"""Realistic demo data: a small contractor's team with six months of history.

Finished leads teach the decision core; open leads at every stage make Today,
the lead pages and Insights meaningful on first start. Deterministic per seed and
moment, and a believable morning whenever it is loaded: every attempt comes after its
enquiry and before now, every pending commitment is due later today or on a later day,
and every person has their own phone number and address.
"""

from __future__ import annotations

import math
import random
from datetime import datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from . import actions, planning
from .models import (
    ACTIVE_STATUSES,
    FINISHED_STATUSES,
    OUTBOUND_SOURCES,
    Attempt,
    BusinessSettings,
    Channel,
    Commitment,
    Lead,
    Profile,
    Role,
    Status,
    StatusChange,
)

DEMO_PASSWORD = "fairchase-demo"
# One name per person: the login is the first name the pages show.
DEMO_USERS = (
    ("olivia", "Olivia", Role.ADMIN),
    ("sam", "Sam", Role.SALES),
    ("maria", "Maria", Role.SALES),
)
FIRST = (
    "Ann Bob Carl Dana Eli Fay Gus Hana Ivan Jill Kim Liam Mia Ned Olga Pat Quinn Rosa Sam Tara "
    "Uma Vic Wes Xena Yuri Zoe Abel Bea Cole Dora Emil Flo Gina Hugo Iris Jack Kate Leo Nina Otto"
).split()
LAST = (
    "Adams Baker Cruz Diaz Evans Ford Gray Hill Ito Jones Khan Lopez Moore Nash Ortiz Park Reed "
    "Shaw Tran Usman Vega Wong Young Zhang Berg Costa Dunn Ellis"
).split()
COMPANIES = [
    "",
    "",
    "",
    "Acme Builders",
    "Northwind",
    "Bluebird Cafe",
    "Oak & Pine",
    "Riverside Dental",
    "Summit Realty",
    "Greenleaf Farms",
    "Harbor Logistics",
    "Maple School",
]
ZONES = ["America/Chicago"] * 6 + ["America/New_York", "America/Denver", "America/Los_Angeles"]
# source: (share, first-try reply chance, decay per try, P(win | reply), median value)
SOURCES = {
    "referral": (0.20, 0.55, 0.80, 0.45, 6000),
    "inbound_call": (0.18, 0.50, 0.75, 0.35, 4000),
    "walk_in": (0.05, 0.45, 0.70, 0.35, 2500),
    "web_form": (0.35, 0.25, 0.60, 0.20, 1800),
    "event": (0.07, 0.30, 0.70, 0.25, 3000),
    "cold_outreach": (0.10, 0.08, 0.65, 0.15, 5000),
    "purchased_list": (0.05, 0.05, 0.60, 0.10, 2000),
}
GOOD = ["asked_price", "asked_details", "stated_need", "initiated_contact"]
POOR = ["vague", "no_specific_interest", "short_conversation", "distracted"]
SPACING_DAYS = [0.05, 2, 7, 14, 21, 30, 30, 45]
# What this morning's new enquiries wrote or said (shown on their Today card); only people
# who came to us enquire: a cold list's contact (OUTBOUND_SOURCES) has said nothing yet.
ENQUIRIES = (
    "Water is coming into the attic after last night's storm. Can someone look today?",
    "We need a quote for a new roof on a two-storey house, about 1,800 sq ft.",
    "The gutters overflow at the back of the building. Looking for a repair this week.",
    "We're renovating the cafe and need the flat roof redone before spring.",
    "A few shingles blew off in the wind. Not urgent, but please check before winter.",
    "Could you send a price for replacing two skylights? Both leak.",
    "I manage three buildings and want a yearly inspection contract.",
    "Saw your van on Elm Street. Do you repair chimney flashing?",
)


def _users():
    User = get_user_model()
    people = []
    for username, first, role in DEMO_USERS:
        user, created = User.objects.get_or_create(
            username=username, defaults={"first_name": first, "email": f"{username}@example.com"}
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.is_staff = user.is_superuser = role == Role.ADMIN
            user.save()
        Profile.objects.update_or_create(
            user=user, defaults={"role": role, "phone": "+13125550100"}
        )
        people.append(user)
    return people


def _in_hours(dt: datetime, zone: str, rng: random.Random) -> datetime:
    """A working-hours moment (9:00-17:45, not on Sunday) on dt's day in `zone`, never before
    dt: the next working day's when that day's hours are over."""
    tz = ZoneInfo(zone)
    local = dt.astimezone(tz)
    day = local.date()
    for _ in range(8):
        if day.weekday() != 6:
            start = datetime.combine(day, time(9), tzinfo=tz)
            slots = [start + timedelta(minutes=15 * i) for i in range(36)]  # 9:00 .. 17:45
            later = [t for t in slots if t >= local]
            if later:
                return rng.choice(later[:12]).astimezone(ZoneInfo("UTC"))  # within about 3 hours
        day += timedelta(days=1)
    return dt


def _lead(rng: random.Random, owners, created: datetime, number: int) -> tuple[Lead, float, tuple]:
    source = rng.choices(list(SOURCES), weights=[s[0] for s in SOURCES.values()])[0]
    params = SOURCES[source]
    interest = rng.betavariate(2, 3)
    signals = [s for s in GOOD if rng.random() < 0.5 * interest] + [
        s for s in POOR if rng.random() < 0.3 * (1 - interest)
    ]
    first, last = rng.choice(FIRST), rng.choice(LAST)
    value = round(params[4] * math.exp(rng.gauss(0, 0.6)), -1)
    lead = Lead(
        name=f"{first} {last}",
        company=rng.choice(COMPANIES),
        source=source,
        email=f"{first}.{last}{number}@example.com".lower(),
        phone=_phone(number),
        timezone=rng.choice(ZONES),
        value=Decimal(str(value)) if rng.random() < 0.85 else None,
        owner=rng.choice(owners),
        signals=sorted(signals),
        created_at=created,
        consents=[c for c, p in (("mailing_list", 0.5), ("sms", 0.3)) if rng.random() < p],
    )
    return lead, interest, params


# Area codes of the demo's cities; numbers 2000-9999 so every one is a valid, distinct number.
AREA_CODES = ("312", "773", "630", "847", "708", "815", "224", "331")


def _phone(number: int) -> str:
    """A distinct phone number per demo person (`number` < 8 * 8,000)."""
    area, rest = divmod(number, 8000)
    return f"+1{AREA_CODES[area % len(AREA_CODES)]}555{2000 + rest:04d}"


def _play(rng, lead, interest, params, until: datetime, max_tries: int):
    """Chase one lead until it answers, we give up, or `until`; returns (attempts, status)."""
    attempts, at = [], lead.created_at
    for k in range(max_tries):
        at = _in_hours(
            at + timedelta(days=SPACING_DAYS[min(k, len(SPACING_DAYS) - 1)]), lead.timezone, rng
        )
        if at > until:
            return attempts, Status.OPEN
        channel = "call" if k % 3 != 2 else "email"
        p = params[1] * (params[2] ** k) * (0.4 + 1.6 * interest)
        if rng.random() < 0.004 * (k + 1):
            attempts.append(Attempt(at=at, channel=channel, outcome="opted_out", minutes=2))
            return attempts, Status.OPTED_OUT
        if rng.random() < min(p, 0.95):
            attempts.append(
                Attempt(
                    at=at,
                    channel=channel,
                    outcome="talked" if channel == "call" else "replied",
                    minutes=12 if channel == "call" else 4,
                    progress=True,
                )
            )
            won = rng.random() < params[3] * (0.5 + interest)
            attempts += _conversation(rng, lead, at, until, won)
            return attempts, Status.WON if won else Status.LOST
        outcome = "left_message" if channel == "call" and rng.random() < 0.6 else "no_answer"
        attempts.append(
            Attempt(at=at, channel=channel, outcome=outcome, minutes=4 if channel == "call" else 3)
        )
    return attempts, Status.CLOSED


def _conversation(rng, lead, at: datetime, until: datetime, won: bool) -> list[Attempt]:
    """The contacts after a first answer (a quote, questions, a visit): a sale usually takes
    one to three more; a lost one often goes quiet after the first without progress."""
    contacts = []
    for n in range(rng.randint(1, 3) if won else rng.randint(0, 3)):
        at = _in_hours(at + timedelta(days=rng.uniform(1, 5)), lead.timezone, rng)
        if at > until:
            break
        moving = won or (n == 0 and rng.random() < 0.5)
        if moving or rng.random() < 0.5:
            channel = "call" if rng.random() < 0.6 else "email"
            outcome = "talked" if channel == "call" else "replied"
            contacts.append(
                Attempt(at=at, channel=channel, outcome=outcome, minutes=10, progress=moving)
            )
        else:
            contacts.append(Attempt(at=at, channel="call", outcome="no_answer", minutes=3))
    return contacts


Made = list[tuple[Lead, list[Attempt], str]]  # a lead, its attempts, the status it ends in


@transaction.atomic
def load_demo(
    n_history: int = 500, n_open: int = 180, seed: int = 7, now: datetime | None = None
) -> dict:
    """Create users, settings, finished history and open leads; fit and plan. Returns counts."""
    rng = random.Random(seed)
    now = now or timezone.now()
    owners = _users()
    bs = BusinessSettings.current()
    bs.business_timezone = "America/Chicago"
    bs.save()
    numbers = iter(rng.sample(range(8 * 8000), n_history + n_open))
    made = _finished(rng, owners, numbers, now, n_history) + _open(
        rng, owners, numbers, now, n_open
    )
    rows, commitments = _store(made, rng, now)
    _suppress_opt_outs(made)
    fitted = planning.refit(now=now)
    planned = planning.replan_all(now=now)
    held = Lead.objects.filter(pk__in=[m[0].pk for m in made])
    return {
        "users": len(owners),
        "history": held.filter(status__in=FINISHED_STATUSES).count(),
        "open": held.filter(status__in=ACTIVE_STATUSES).count(),
        "attempts": rows,
        "commitments": commitments,
        "fitted_on": fitted.n_leads,
        "planned": planned,
    }


def _finished(rng: random.Random, owners, numbers, now: datetime, n: int) -> Made:
    """Leads that arrived 1-7 months ago, chased and finished (won, lost or let go)."""
    made: Made = []
    for _ in range(n):
        arrived = now - timedelta(days=rng.uniform(30, 200))
        lead, interest, params = _lead(rng, owners, arrived, next(numbers))
        attempts, status = _play(
            rng, lead, interest, params, now - timedelta(days=2), rng.randint(1, 7)
        )
        made.append((lead, attempts, Status.CLOSED if status == Status.OPEN else status))
    return made


def _open(rng: random.Random, owners, numbers, now: datetime, n: int) -> Made:
    """Leads still open: an eighth arrived within the day and wait for a first answer, the
    rest arrived in the last 40 days and were tried up to an hour ago."""
    made: Made = []
    for i in range(n):
        fresh = i < n // 8
        age = rng.uniform(0.01, 0.8) if fresh else rng.uniform(1, 40)
        lead, interest, params = _lead(rng, owners, now - timedelta(days=age), next(numbers))
        if lead.source not in OUTBOUND_SOURCES:  # what they wrote (a cold contact did not)
            lead.notes = ENQUIRIES[i % len(ENQUIRIES)]
        if fresh:
            if lead.source in OUTBOUND_SOURCES:
                lead.revisit_at = lead.created_at  # to work by value, not a new enquiry
            made.append((lead, [], Status.OPEN))
            continue
        attempts, status = _play(
            rng, lead, interest, params, now - timedelta(hours=1), rng.randint(1, 5)
        )
        status = Status.ENGAGED if status in (Status.WON, Status.LOST) else status
        made.append((lead, attempts, Status.OPEN if status == Status.CLOSED else status))
    return made


def _store(made: Made, rng: random.Random, now: datetime) -> tuple[int, int]:
    """Write the leads, their attempts, status changes and the engaged leads' commitments.
    Returns how many attempts and commitments were written."""
    for lead, attempts, status in made:
        lead.status = status
        if status == Status.WON:
            lead.won_value = lead.value or Decimal(2000)
        if attempts:
            lead.attempt_count, lead.last_attempt_at = len(attempts), attempts[-1].at
            lead.first_response_at = attempts[0].at
    Lead.objects.bulk_create([m[0] for m in made], batch_size=500)
    rows, changes, commitments = [], [], []
    for lead, attempts, status in made:
        for a in attempts:
            a.lead, a.user = lead, lead.owner
            rows.append(a)
        changes.append(
            StatusChange(
                lead=lead, old="", new=Status.OPEN, reason="New enquiry", at=lead.created_at
            )
        )
        if status != Status.OPEN:
            end = attempts[-1].at if attempts else lead.created_at
            changes.append(
                StatusChange(lead=lead, old=Status.OPEN, new=status, reason="Demo history", at=end)
            )
        if status == Status.ENGAGED:
            commitments.append(_commitment(lead, attempts[-1].at, rng, now))
    Attempt.objects.bulk_create(rows, batch_size=1000)
    StatusChange.objects.bulk_create(changes, batch_size=1000)
    Commitment.objects.bulk_create(commitments, batch_size=500)
    return len(rows), len(commitments)


def _suppress_opt_outs(made: Made) -> None:
    """Those who opted out in the demo's history said no: every address of theirs is
    suppressed, as by any opt-out, through the one action (`actions.opt_out` on a record
    already opted out suppresses its addresses and changes nothing else), so the demo
    holds what a real book holds and an address of theirs added later stays blocked."""
    for lead, attempts, status in made:
        if status == Status.OPTED_OUT:
            actions.opt_out(lead, channel=attempts[-1].channel, reason="Demo history")


def _commitment(lead: Lead, since: datetime, rng: random.Random, now: datetime) -> Commitment:
    """A promise due later today or on a coming day: a morning's list, not a backlog of
    missed promises."""
    by = rng.choice([Commitment.By.US, Commitment.By.LEAD])
    due = _in_hours(
        now + timedelta(days=rng.choice([0, 0, 1, 1, 2, 3]), minutes=30), lead.timezone, rng
    )
    if by == Commitment.By.LEAD:
        what, channel = "Send us the floor plan", ""
    elif lead.phone:
        what, channel = "Call back with the quote", Channel.CALL
    else:
        what, channel = "Email the quote", Channel.EMAIL
    return Commitment(lead=lead, by=by, what=what, channel=channel, due_at=due, created_at=since)
