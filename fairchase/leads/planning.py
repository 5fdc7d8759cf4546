"""The one bridge between the lead book and the decision core.

Leads become contract records (`lead_record`), `fairchase.policy.plan` decides,
and the decision is written back onto the lead's plan fields (`replan`). The app
never re-implements a decision: it only stores what the core says.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from datetime import datetime

from django.db import connections, router, transaction
from django.db.models import Prefetch, Q
from django.utils import timezone

from fairchase import policy

# the day planned and its minutes live in `days`; planning is where the app asks for them
from .days import ALL_DAY as ALL_DAY
from .days import ContactDay as ContactDay
from .days import DayMinutes as DayMinutes
from .days import contact_day as contact_day
from .days import day_minutes as day_minutes
from .days import day_off as day_off
from .days import due_on as due_on
from .days import owners_minutes as owners_minutes
from .days import start_of_business_day as start_of_business_day
from .models import (
    ACTIVE_STATUSES,
    CARRIED_STATUSES,
    FINISHED_STATUSES,
    Attempt,
    BusinessSettings,
    Commitment,
    FittedModel,
    Lead,
    Status,
    Suppression,
)
from .reach import CHANNELS, address_refusal, holds

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


def lead_record(lead: Lead, suppressed: set[str] | None = None, hold: str | None = None) -> dict:
    """The contract's lead record for one lead (attempts and commitments should be prefetched);
    `hold`: what a person must decide before any contact (`holds`), None for none."""
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
    commitment, missed = None, _missed_promise(lead)
    if pending or missed:
        c = min(pending, key=lambda c: c.due_at) if pending else missed
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
        "hold": hold,
        "paused_until": lead.paused_until,
        "revisit_at": lead.revisit_at,
        "responded_at": lead.responded_at,  # their latest reply (a reply is not an attempt)
    }


def _missed_promise(lead: Lead):
    """Their latest promise, missed (lapsed after its grace day, or marked by a person): passed
    as the record's commitment, the core plans the try it was waited for at the end of its grace
    day, its reason naming it ("they promised ... and have not"), until a try of ours or a reply
    of theirs (`responded_at`) comes after it: the core ends it then (eval37 #3: the lapse fell
    back to the week after the talk; review30 #3: a reply did not end it). None: no such promise,
    or one marked missed before its time (review30 #2: it would hold the lead till then)."""
    if lead.status not in ACTIVE_STATUSES:
        return None
    missed = getattr(lead, "missed_promises", None)
    if missed is None:
        missed = lead.commitments.filter(by=Commitment.By.LEAD, state=Commitment.State.MISSED)
        missed = list(missed.order_by("-due_at", "-pk")[:1])
    return missed[0] if missed and missed[0].due_at <= timezone.now() else None


def reachable_channels(lead: Lead, suppressed: set[str] | None = None) -> list[str]:
    """Channels the plan may pick: those whose address we may use (`reach.address_refusal`:
    an address, not suppressed, and for texts consent and a way to send them). The lead's
    hold is not one of them: the core is told it as the record's `hold`, and says so.
    No email and no phone is no channel, however the lead came (a walk-in, a form, an
    import): the app keeps no street address, so a visit has nowhere to go, and the core
    plans no contact for `[]` ("0 ways left to reach them: add an email or phone")."""
    if suppressed is None:
        suppressed = Suppression.among([lead])
    return [c for c in CHANNELS if not address_refusal(lead, c, suppressed)]


def with_history(qs):
    """Prefetch what `lead_record` reads."""
    return qs.prefetch_related(
        Prefetch("attempts", queryset=Attempt.objects.order_by("at", "pk")),
        Prefetch("commitments", queryset=Commitment.objects.filter(state=Commitment.State.PENDING)),
        Prefetch(  # their latest missed promise (_missed_promise)
            "commitments",
            queryset=Commitment.objects.filter(
                by=Commitment.By.LEAD, state=Commitment.State.MISSED
            ).order_by("-due_at", "-pk"),
            to_attr="missed_promises",
        ),
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
    """Recompute and save the plan fields of these leads (history must be prefetched), each
    owner's against that owner's minutes (`plan_by_owner`), as `replan_all` plans them: the
    crowd judged is these leads, not the rest of the owner's book (see `replan_lead`).
    `settings`: the business's (default: the current), the owners' minutes put on them."""
    if not leads:
        return
    now = now or timezone.now()
    model = model if model is not None else current_model()
    records = records_by_owner(leads)
    decisions = plan_by_owner(model, records, now, settings) if records else {}
    for lead in leads:
        apply_decision(lead, decisions.get(str(lead.pk)), now)
    write_plans(leads)


def records_by_owner(
    leads: Sequence[Lead], into: dict[int, list[dict]] | None = None
) -> dict[int, list[dict]]:
    """Contract records of the active leads among these, by owner (added to `into`, when
    given); suppressed addresses and holds are looked up once."""
    into = {} if into is None else into
    suppressed = Suppression.among(leads)
    held = holds([lead.pk for lead in leads if lead.status in ACTIVE_STATUSES])
    for lead in leads:
        if lead.status in ACTIVE_STATUSES:
            record = lead_record(lead, suppressed, held.get(lead.pk))
            into.setdefault(lead.owner_id, []).append(record)
    return into


def plan_by_owner(
    model, records: dict[int, list[dict]], now, settings: dict | None = None
) -> dict[str, dict]:
    """The core's decisions on these records (by owner), by lead id: one plan per owner, on
    that owner's own minutes of the day (`days.owners_minutes`: what they have, less what they
    logged; none for someone who left). A day's minutes are each person's: a teammate's
    crowded book takes none of them, and each person's Today shows their own leads against
    their own minutes. Within one owner's book the crowd is judged whole (who waits for
    their turn, at that person's pace)."""
    settings = settings if settings is not None else policy_settings()
    minutes = owners_minutes(records.keys(), now)
    decisions: dict[str, dict] = {}
    for owner_id, group in records.items():
        day = minutes[owner_id]
        own = {**settings, "daily_minutes": day.daily, "minutes_left_today": day.left}
        if day.gone:  # the core says why none: their leads wait to be handed on
            own["no_minutes_because"] = policy.OWNER_LEFT
        decisions.update((d["id"], d) for d in policy.plan(model, group, now, own))
    return decisions


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
    """Recompute one lead's plan (after any event on it), alone: on its owner's minutes left
    today, with none of their other leads competing for them. For an owner whose day is not
    crowded that is the whole book's plan. A crowded owner's lead that was waiting for its
    turn may instead be put on today's calls (it fits alone) until a pass plans the book
    together (`replan_all`: `jobs.replan_stale` once its plans are 6 hours old, the nightly
    refit). Planning the owner's whole active book here would be right but not cheap: with
    10,000 open leads it is the seconds `replan_all` takes, against 50 ms for a logged try."""
    fresh = with_history(Lead.objects.filter(pk=lead.pk)).get()
    replan([fresh], now=now)
    for f in PLAN_FIELDS:
        setattr(lead, f, getattr(fresh, f))
    return lead


def replan_all(now=None, batch: int = 2000, queryset=None, progress=None) -> int:
    """Recompute every active lead's plan (of `queryset`, default the book); returns how many.

    Leads are read and written in batches, but each owner's are planned in one call, on
    that owner's minutes (`plan_by_owner`): on a crowded day (more contacts due than minutes)
    the core judges a person's whole book, not one batch at a time, and a batch size never
    changes a plan. `progress(done, total)` counts reading, then writing (total = twice the
    leads).
    """
    now = now or timezone.now()
    model, settings = current_model(), policy_settings()
    qs = queryset if queryset is not None else Lead.objects.filter(status__in=ACTIVE_STATUSES)
    ids = list(qs.order_by("pk").values_list("pk", flat=True))
    if not ids:
        return 0
    records: dict[int, list[dict]] = {}
    status = {}
    for i in range(0, len(ids), batch):
        chunk = list(with_history(Lead.objects.filter(pk__in=ids[i : i + batch])))
        # the event count read with the facts: the write checks it (see write_plans)
        status.update((lead.pk, (lead.status, lead.events)) for lead in chunk)
        records_by_owner(chunk, into=records)
        if progress:
            progress(min(i + batch, len(ids)), 2 * len(ids))
    decisions = plan_by_owner(model, records, now, settings) if records else {}
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


# A business setting's change replans up to this many active leads in the request (about a
# second); a bigger book is replanned by the worker (`for_new_settings`).
REPLAN_IN_REQUEST = 2000


def for_new_settings() -> tuple[int, bool]:
    """Every active lead replanned after a business setting changed: (how many, whether the
    worker does it). A small book at once; a big one's plans are marked out of date (their
    time cleared, one UPDATE), and the worker's `jobs.replan_stale` plans them within a few
    minutes, each owner's book together: 26,000 leads held a web request 27 s on SQLite and
    76 s on PostgreSQL, past the production recipe's 30 s timeout (eval25 #1)."""
    active = Lead.objects.filter(status__in=ACTIVE_STATUSES)
    count = active.count()
    if count <= REPLAN_IN_REQUEST:
        return replan_all(), False
    active.update(planned_at=None)
    return count, True


def replanned_for_new_settings() -> str:
    """Every active lead replanned on new business settings (`for_new_settings`), said for
    the person who saved them (Settings, Today's zone box, /admin/)."""
    planned, by_worker = for_new_settings()
    leads = f"{planned:,} active lead{'s' if planned != 1 else ''}"
    if by_worker:
        return f"the worker is replanning {leads}: Today shows the new plans within minutes."
    return f"{leads} replanned."


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
    outcome (no win or loss yet). So are the carried leads never tried that have a value: the
    values typed on the open book are the business's deal sizes (a fresh install's imported
    book is all it knows of them), and the core learns nothing else from a lead with no try."""
    leads = leads if leads is not None else Lead.objects.all()
    records = history_records(with_history(leads.filter(status__in=FINISHED_STATUSES)))
    carried = leads.filter(status__in=CARRIED_STATUSES)
    chased = with_history(
        carried.filter(Q(attempts__isnull=False) | Q(value__isnull=False)).distinct()
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
        created_at=now or timezone.now(), n_leads=model.n_leads, data=model.to_dict()
    )
    log.info(
        "fitted the decision core on %d leads (finished, or with tries so far), and the values "
        "of %d leads not tried yet",
        model.n_leads,
        len(history) - model.n_leads,
    )
    return row
