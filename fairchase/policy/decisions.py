"""Decision dicts, one per lead, with their reasons (plain Python lists: this runs per lead)."""

from __future__ import annotations

from datetime import UTC, datetime

import numpy as np

from . import priors as P
from . import reasons as R
from .records import UNREACHABLE, UNREADABLE, WAIT_PAUSED, WAIT_REVISIT
from .timing import utc_datetime

CONTACT, WAIT, STOP = "contact", "wait", "stop"
_utc = datetime.fromtimestamp


def columns(res, idx, n):
    """Scatter per-subset result arrays back to chunk positions, as Python lists."""
    cols = {}
    for key, arr in res.items():
        full = np.zeros(n, dtype=arr.dtype)
        full[idx] = arr
        cols[key] = full.tolist()
    return cols


def assemble_silent(ctx, b, lead, io, res, out, prio):
    """Decision dicts for silent leads: one tight loop over plain lists."""
    minutes = np.array(ctx.minutes_list)
    ch = res["channel"]
    new = (b.k[io] == 0) & np.isnan(b.last_at[io])
    go = res["v"] > 0
    priority = res["ev"] / minutes[ch]
    prio[io] = priority
    waited = ctx.now - b.created[io]
    cols = [
        x.tolist()
        for x in (
            io,
            ch,
            res["p"],
            res["ev"],
            res["v"],
            res["gross"],
            res["cost"],
            res["risk"],
            res["win"],
            priority,
            new,
            waited,
            go,
        )
    ]
    src_l, k_l, value_l = lead["src"], lead["k"], lead["value"]
    due_l, dloc_l, nloc_l = lead["due"], lead["due_local"], lead["now_local"]
    labels, evidence = ctx.labels, ctx.evidence
    names = P.CHANNELS
    complaint_cost = ctx.settings.complaint_cost
    utc = UTC
    due_cache: dict = {}  # many leads share a due time (e.g. "now"): share the datetime too
    for i, c, p, ev, v, gross, cost, risk, win, pr, is_new, wait, contact in zip(
        *cols, strict=True
    ):
        s = src_l[i]
        k = k_l[i]
        if contact:
            when = R.local_when(dloc_l[i], nloc_l[i])
            reason = R.contact_silent(
                c,
                when,
                labels[s],
                k,
                p,
                evidence[s],
                gross,
                cost,
                R.waited(wait) if is_new else "",
                value_l[i],
            )
            out[i] = {
                "id": None,
                "action": CONTACT,
                "channel": names[c],
                "due": due_cache.get(due_l[i])
                or due_cache.setdefault(due_l[i], _utc(due_l[i], utc)),
                "priority": pr,
                "expected_value": ev,
                "next_state": None,
                "revisit_at": None,
                "reason": reason,
                "why_not_stop": R.keep_going(v, ev, win),
                "p_reply": p,
            }
        else:
            reason = R.stop_silent(
                c, labels[s], k, p, evidence[s], gross, cost + risk * complaint_cost
            )
            out[i] = _stop(ctx, lead, i, pr, ev, reason, p)


def engaged_channel(resp_channel, avail):
    """Answer on the channel they answered on, else the first reachable of call/email/text/visit."""
    choice = np.full(len(avail), -1)
    for c in range(len(P.CHANNELS) - 1, -1, -1):
        choice = np.where(avail & (1 << c) > 0, c, choice)
    ok = (resp_channel >= 0) & ((avail >> np.maximum(resp_channel, 0)) & 1 > 0)
    return np.where(ok, resp_channel, np.maximum(choice, 0))


def _stop_state(lead, i):
    if lead["worth"][i] and not lead["revisited"][i]:
        return "revisit"
    if lead["mailing"][i]:
        return "nurture"
    return "closed"


def _decision(action, channel, due, priority, ev, state, revisit_at, reason):
    return {
        "id": None,
        "action": action,
        "channel": channel,
        "due": due,
        "priority": priority,
        "expected_value": ev,
        "next_state": state,
        "revisit_at": revisit_at,
        "reason": reason,
    }


def _stop(ctx, lead, i, priority, ev, reason, p):
    state = _stop_state(lead, i)
    when = R.local_date(lead["rev_local"][i]) if state == "revisit" else ""
    reason += R.next_state_note(state, when, lead["value"][i])
    revisit_at = utc_datetime(lead["rev_due"][i]) if state == "revisit" else None
    d = _decision(STOP, None, None, priority, ev, state, revisit_at, reason)
    d["p_reply"] = p
    return d


def engaged_decision(ctx, lead, res, i):
    model = ctx.model
    q, ev, net = res["q"][i], res["ev"][i], res["net"][i]
    contacts, time_cost = res["contacts"][i], res["cost"][i]
    ch = res["channel"][i]
    streak = lead["streak"][i]
    minutes = ctx.minutes_list[ch]
    if net > 0:
        when = R.local_when(lead["due_local"][i], lead["now_local"][i])
        n_eng = int(model.engaged_n[min(streak, len(model.engaged_n) - 1)])
        evidence = f"learned from {n_eng:,} contacts" if n_eng else "prior"
        reason = R.contact_engaged(ch, when, q, streak, evidence, ev, time_cost, contacts)
        d = _decision(
            CONTACT, P.CHANNELS[ch], _utc(lead["due"][i], UTC), ev / minutes, ev, None, None, reason
        )
        d["why_not_stop"] = (
            f"Keep going: the rest of this conversation is worth {R.money(net)} net."
        )
        d["p_reply"] = q
        return d
    reason = R.stop_engaged(
        q,
        streak,
        res["prize"][i],
        contacts,
        time_cost + res["risk"][i] * ctx.settings.complaint_cost,
    )
    return _stop(ctx, lead, i, ev / minutes, ev, reason, q)


def fixed_decision(b, i, kind):
    """Leads with nothing to weigh: closed, unreachable, paused, parked or unreadable."""
    if kind == WAIT_PAUSED:
        until = R.local_date(b.paused[i])
        return _decision(
            WAIT,
            None,
            None,
            0.0,
            0.0,
            None,
            None,
            f"Wait: out of office until {until}; 0 attempts planned before then.",
        )
    if kind == WAIT_REVISIT:
        until = R.local_date(b.paused[i])
        return _decision(
            WAIT,
            None,
            None,
            0.0,
            0.0,
            None,
            None,
            f"Wait: parked for a revisit on {until}; 0 attempts planned before then.",
        )
    if kind == UNREADABLE:
        return _decision(
            WAIT,
            None,
            None,
            0.0,
            0.0,
            None,
            None,
            f"Wait: this record could not be read ({b.errors.get(i, 'error')});"
            f" 0 attempts planned until it is fixed.",
        )
    if kind == UNREACHABLE:
        reason = "Stop: all 0 reachable channels are gone (every channel bounced or none given)."
    else:
        reason = "Stop: this lead is closed (won, lost or opted out); 0 further attempts."
    return _decision(STOP, None, None, 0.0, 0.0, "closed", None, reason)
