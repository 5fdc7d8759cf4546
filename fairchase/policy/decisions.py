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


def assemble_silent(ctx, b, arrays, lead, io, res, out, prio):
    """Decision dicts for silent leads: one tight loop over plain lists.

    The fixed parts of each reason are built once per (source, channel, try number) and the
    per-lead values are formatted around them; local "when" texts are shared between leads.
    """
    minutes = np.array(ctx.minutes_list)
    ch = res["channel"]
    new = (b.k[io] == 0) & np.isnan(b.last_at[io])
    go = res["v"] > 0
    priority = res["ev"] / minutes[ch]
    prio[io] = priority
    waited = ctx.now - b.created[io]
    src, k = b.src[io], b.k[io]
    n_ch = len(P.CHANNELS)
    k_span = int(k.max()) + 1 if len(k) else 1
    combo, inv = np.unique((src * n_ch + ch) * k_span + k, return_inverse=True)
    labels, evidence = ctx.labels, ctx.evidence
    frags = []
    for key in combo.tolist():
        s, kk = divmod(key, k_span)
        s, c = divmod(s, n_ch)
        frags.append(R.silent_fragments(c, labels[s], kk, evidence[s]))
    cols = [
        x.tolist()
        for x in (
            io,
            ch,
            inv.reshape(-1),
            res["p"],
            res["ev"],
            res["v"],
            res["gross"],
            res["cost"],
            res["win"],
            priority,
            new,
            waited,
            go,
            arrays["value"][io],
            arrays["due"][io],
            arrays["due_local"][io],
            arrays["now_local"][io],
        )
    ]
    risk_l = res["risk"].tolist()
    names = P.CHANNELS
    complaint_cost = ctx.settings.complaint_cost
    utc = UTC
    local_when, waited_text, keep_going = R.local_when, R.waited, R.keep_going
    due_cache: dict = {}  # many leads share a due time (e.g. "now"): share the datetime too
    when_cache: dict = {}
    for j, (i, c, u, p, ev, v, gross, cost, win, pr, is_new, wait, contact, value, due, dl, nl) in (
        enumerate(zip(*cols, strict=True))
    ):
        if contact:
            if dl - nl < 120:
                when = "now"
            else:
                when = when_cache.get((dl, nl))
                if when is None:
                    when = when_cache[dl, nl] = local_when(dl, nl)
            head, mid, after, tail = frags[u]
            if tail is not None:  # a new enquiry
                wait = waited_text(wait) if is_new else ""
                reason = f"{head}{when}{mid}{wait} (${value:,.0f}{after}{p:.1%}{tail}"
            else:
                reason = (
                    f"{head}{when}{mid}{p:.1%}{after}{value:,.0f} that is worth ${gross:.2f}"
                    f" against ${cost:.2f} of your time."
                )
            due_dt = due_cache.get(due)
            if due_dt is None:
                due_dt = due_cache[due] = _utc(due, utc)
            out[i] = {
                "id": None,
                "action": CONTACT,
                "channel": names[c],
                "due": due_dt,
                "priority": pr,
                "expected_value": ev,
                "next_state": None,
                "revisit_at": None,
                "reason": reason,
                "why_not_stop": (
                    f"Keep going: a reply is worth a {win:.0%} chance of the deal, and this and"
                    f" the next tries are worth ${v:,.2f} net in expectation."
                    if ev >= 0
                    else keep_going(v, ev, win)
                ),
                "p_reply": p,
            }
        else:
            s = lead["src"][i]
            reason = R.stop_silent(
                c, labels[s], lead["k"][i], p, evidence[s], gross, cost + risk_l[j] * complaint_cost
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
