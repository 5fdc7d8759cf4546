"""Decision records, one per lead, with their reasons (every sentence comes from `reasons`)."""

from __future__ import annotations

from collections import namedtuple
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np

from . import priors as P
from . import reasons as R
from .agenda import Crowd
from .lookahead import Chase, Conversation
from .records import UNREACHABLE, UNREADABLE, WAIT_PAUSED, WAIT_REVISIT
from .timing import utc_datetime

CONTACT, WAIT, STOP = "contact", "wait", "stop"


@dataclass
class Facts:
    """What every decision's text draws on, per lead of the chunk (plain lists: read per lead)."""

    ids: list
    src: list
    k: list
    value: list
    waited: list  # seconds since the enquiry, for a lead never tried (else NaN)
    due: list
    due_local: list
    now_local: list
    revisit_due: list
    revisit_local: list
    revisit_worth: list  # a fresh try in a few months pays twice its cost
    revisited: list
    mailing: list
    streak: list


def per_lead(**columns: np.ndarray) -> Iterator[Any]:
    """The rows of equal-length arrays, one lead at a time: a named tuple of plain values with
    the arrays' names."""
    row = namedtuple("row", columns)  # type: ignore[misc]
    return map(row._make, zip(*(column.tolist() for column in columns.values()), strict=True))


# due times cluster (the start of contact hours, now): one datetime per distinct time
_utc = lru_cache(maxsize=4096)(utc_datetime)


# the contract's fields, in its order
FIELDS = (
    "id",
    "action",
    "channel",
    "due",
    "priority",
    "expected_value",
    "next_state",
    "revisit_at",
    "reason",
)


def _decision(lead_id, action, priority, ev, reason, p_reply=None, why=None, **fields) -> dict:
    """A decision with the contract's fields, in its order (`fields`: channel, due, next_state
    and revisit_at where they apply), then why_not_stop and p_reply when there are any."""
    out = dict.fromkeys(FIELDS)
    out.update(id=lead_id, action=action, priority=priority, expected_value=ev, reason=reason)
    out.update(fields)
    if why is not None:
        out["why_not_stop"] = why
    if p_reply is not None:
        out["p_reply"] = p_reply
    return out


def _stop(facts: Facts, i: int, priority: float, ev: float, reason: str, p: float) -> dict:
    """A stop into a revisit (when a fresh try later pays), the newsletter (with consent) or
    closed, with the note that says which."""
    if facts.revisit_worth[i] and not facts.revisited[i]:
        note = R.revisit_note(R.local_date(facts.revisit_local[i]), facts.value[i])
        return _revisit(facts, i, priority, ev, reason + note, p)
    if facts.mailing[i]:
        state, note = "nurture", R.NURTURE_NOTE
    else:
        state, note = "closed", R.CLOSED_NOTE
    return _decision(facts.ids[i], STOP, priority, ev, reason + note, next_state=state, p_reply=p)


def _revisit(facts: Facts, i: int, priority: float, ev: float, reason: str, p: float) -> dict:
    at = _utc(facts.revisit_due[i])
    return _decision(
        facts.ids[i], STOP, priority, ev, reason, p, next_state="revisit", revisit_at=at
    )


def _contact(facts: Facts, i: int, channel: int, priority, ev, reason, p, why) -> dict:
    channel_name, due = P.CHANNELS[channel], _utc(facts.due[i])
    return _decision(
        facts.ids[i], CONTACT, priority, ev, reason, p, why, channel=channel_name, due=due
    )


def _when(facts: Facts, i: int) -> str:
    return R.local_when(facts.due_local[i], facts.now_local[i])


def silent_decisions(ctx, facts: Facts, io: np.ndarray, res: Chase, crowd: Crowd, out: list):
    """Decisions for silent leads (`io`: their indices in the chunk); returns their priority
    (expected value of the next try per minute)."""
    priority = res.ev / ctx.minutes[res.channel]
    for f in per_lead(
        i=io,
        channel=res.channel,
        p=res.p,
        ev=res.ev,
        v=res.v,
        gross=res.gross,
        cost=res.cost,
        win=res.win,
        risk=res.risk,
        priority=priority,
        crowded=~np.isnan(crowd.chase),
        chase=crowd.chase,
        reach=crowd.reach_local,
    ):
        out[f.i] = _silent(ctx, facts, f, crowd.day_spent)
    return priority


def _silent(ctx, facts: Facts, f, day_spent: bool) -> dict:
    """One silent lead's decision from its figures (see silent_decisions); `day_spent`: no
    minute was left today for anyone."""
    i, settings = f.i, ctx.settings
    if f.crowded:
        reason = R.in_the_wings(f.chase, R.local_date(f.reach), day_spent)
        return _decision(facts.ids[i], WAIT, f.priority, f.ev, reason, p_reply=f.p)
    label, evidence = ctx.labels[facts.src[i]], ctx.evidence[facts.src[i]]
    revisited = bool(facts.revisited[i])
    if f.v > 0:
        reason = R.contact_silent(
            f.channel,
            _when(facts, i),
            label,
            facts.k[i],
            f.p,
            evidence,
            f.gross,
            f.cost,
            R.waited(facts.waited[i]),
            facts.value[i],
            revisited=revisited,
        )
        why = R.keep_going(f.v, f.ev, f.win)
        return _contact(facts, i, f.channel, f.priority, f.ev, reason, f.p, why)
    spend = f.cost + f.risk * settings.complaint_cost
    reason = R.stop_silent(
        f.channel, label, facts.k[i], f.p, evidence, f.gross, spend, revisited=revisited
    )
    return _stop(facts, i, f.priority, f.ev, reason, f.p)


def engaged_channel(resp_channel, avail):
    """Answer on the channel they answered on, else the first reachable of call/email/text/visit."""
    choice = np.full(len(avail), -1)
    for c in range(len(P.CHANNELS) - 1, -1, -1):
        choice = np.where(avail & (1 << c) > 0, c, choice)
    ok = (resp_channel >= 0) & ((avail >> np.maximum(resp_channel, 0)) & 1 > 0)
    return np.where(ok, resp_channel, np.maximum(choice, 0))


def engaged_decisions(ctx, facts: Facts, ie: np.ndarray, res: Conversation, out: list):
    """Decisions for engaged leads: is the rest of the conversation worth its contacts?"""
    priority = res.ev / ctx.minutes[res.channel]
    counts = [int(x) for x in ctx.model.engaged_n]
    for f in per_lead(
        i=ie,
        channel=res.channel,
        q=res.q,
        ev=res.ev,
        net=res.net,
        contacts=res.contacts,
        cost=res.cost,
        risk=res.risk,
        prize=res.prize,
        priority=priority,
    ):
        i, streak = f.i, facts.streak[f.i]
        if f.net > 0:
            n = counts[min(streak, len(counts) - 1)]
            when = _when(facts, i)
            reason = R.contact_engaged(f.channel, when, f.q, streak, n, f.contacts, f.ev, f.cost)
            why = R.keep_talking(f.net)
            out[i] = _contact(facts, i, f.channel, f.priority, f.ev, reason, f.q, why)
        else:
            spend = f.cost + f.risk * ctx.settings.complaint_cost
            reason = R.stop_engaged(f.q, streak, f.prize, f.contacts, spend)
            out[i] = _stop(facts, i, f.priority, f.ev, reason, f.q)
    return priority


def fixed_decision(b, i, kind):
    """Leads with nothing to weigh: closed, unreachable, paused, parked or unreadable."""
    if kind in (WAIT_PAUSED, WAIT_REVISIT):
        return _decision(b.ids[i], WAIT, 0.0, 0.0, R.waiting(kind == WAIT_PAUSED, b.paused[i]))
    if kind == UNREADABLE:
        return _decision(b.ids[i], WAIT, 0.0, 0.0, R.unreadable(b.errors.get(i, "error")))
    reason = R.UNREACHABLE if kind == UNREACHABLE else R.CLOSED
    return _decision(b.ids[i], STOP, 0.0, 0.0, reason, next_state="closed")
