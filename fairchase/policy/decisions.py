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


def assemble_silent(ctx, b, arrays, lead, io, res, out, prio, crowd=None):
    """Decision dicts for silent leads: tight loops over plain lists.

    The fixed parts of each reason are built once per (source, channel, try number) and the
    per-lead values are formatted around them; local "when" texts are shared between leads.
    Leads let go for a crowded day (most of a book on such a day) get their own loop.
    """
    minutes = np.array(ctx.minutes_list)
    ch = res["channel"]
    new = (b.k[io] == 0) & np.isnan(b.last_at[io])
    go = res["v"] > 0
    priority = res["ev"] / minutes[ch]
    prio[io] = priority
    due_cache: dict = {}  # many leads share a due time (e.g. "now"): share the datetime too
    if crowd is not None:
        left_out = ~np.isnan(crowd.chase)  # left out of today for the crowd, not for its worth
        _assemble_crowded(ctx, arrays, lead["id"], io, res, out, priority, crowd, due_cache)
        rest = np.flatnonzero(~left_out)
    else:
        rest = np.arange(len(io))
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
        x[rest].tolist()
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
            res["risk"],
        )
    ]
    names = P.CHANNELS
    complaint_cost = ctx.settings.complaint_cost
    utc = UTC
    local_when, waited_text, keep_going = R.local_when, R.waited, R.keep_going
    when_cache: dict = {}
    texts: dict = {}
    money_texts: dict = {}
    win_texts: dict = {}
    stop_frags: dict = {}
    ids, src_l, k_l = lead["id"], lead["src"], lead["k"]
    worth_l, revisited_l, mailing_l = lead["worth"], lead["revisited"], lead["mailing"]
    pct, money, stop_cost = R.pct, R.money, R.STOP_COST
    nurture_note = R.next_state_note("nurture", "", 0.0)
    rev_local_l, rev_due_l, revisit_tail = lead["rev_local"], lead["rev_due"], R.REVISIT_TAIL
    dates: dict = {}
    closed_note = R.next_state_note("closed", "", 0.0)
    for (
        i,
        c,
        u,
        p,
        ev,
        v,
        gross,
        cost,
        win,
        pr,
        is_new,
        wait,
        contact,
        value,
        due,
        dl,
        nl,
        risk,
    ) in zip(*cols, strict=True):
        if contact:
            if dl - nl < 120:
                when = "now"
            else:
                when = when_cache.get((dl, nl))
                if when is None:
                    when = when_cache[dl, nl] = local_when(dl, nl)
            head, mid, after, tail = frags[u]
            p_text = texts.get(p)  # reply chances and costs repeat: format each once
            if p_text is None:
                p_text = texts[p] = f"{p:.1%}"
            if tail is not None:  # a new enquiry
                wait = waited_text(wait) if is_new else ""
                reason = f"{head}{when}{mid}{wait} (${value:,.0f}{after}{p_text}{tail}"
            else:
                cost_text = money_texts.get(cost)
                if cost_text is None:
                    cost_text = money_texts[cost] = f"{cost:.2f}"
                reason = (
                    f"{head}{when}{mid}{p_text}{after}{value:,.0f} that is worth ${gross:.2f}"
                    f" against ${cost_text} of your time."
                )
            due_dt = due_cache.get(due)
            if due_dt is None:
                due_dt = due_cache[due] = _utc(due, utc)
            out[i] = {
                "id": ids[i],
                "action": CONTACT,
                "channel": names[c],
                "due": due_dt,
                "priority": pr,
                "expected_value": ev,
                "next_state": None,
                "revisit_at": None,
                "reason": reason,
                "why_not_stop": (
                    f"Keep going: a reply is worth a {win_texts.get(win) or _win_text(win_texts, win)}"
                    f" chance of the deal, and this and the next tries are worth ${v:,.2f} net in"
                    " expectation."
                    if ev >= 0
                    else keep_going(v, ev, win)
                ),
                "p_reply": p,
            }
        else:  # fixed parts built once per (channel, source, try)
            s, kk = src_l[i], k_l[i]
            frag = stop_frags.get((c, s, kk))
            if frag is None:
                frag = stop_frags[c, s, kk] = R.stop_fragments(c, labels[s], kk, evidence[s])
            spend = cost + risk * complaint_cost
            reason = (
                f"{frag[0]}{pct(p)}{frag[1]}"
                f"{(f'${gross:,.0f}' if gross >= 100 else f'${gross:.2f}') if gross >= 0 else money(gross)}"
                f"{stop_cost}"
                f"{(f'${spend:,.0f}' if spend >= 100 else f'${spend:.2f}') if spend >= 0 else money(spend)})."
            )
            revisit_at = None
            if worth_l[i] and not revisited_l[i]:
                state = "revisit"
                day = int(rev_local_l[i]) // 86400
                when = dates.get(day)
                if when is None:
                    when = dates[day] = R.local_date(rev_local_l[i])
                rd = rev_due_l[i]
                revisit_at = due_cache.get(rd)
                if revisit_at is None:
                    revisit_at = due_cache[rd] = _utc(rd, utc)
                reason = f"{reason} Revisit around {when}: at {money(value)}{revisit_tail}"
            elif mailing_l[i]:
                state, reason = "nurture", reason + nurture_note
            else:
                state, reason = "closed", reason + closed_note
            out[i] = stop_decision(ids[i], pr, ev, state, revisit_at, reason, p)


def _assemble_crowded(ctx, arrays, ids, io, res, out, priority, crowd, due_cache):
    """Decisions for the silent leads a crowded day leaves out of today: `wait` in the wings
    with the day their turn comes, or `stop` into a revisit for those whose turn comes too
    late (crowd.let_go)."""
    sel = np.flatnonzero(~np.isnan(crowd.chase))
    if not len(sel):
        return
    dates: dict = {}
    weeks = ctx.settings.revisit_days / 7.0

    def date_of(local_ts):
        day = int(local_ts) // 86400
        if day not in dates:
            dates[day] = R.local_date(local_ts)
        return dates[day]

    cols = [
        x.tolist()
        for x in (
            io[sel],
            crowd.chase[sel],
            crowd.let_go[sel],
            crowd.reach_local[sel],
            arrays["rev_local"][io[sel]],
            arrays["rev_due"][io[sel]],
            priority[sel],
            res["ev"][sel],
            res["p"][sel],
        )
    ]
    for i, chase, gone, reach_local, rev_local, rev_due, pr, ev, p in zip(*cols, strict=True):
        if gone:
            if rev_due not in due_cache:
                due_cache[rev_due] = _utc(rev_due, UTC)
            reason = R.let_go_for_crowd(chase, date_of(rev_local), weeks)
            out[i] = stop_decision(ids[i], pr, ev, "revisit", due_cache[rev_due], reason, p)
        else:
            reason = R.in_the_wings(chase, date_of(reach_local))
            out[i] = _decision(WAIT, None, None, pr, ev, None, None, reason)
            out[i]["id"] = ids[i]
            out[i]["p_reply"] = p


def _win_text(cache, win):
    out = cache[win] = f"{win:.0%}"
    return out


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


def stop_decision(lead_id, priority, ev, state, revisit_at, reason, p_reply):
    """A `stop` decision (the contract's fields, in its order)."""
    return {
        "id": lead_id,
        "action": STOP,
        "channel": None,
        "due": None,
        "priority": priority,
        "expected_value": ev,
        "next_state": state,
        "revisit_at": revisit_at,
        "reason": reason,
        "p_reply": p_reply,
    }


def _stop(ctx, lead, i, priority, ev, reason, p):
    state = _stop_state(lead, i)
    when = R.local_date(lead["rev_local"][i]) if state == "revisit" else ""
    reason += R.next_state_note(state, when, lead["value"][i])
    revisit_at = utc_datetime(lead["rev_due"][i]) if state == "revisit" else None
    return stop_decision(lead["id"][i], priority, ev, state, revisit_at, reason, p)


def assemble_engaged(ctx, lead, res, ie, out, prio):
    """Decision dicts for engaged leads (one loop over plain lists, shared texts cached)."""
    channel = res["channel"]
    priority = res["ev"] / np.array(ctx.minutes_list)[channel]
    prio[ie] = priority
    cols = [res[key].tolist() for key in ("q", "ev", "net", "contacts", "cost")]
    engaged_n = [int(x) for x in ctx.model.engaged_n]
    last = len(engaged_n) - 1
    evidence = [f"learned from {n:,} contacts" if n else "prior" for n in engaged_n]
    verbs = [f"{R.VERB[name]} " for name in P.CHANNELS]
    names = P.CHANNELS
    ids, streak_l, dloc_l, nloc_l, due_l = (
        lead["id"],
        lead["streak"],
        lead["due_local"],
        lead["now_local"],
        lead["due"],
    )
    local_when, money, pct = R.local_when, R.money, R.pct
    # many engaged leads share a due time, a reply chance, a streak and a channel's cost
    when_cache: dict = {}
    due_cache: dict = {}
    pct_texts: dict = {}
    middles: dict = {}
    cost_texts: dict = {}
    for j, (i, q, ev, net, contacts, time_cost, ch, pr) in enumerate(
        zip(ie.tolist(), *cols, channel.tolist(), priority.tolist(), strict=True)
    ):
        streak = streak_l[i]
        if net > 0:
            dl, nl, due = dloc_l[i], nloc_l[i], due_l[i]
            when = when_cache.get((dl, nl))
            if when is None:
                when = when_cache[dl, nl] = local_when(dl, nl)
            q_text = pct_texts.get(q)
            if q_text is None:
                q_text = pct_texts[q] = pct(q)
            middle = middles.get((streak, contacts))
            if middle is None:
                middle = middles[streak, contacts] = R.engaged_middle(
                    streak, evidence[min(streak, last)], contacts
                )
            cost_text = cost_texts.get(time_cost)
            if cost_text is None:
                cost_text = cost_texts[time_cost] = money(time_cost)
            due_dt = due_cache.get(due)
            if due_dt is None:
                due_dt = due_cache[due] = _utc(due, UTC)
            d = {
                "id": ids[i],
                "action": CONTACT,
                "channel": names[ch],
                "due": due_dt,
                "priority": pr,
                "expected_value": ev,
                "next_state": None,
                "revisit_at": None,
                "reason": (
                    f"{verbs[ch]}{when}: engaged lead, {q_text}{middle}{money(ev)} net"
                    f" after {cost_text} of time."
                ),
                "why_not_stop": (
                    f"Keep going: the rest of this conversation is worth {money(net)} net."
                ),
                "p_reply": q,
            }
        else:
            d = _engaged_stop(ctx, lead, res, i, j, q, ev, streak, contacts, time_cost, pr)
        out[i] = d


def _engaged_stop(ctx, lead, res, i, j, q, ev, streak, contacts, time_cost, priority):
    reason = R.stop_engaged(
        q,
        streak,
        res["prize"][j].item(),
        contacts,
        time_cost + res["risk"][j].item() * ctx.settings.complaint_cost,
    )
    return _stop(ctx, lead, i, priority, ev, reason, q)


def _wait(reason):
    return _decision(WAIT, None, None, 0.0, 0.0, None, None, reason)


def fixed_decision(b, i, kind):
    """Leads with nothing to weigh: closed, unreachable, paused, parked or unreadable."""
    if kind in (WAIT_PAUSED, WAIT_REVISIT):
        why = "out of office until" if kind == WAIT_PAUSED else "parked for a revisit on"
        until = R.local_date(b.paused[i])
        return _wait(f"Wait: {why} {until}; 0 attempts planned before then.")
    if kind == UNREADABLE:
        return _wait(
            f"Wait: this record could not be read ({b.errors.get(i, 'error')});"
            f" 0 attempts planned until it is fixed.",
        )
    if kind == UNREACHABLE:
        reason = "Stop: all 0 reachable channels are gone (every channel bounced or none given)."
    else:
        reason = "Stop: this lead is closed (won, lost or opted out); 0 further attempts."
    return _decision(STOP, None, None, 0.0, 0.0, "closed", None, reason)
