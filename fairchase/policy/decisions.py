"""Decision records, one per lead, with their reasons (every sentence comes from `reasons`)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, NamedTuple

import numpy as np

from . import priors as P
from . import reasons as R
from .agenda import Crowd
from .batch import Kind, LeadBatch
from .lookahead import Chase, Conversation
from .timing import utc_datetime

CONTACT, WAIT, STOP = "contact", "wait", "stop"


@dataclass
class Facts:
    """What the decisions draw on beyond the leads' records (LeadBatch), per lead of the chunk."""

    id: np.ndarray  # the records' ids, as they came (an array of objects)
    value: np.ndarray  # the deal's value; unknown: the source's mean, or the settings' default
    assumed: np.ndarray  # which value: ASSUMED_NOT (the record's), _TYPICAL (source), _DEFAULT
    promise: np.ndarray  # a pending promise that sets the next contact: 0 none, 1 ours, 2 theirs
    cap_due: np.ndarray  # the due time the weekly cap alone would give (NaN: not reached)
    promise_local: np.ndarray  # its time on the lead's clock (local epoch seconds; NaN: none)
    held: np.ndarray  # a pending promise holds the lead: never let go before it (plan._When)
    age: np.ndarray  # seconds since the enquiry (NaN: its date unknown)
    revisit_due: np.ndarray
    revisit_local: np.ndarray
    revisit_worth: np.ndarray  # a fresh try in a few months pays twice its cost


class Lead(NamedTuple):
    """What one lead's decision draws on, as plain values: where it stands (its record in the
    LeadBatch and the Facts), what its next contact is worth (a silent lead's Chase, an engaged
    lead's Conversation) and, for a silent lead, its place on a crowded day (Crowd); each field
    means what the column of its name there means. `per_lead` fills them."""

    i: int  # its index in the chunk
    priority: float  # the agenda's: expected value of the next contact per minute
    # LeadBatch
    src: int
    k: int
    tries: int
    revisited: int
    restarted: int
    mailing: bool
    streak: int
    open_again: int
    # Facts
    id: Any
    value: float
    assumed: int
    promise: int
    cap_due: float
    promise_local: float
    held: bool
    age: float
    revisit_due: float
    revisit_local: float
    revisit_worth: bool
    # the next contact: Chase or Conversation
    channel: int
    due: float
    due_local: float
    ev: float
    prize: float
    cost: float
    risk: float
    # a silent lead's (None for an engaged one): Chase and Crowd
    p: float
    v: float
    win: float
    waiting: bool
    carried: bool
    brought: float
    schedule: int
    last_at: float
    owed: bool
    far: bool
    reach_local: float
    # an engaged lead's (None for a silent one): Conversation
    q: float
    net: float
    contacts: float

    @property
    def owed_only(self) -> bool:
        """A first answer owed (Chase.owed) that the value alone would not make."""
        return bool(self.owed) and self.v <= P.OWED


def per_lead(b: LeadBatch, facts: Facts, at, priority, *figures) -> Iterator[Lead]:
    """The leads `at` (their indices in the chunk) one at a time as `Lead`s: their `priority`,
    their record and facts, and each other field from the first of the dataclasses `figures`
    (over the same leads as `at`) with a field of its name, else None."""
    given = {"i": at, "priority": priority}

    def column(name: str) -> list:
        if name in given:
            return given[name].tolist()
        table = next((table for table in (facts, b) if hasattr(table, name)), None)
        if table is not None:
            return getattr(table, name)[at].tolist()
        table = next((table for table in figures if hasattr(table, name)), None)
        return [None] * len(at) if table is None else getattr(table, name).tolist()

    return map(Lead._make, zip(*(column(name) for name in Lead._fields), strict=True))


# due times cluster (the start of contact hours, now): one datetime per distinct time
_utc = lru_cache(maxsize=4096)(utc_datetime)


def _decision(lead_id, action, priority, ev, reason, p_reply=None, why=None, **where) -> dict:
    """A decision with the contract's fields, in its order (`where`: channel, due, next_state
    and revisit_at where they apply), then why_not_stop and p_reply when there are any."""
    out = {
        "id": lead_id,
        "action": action,
        "channel": where.get("channel"),
        "due": where.get("due"),
        "priority": priority,
        "expected_value": ev,
        "next_state": where.get("next_state"),
        "revisit_at": where.get("revisit_at"),
        "reason": reason,
    }
    if why is not None:
        out["why_not_stop"] = why
    if p_reply is not None:
        out["p_reply"] = p_reply
    return out


def stop_state(mailing: bool) -> str:
    """Where a lead let go goes when no revisit is planned for it: the newsletter when they
    agreed to the mailing list (they can come back when ready), else closed. The plan's own
    stops use it, and so does a person's stop of a lead the plan still wants to chase."""
    return "nurture" if mailing else "closed"


def _stop(f: Lead, reason: str, p: float) -> dict:
    """A stop into a revisit (when a fresh try later pays), the newsletter (with consent) or
    closed, with the note that says which."""
    revisit = f.revisit_worth and not f.revisited
    state = "revisit" if revisit else stop_state(bool(f.mailing))
    at = _utc(f.revisit_due) if revisit else None
    reason += R.after_stop(f, state)
    return _decision(f.id, STOP, f.priority, f.ev, reason, p, next_state=state, revisit_at=at)


def _contact(f: Lead, reason: str, p: float, why: str) -> dict:
    channel, due = P.CHANNELS[f.channel], _utc(f.due)
    return _decision(f.id, CONTACT, f.priority, f.ev, reason, p, why, channel=channel, due=due)


def silent_decisions(ctx, b: LeadBatch, facts: Facts, io, res: Chase, crowd: Crowd, out: list):
    """Decisions for silent leads (`io`: their indices in the chunk); returns their priority
    (expected value of the next try per minute)."""
    priority = res.ev / ctx.minutes[res.channel]
    for f in per_lead(b, facts, io, priority, res, crowd):
        out[f.i] = _silent(ctx, f, crowd.day_spent)
    return priority


def _silent(ctx, f: Lead, day_spent: bool) -> dict:
    """One silent lead's decision from its row (see silent_decisions); `day_spent`: no minute
    was left today for anyone."""
    if f.waiting:
        none = (ctx.settings.no_minutes_because or R.MINUTES_UNSET) if ctx.pace <= 0 else None
        reason = R.in_the_wings(f, day_spent, ctx.day, ctx.now, no_minutes=none)
        return _decision(f.id, WAIT, f.priority, f.ev, reason, p_reply=f.p)
    label, evidence = ctx.labels[f.src], ctx.evidence[f.src]
    spend = f.cost + f.risk * ctx.settings.complaint_cost
    if f.v > 0 or f.owed_only:  # a first answer owed is made whatever the value
        reason = R.contact_silent(f, ctx.now, label, evidence, spend, ctx.spacing_learned)
        return _contact(f, reason, f.p, R.keep_going(f))
    if f.held:  # a pending promise: kept (ours) or waited for (theirs) before letting go
        reason = R.held(f, ctx.now, R.silent_figures(f, label, evidence, spend))
        return _contact(f, reason, f.p, R.held_why(f))
    return _stop(f, R.stop_silent(f, label, evidence, spend), f.p)


def engaged_decisions(ctx, b: LeadBatch, facts: Facts, ie, res: Conversation, out: list):
    """Decisions for engaged leads: is the rest of the conversation worth its contacts?"""
    priority = res.ev / ctx.minutes[res.channel]
    counts = [int(x) for x in ctx.model.engaged_n]
    for f in per_lead(b, facts, ie, priority, res):
        out[f.i] = _engaged(ctx, f, counts[min(f.streak, len(counts) - 1)])
    return priority


def _engaged(ctx, f: Lead, n_learned: int) -> dict:
    """One engaged lead's decision (see engaged_decisions); `n_learned`: the contacts the
    history has at its streak."""
    if f.net > 0:
        reason = R.contact_engaged(f, ctx.now, n_learned)
        return _contact(f, reason, f.q, R.keep_talking(f))
    spend = f.cost + f.risk * ctx.settings.complaint_cost
    if f.held:  # a pending promise: kept (ours) or waited for (theirs) before letting go
        return _contact(f, R.held(f, ctx.now, R.engaged_figures(f, spend)), f.q, R.held_why(f))
    return _stop(f, R.stop_engaged(f, spend), f.q)


def fixed_decision(b, i, kind):
    """Leads with nothing to weigh: closed, unreachable, held, paused, parked or unreadable."""
    if kind == Kind.WAIT_HELD:
        return _decision(b.ids[i], WAIT, 0.0, 0.0, R.held_for_a_person(b.holds[i]))
    if kind in (Kind.WAIT_PAUSED, Kind.WAIT_REVISIT):
        paused = kind == Kind.WAIT_PAUSED
        return _decision(b.ids[i], WAIT, 0.0, 0.0, R.waiting(paused, b.waits_until[i]))
    if kind == Kind.UNREADABLE:
        return _decision(b.ids[i], WAIT, 0.0, 0.0, R.unreadable(b.errors.get(i, "error")))
    reason = R.UNREACHABLE if kind == Kind.UNREACHABLE else R.CLOSED
    return _decision(b.ids[i], STOP, 0.0, 0.0, reason, next_state="closed")
