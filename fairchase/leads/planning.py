"""The one bridge between the lead book and the decision core.

Leads become contract records (`lead_record`), `fairchase.policy.plan` decides,
and the decision is written back onto the lead's plan fields (`replan`). The app
never re-implements a decision: it only stores what the core says.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db import connections, router, transaction
from django.db.models import Prefetch, Sum
from django.utils import timezone

from fairchase import clock, policy, texting

from .models import (
    ACTIVE_STATUSES,
    FINISHED_STATUSES,
    Attempt,
    BusinessSettings,
    Commitment,
    FittedModel,
    Lead,
    Status,
    Suppression,
)

log = logging.getLogger("fairchase.planning")

PLAN_FIELDS = [
    "next_action",
    "next_channel",
    "next_due",
    "next_state",
    "priority",
    "expected_value",
    "p_reply",
    "plan_reason",
    "why_not_stop",
    "plan_revisit_at",
    "planned_at",
]

_model_cache: dict[str, object] = {"key": None, "model": None}


def policy_settings() -> dict:
    return BusinessSettings.current().to_policy()


def default_revisit(now):
    """When to look again at a lead put off without a date of its own (a "later" with no
    date, a stop into revisit): the decision core's revisit horizon, set in one place."""
    days = policy.Settings.from_any(policy_settings()).revisit_days
    return now + timezone.timedelta(days=days)


def stop_target(
    lead: Lead, now, plan: tuple[str, datetime | None] | None = None
) -> tuple[str, datetime | None]:
    """Where letting this lead go puts it, and its revisit date: the plan's own stop when it
    says stop (a revisit on its date while that is ahead), else the core's rule for a stopped
    lead (`policy.stop_state`: the mailing list with their consent, else closed). Today's
    Stop, its "Let go" words and a last message's stop all ask this, so they agree. `plan`
    is the plan's (next_state, plan_revisit_at) as read before something replanned the lead
    (the last message's send); the consent is always the lead's as it is now."""
    state, planned = plan if plan is not None else (lead.next_state, lead.plan_revisit_at)
    if state not in (Status.REVISIT, Status.CLOSED):  # consent may be gone since the plan
        state = policy.stop_state("mailing_list" in (lead.consents or []))
    if state != Status.REVISIT:
        return state, None
    return state, planned if planned is not None and planned > now else default_revisit(now)


@dataclass(frozen=True)
class DayMinutes:
    """The selling minutes of some people's day: what they have (each person's daily
    minutes), what they already logged today, and what is left for the plan."""

    daily: float
    spent: float

    @property
    def left(self) -> float:
        return max(0.0, self.daily - self.spent)


def start_of_business_day(now: datetime, business: BusinessSettings | None = None) -> datetime:
    """The first moment of `now`'s day in the business's time zone (aware)."""
    business = business or BusinessSettings.current()
    tz = clock.zone(business.business_timezone)
    return datetime.combine(now.astimezone(tz).date(), time.min, tzinfo=tz)


def day_minutes(
    owner_ids: Iterable[int | None], now: datetime, business: BusinessSettings | None = None
) -> DayMinutes:
    """The one place that says how many selling minutes these owners have left for the day
    Today plans (`contact_day`): each has the business's daily minutes, less the minutes of
    the attempts they logged since that day began (never below zero for one person: one who
    worked overtime takes no minutes from a teammate). On a Sunday or after the contact
    hours, the day planned is the next contact day: nothing is logged on it yet, and a call
    logged on the Sunday takes nothing off Monday."""
    business = business or BusinessSettings.current()
    people = set(owner_ids) or {None}
    per_person = business.selling_minutes()
    ids = [pk for pk in people if pk is not None]
    start = contact_day(now, business).start
    spent_by: dict = {}
    if start <= now:  # a later day has nothing logged yet: no query
        today = Attempt.objects.filter(user_id__in=ids, at__gte=start, at__lte=now)
        spent_by = dict(
            today.order_by()
            .values("user_id")
            .annotate(total=Sum("minutes"))
            .values_list("user_id", "total")
        )
    spent = sum(min(per_person, float(spent_by.get(pk) or 0.0)) for pk in people)
    return DayMinutes(daily=per_person * len(people), spent=spent)


def current_model():
    """The latest fitted model (cached per process until a newer one is saved), or None."""
    row = (
        FittedModel.objects.order_by("-created_at", "-pk")
        .values_list("pk", "created_at", "n_leads")
        .first()
    )
    if row is None:
        return None
    # Keyed on more than the pk: a flushed database (tests, a restore) reuses pks.
    if _model_cache["key"] != row:
        data = FittedModel.objects.values_list("data", flat=True).get(pk=row[0])
        if not policy.Model.stored_by_this_version(data):
            # stored before an upgrade: learn again from the book at once, rather than plan
            # with the cold-start priors until the nightly refit
            log.info("the stored model is an older version's: refitting")
            fresh = refit()
            row, data = (fresh.pk, fresh.created_at, fresh.n_leads), fresh.data
        _model_cache.update(key=row, model=policy.Model.from_dict(data))
    return _model_cache["model"]


def _iso(dt):
    return dt.isoformat() if dt is not None else None


def lead_record(lead: Lead, suppressed: set[str] | None = None) -> dict:
    """The contract's lead record for one lead (attempts and commitments should be prefetched)."""
    attempts = [
        {
            "at": a.at,
            "channel": a.channel,
            "outcome": a.outcome,
            "minutes": a.minutes,
            "progress": a.progress,
        }
        for a in lead.attempts.all()
    ]
    pending = [c for c in lead.commitments.all() if c.state == Commitment.State.PENDING]
    commitment = None
    if pending:
        c = min(pending, key=lambda c: c.due_at)
        # kept on the channel it names (a call back they asked for is a call); None: any
        commitment = {"due": c.due_at, "by": c.by, "what": c.what, "channel": c.channel or None}
    return {
        "id": str(lead.pk),
        "source": lead.source,
        "value": float(lead.value) if lead.value is not None else None,
        "created_at": lead.created_at,
        "timezone": lead.timezone or None,
        "signals": list(lead.signals or []),
        "consents": list(lead.consents or []),
        "attempts": attempts,
        "status": str(lead.status),
        "won_value": float(lead.won_value) if lead.won_value is not None else None,
        "channels": reachable_channels(lead, suppressed),
        "commitment": commitment,
        "paused_until": lead.paused_until,
        "revisit_at": lead.revisit_at,
        "responded_at": lead.responded_at,  # their latest reply (a reply is not an attempt)
    }


def reachable_channels(lead: Lead, suppressed: set[str] | None = None) -> list[str]:
    """Channels we may use: we need the address, no suppression, and for texts consent and
    a way to send them (`texting.configured`: without it a text is never planned).
    No email and no phone is no channel, however the lead came (a walk-in, a form, an
    import): the app keeps no street address, so a visit has nowhere to go, and the core
    plans no contact for `[]` ("0 ways left to reach them: add an email or phone")."""
    if suppressed is None:
        suppressed = set(
            Suppression.objects.filter(
                value__in=[v for v in (lead.email, lead.phone) if v]
            ).values_list("value", flat=True)
        )
    out = []
    if lead.phone and lead.phone not in suppressed:
        out += ["call"]
        if "sms" in (lead.consents or []) and texting.configured():
            out += ["text"]
    if lead.email and lead.email not in suppressed:
        out += ["email"]
    return out


def with_history(qs):
    """Prefetch what `lead_record` reads."""
    return qs.prefetch_related(
        Prefetch("attempts", queryset=Attempt.objects.order_by("at", "pk")),
        Prefetch("commitments", queryset=Commitment.objects.filter(state=Commitment.State.PENDING)),
    )


def apply_decision(lead: Lead, d: dict | None, now) -> None:
    """Copy one decision of the core onto the lead's plan fields (not saved)."""
    if d is None or lead.status not in ACTIVE_STATUSES:
        lead.next_action, lead.next_channel, lead.next_due, lead.next_state = "", "", None, ""
        lead.priority, lead.expected_value, lead.p_reply = 0.0, 0.0, None
        lead.plan_reason, lead.why_not_stop, lead.plan_revisit_at = "", "", None
    else:
        lead.next_action = d.get("action") or ""
        lead.next_channel = d.get("channel") or ""
        lead.next_due = d.get("due")
        lead.next_state = d.get("next_state") or ""
        lead.priority = float(d.get("priority") or 0.0)
        lead.expected_value = float(d.get("expected_value") or 0.0)
        lead.p_reply = d.get("p_reply")
        lead.plan_reason = d.get("reason") or ""
        lead.why_not_stop = d.get("why_not_stop") or ""
        lead.plan_revisit_at = d.get("revisit_at")
    lead.planned_at = now


def replan(leads: Sequence[Lead], now=None, model=None, settings: dict | None = None) -> None:
    """Recompute and save the plan fields of these leads (history must be prefetched)."""
    if not leads:
        return
    now = now or timezone.now()
    model = model if model is not None else current_model()
    if settings is None:  # the owners' minutes of the day planned, as replan_all's
        day = day_minutes({lead.owner_id for lead in leads}, now)
        settings = {**policy_settings(), "daily_minutes": day.daily, "minutes_left_today": day.left}
    records = active_records(leads)
    decisions = {d["id"]: d for d in policy.plan(model, records, now, settings)} if records else {}
    for lead in leads:
        apply_decision(lead, decisions.get(str(lead.pk)), now)
    write_plans(leads)


def active_records(leads: Sequence[Lead]) -> list[dict]:
    """Contract records of the active leads among these (suppressed addresses looked up once)."""
    values = {v for lead in leads for v in (lead.email, lead.phone) if v}
    suppressed = set(Suppression.objects.filter(value__in=values).values_list("value", flat=True))
    return [lead_record(lead, suppressed) for lead in leads if lead.status in ACTIVE_STATUSES]


def write_plans(leads: Sequence[Lead]) -> int:
    """Save only the plan fields, in one executemany (Django's bulk_update builds a CASE
    per field and row, which costs seconds for a few thousand leads); returns how many.

    A plan lands only on a lead whose event count is still the one it was computed from:
    a plan from older facts (a whole-book refit that read the lead before an outcome was
    logged) is dropped, and the newer plan the outcome's action wrote stays."""
    fields = [Lead._meta.get_field(name) for name in PLAN_FIELDS]
    conn = connections[router.db_for_write(Lead)]
    qn = conn.ops.quote_name
    sql = "UPDATE {} SET {} WHERE {} = %s AND {} = %s".format(
        qn(Lead._meta.db_table),
        ", ".join(f"{qn(f.column)} = %s" for f in fields),
        qn(Lead._meta.pk.column),
        qn(Lead._meta.get_field("events").column),
    )
    rows = [
        [f.get_db_prep_save(getattr(lead, f.attname), conn) for f in fields]
        + [lead.pk, lead.events]
        for lead in leads
    ]
    with conn.cursor() as cur:
        cur.executemany(sql, rows)
        written = cur.rowcount  # summed over the rows on both backends' drivers
    return written if written is not None and written >= 0 else len(rows)


def replan_lead(lead: Lead, now=None) -> Lead:
    """Recompute one lead's plan (after any event on it)."""
    fresh = with_history(Lead.objects.filter(pk=lead.pk)).get()
    replan([fresh], now=now)
    for f in PLAN_FIELDS:
        setattr(lead, f, getattr(fresh, f))
    return lead


def replan_all(now=None, batch: int = 2000, queryset=None, progress=None) -> int:
    """Recompute every active lead's plan; returns how many were planned.

    Leads are read and written in batches, but planned in one call: on a crowded day (more
    contacts due than minutes) the core judges the whole book, not one batch at a time.
    `progress(done, total)` counts reading, then writing (total = twice the leads).
    """
    now = now or timezone.now()
    model, settings = current_model(), policy_settings()
    qs = queryset if queryset is not None else Lead.objects.filter(status__in=ACTIVE_STATUSES)
    ids = list(qs.order_by("pk").values_list("pk", flat=True))
    if not ids:
        return 0
    # the day's minutes are everyone's: per person times the people whose leads these are
    # (people who still work here: a deactivated owner's minutes are gone with them); what
    # they logged today is spent (`day_minutes`, Today's line), later days have them whole
    owners = set(qs.filter(owner__is_active=True).values_list("owner_id", flat=True).distinct())
    per_person = float(settings.get("daily_minutes") or 0.0)
    settings = {
        **settings,
        "daily_minutes": per_person * max(1, len(owners)),
        "minutes_left_today": day_minutes(owners, now).left,
    }
    records, status = [], {}
    for i in range(0, len(ids), batch):
        chunk = list(with_history(Lead.objects.filter(pk__in=ids[i : i + batch])))
        # the event count read with the facts: the write checks it (see write_plans)
        status.update((lead.pk, (lead.status, lead.events)) for lead in chunk)
        records += active_records(chunk)
        if progress:
            progress(min(i + batch, len(ids)), 2 * len(ids))
    decisions = {d["id"]: d for d in policy.plan(model, records, now, settings)} if records else {}
    del records
    for i in range(0, len(ids), batch):
        rows = [
            Lead(pk=pk, status=status[pk][0], events=status[pk][1])
            for pk in ids[i : i + batch]
            if pk in status
        ]
        for lead in rows:
            apply_decision(lead, decisions.get(str(lead.pk)), now)
        with transaction.atomic():
            write_plans(rows)
        if progress:
            progress(len(ids) + min(i + batch, len(ids)), 2 * len(ids))
    return len(ids)


def history_records(leads: Iterable[Lead] | None = None) -> list[dict]:
    """Finished leads as contract records: the training data for `fit`."""
    qs = (
        leads
        if leads is not None
        else with_history(Lead.objects.filter(status__in=FINISHED_STATUSES))
    )
    out = []
    for lead in qs:
        rec = lead_record(lead, suppressed=set())
        # Stopped leads (nurture/closed) count as lost for training: they did not buy.
        rec["status"] = (
            lead.status if lead.status in (Status.WON, Status.LOST, Status.OPTED_OUT) else "lost"
        )
        out.append(rec)
    return out


def training_records(leads=None) -> list[dict]:
    """What `refit` learns from (among `leads`, a queryset; default all): every finished lead,
    plus the tries of leads still being chased or parked for a revisit. A try that has had no
    answer yet is still a try: leaving the unfinished leads out would count only the chases
    that ended quickly, which are mostly the ones that got a reply, and make a silent lead look
    likelier to answer than it is. The core counts an unfinished lead's tries, never its
    outcome (no win or loss yet)."""
    leads = leads if leads is not None else Lead.objects.all()
    records = history_records(with_history(leads.filter(status__in=FINISHED_STATUSES)))
    chased = with_history(
        leads.filter(
            status__in=(*ACTIVE_STATUSES, Status.REVISIT), attempts__isnull=False
        ).distinct()
    )
    for lead in chased:
        rec = lead_record(lead, suppressed=set())
        rec["status"] = Status.ENGAGED if lead.status == Status.ENGAGED else Status.OPEN
        records.append(rec)
    return records


def refit(now=None) -> FittedModel:
    """Fit the decision core on the lead book (see `training_records`) and store it as the
    current model."""
    history = training_records()
    model = policy.fit(history, policy_settings())
    row = FittedModel.objects.create(
        created_at=now or timezone.now(), n_leads=len(history), data=model.to_dict()
    )
    log.info("fitted the decision core on %d leads (finished, or with tries so far)", len(history))
    return row


def _contact_rules(business: BusinessSettings) -> tuple[tuple, tuple[int, int]]:
    """The contact days (weekday numbers) and hours (minutes after midnight), as the core reads them."""
    rules = policy.Settings.from_any(business.to_policy())
    return rules.contact_days, rules.contact_hours


def _next_contact_date(today: date, days: tuple) -> date:
    """The first contact day after `today`."""
    ahead = next((d for d in range(1, 8) if (today.weekday() + d) % 7 in days), 1)
    return today + timedelta(days=ahead)


def day_off(local: datetime, business: BusinessSettings | None = None) -> tuple[str, str]:
    """(the day's name, the next contact day's name) when `local` (a time on the clock of the
    zone that counts) falls on a day nobody is contacted (a Sunday), else ("", "")."""
    business = business or BusinessSettings.current()
    days, _ = _contact_rules(business)
    today = local.date()
    if today.weekday() in days or not days:
        return "", ""
    return f"{today:%A}", f"{_next_contact_date(today, days):%A}"


@dataclass(frozen=True)
class ContactDay:
    """The day Today plans, in the business's zone: its first and last moments, and when it
    is not today, its name ("Monday") and why ("Sunday: not a contact day.")."""

    start: datetime
    end: datetime
    name: str = ""  # "" when the day planned is today
    why: str = ""


# A day's contact hours ending this late (23:59) run to midnight: the day never closes early.
ALL_DAY = 24 * 60 - 1


def contact_day(now: datetime, business: BusinessSettings | None = None) -> ContactDay:
    """The day whose work Today shows: today, in the business's zone, while it is a contact
    day and its contact hours have not ended; else the next contact day. On a Sunday, or at
    21:00 once the hours (08:00-20:00) are over, the work a person can still plan is the next
    contact day's: its follow-ups, its promises, its whole minutes. (The hours are the
    business's setting read on the business's clock; a lead in another zone due later today
    is still listed, as due before the end of the next day.)"""
    business = business or BusinessSettings.current()
    days, (_, end) = _contact_rules(business)
    tz = clock.zone(business.business_timezone)
    local = now.astimezone(tz)
    today = local.date()
    off, _ = day_off(local, business)
    over = not off and end < ALL_DAY and local.hour * 60 + local.minute >= end
    day = _next_contact_date(today, days) if off or over else today
    why = f"{off}: not a contact day." if off else f"{today:%A}'s contact hours are over."
    return ContactDay(
        start=datetime.combine(day, time.min, tzinfo=tz),
        end=datetime.combine(day, time.max, tzinfo=tz),
        name=f"{day:%A}" if day != today else "",
        why=why if day != today else "",
    )


def due_on(lead: Lead, day: ContactDay) -> bool:
    """Whether the lead's next step is for `day` (the day Today shows, `contact_day`) or
    sooner, so its message is for now: on a Sunday a step due Monday is, as a step due today
    is on a weekday; Tuesday's is not. A goodbye (stop) is for now, and so is a contact step
    with no time. Today's card and the drafted message both ask this, so they agree."""
    if lead.next_action == "stop":
        return True
    if lead.next_action != "contact":
        return False
    return lead.next_due is None or lead.next_due <= day.end
