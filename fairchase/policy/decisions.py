"""Decision records, one per lead, with their reasons (every sentence comes from `reasons`)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

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


# due times cluster (the start of contact hours, now): one datetime per distinct time
_utc = lru_cache(maxsize=4096)(utc_datetime)


def _decision(
    lead_id,
    action,
    priority,
    ev,
    reason,
    next_state=None,
    revisit_at=None,
    p_reply=None,
    why_not_stop=None,
    channel=None,
    due=None,
) -> dict:
    """A decision with the contract's fields, in its order, then p_reply and why_not_stop
    when there are any."""
    out = {
        "id": lead_id,
        "action": action,
        "channel": channel,
        "due": due,
        "priority": priority,
        "expected_value": ev,
        "next_state": next_state,
        "revisit_at": revisit_at,
        "reason": reason,
    }
    if why_not_stop is not None:
        out["why_not_stop"] = why_not_stop
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
    return _decision(
        facts.ids[i],
        STOP,
        priority,
        ev,
        reason,
        next_state="revisit",
        revisit_at=_utc(facts.revisit_due[i]),
        p_reply=p,
    )


def _contact(facts: Facts, i: int, channel: int, priority, ev, reason, p, why) -> dict:
    due = _utc(facts.due[i])
    return _decision(
        facts.ids[i],
        CONTACT,
        priority,
        ev,
        reason,
        p_reply=p,
        why_not_stop=why,
        channel=P.CHANNELS[channel],
        due=due,
    )


def _when(facts: Facts, i: int) -> str:
    return R.local_when(facts.due_local[i], facts.now_local[i])


def silent_decisions(ctx, facts: Facts, io: np.ndarray, res: Chase, crowd: Crowd, out: list):
    """Decisions for silent leads (`io`: their indices in the chunk); returns their priority
    (expected value of the next try per minute)."""
    priority = res.ev / ctx.minutes[res.channel]
    left_out = ~np.isnan(crowd.chase)  # left out of today for the crowd, not for its worth
    columns = (
        io,
        res.channel,
        res.p,
        res.ev,
        res.v,
        res.gross,
        res.cost,
        res.win,
        res.risk,
        priority,
        left_out,
        crowd.chase,
        crowd.let_go,
        crowd.reach_local,
    )
    rows = zip(*(column.tolist() for column in columns), strict=True)
    cost_of_complaint = ctx.settings.complaint_cost
    for i, c, p, ev, v, gross, cost, win, risk, pr, crowded, chase, gone, reach in rows:
        label, evidence = ctx.labels[facts.src[i]], ctx.evidence[facts.src[i]]
        if crowded and gone:
            reason = R.let_go_for_crowd(
                chase, R.local_date(facts.revisit_local[i]), ctx.settings.revisit_days / 7.0
            )
            out[i] = _revisit(facts, i, pr, ev, reason, p)
        elif crowded:
            reason = R.in_the_wings(chase, R.local_date(reach))
            out[i] = _decision(facts.ids[i], WAIT, pr, ev, reason, p_reply=p)
        elif v > 0:
            wait = R.waited(facts.waited[i])
            reason = R.contact_silent(
                c,
                _when(facts, i),
                label,
                facts.k[i],
                p,
                evidence,
                gross,
                cost,
                wait,
                facts.value[i],
                revisited=bool(facts.revisited[i]),
            )
            out[i] = _contact(facts, i, c, pr, ev, reason, p, R.keep_going(v, ev, win))
        else:
            spend = cost + risk * cost_of_complaint
            reason = R.stop_silent(
                c, label, facts.k[i], p, evidence, gross, spend, revisited=bool(facts.revisited[i])
            )
            out[i] = _stop(facts, i, pr, ev, reason, p)
    return priority


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
    columns = (
        ie,
        res.channel,
        res.q,
        res.ev,
        res.net,
        res.contacts,
        res.cost,
        res.risk,
        res.prize,
        priority,
    )
    rows = zip(*(column.tolist() for column in columns), strict=True)
    for i, c, q, ev, net, contacts, cost, risk, prize, pr in rows:
        streak = facts.streak[i]
        if net > 0:
            n = counts[min(streak, len(counts) - 1)]
            reason = R.contact_engaged(c, _when(facts, i), q, streak, n, contacts, ev, cost)
            out[i] = _contact(facts, i, c, pr, ev, reason, q, R.keep_talking(net))
        else:
            spend = cost + risk * ctx.settings.complaint_cost
            out[i] = _stop(facts, i, pr, ev, R.stop_engaged(q, streak, prize, contacts, spend), q)
    return priority


def fixed_decision(b, i, kind):
    """Leads with nothing to weigh: closed, unreachable, paused, parked or unreadable."""
    if kind in (WAIT_PAUSED, WAIT_REVISIT):
        return _decision(b.ids[i], WAIT, 0.0, 0.0, R.waiting(kind == WAIT_PAUSED, b.paused[i]))
    if kind == UNREADABLE:
        return _decision(b.ids[i], WAIT, 0.0, 0.0, R.unreadable(b.errors.get(i, "error")))
    reason = R.UNREACHABLE if kind == UNREACHABLE else R.CLOSED
    return _decision(b.ids[i], STOP, 0.0, 0.0, reason, next_state="closed")
