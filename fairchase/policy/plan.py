"""plan(model, leads, now): one decision per open lead, sorted by priority (value per minute).

New enquiries (no attempt yet) that make today's agenda get NEW_LEAD_BAND added to their
priority: respond ASAP (seed 000) means they top the agenda, while priority minus the band
is still their expected value per minute. "Today's agenda" is the contacts due within a day,
best value per minute first, until `daily_minutes` are used up: a new enquiry worth less per
minute than the last contact that fits does not jump the queue (seed 003: better leads in
the wings).
"""

from __future__ import annotations

import gc
from datetime import UTC, datetime

import numpy as np

from . import priors as P
from . import reasons as R
from .fit import fit
from .lookahead import engaged_value, lookahead, revisit_worth, schedule_gap
from .model import Model
from .records import (CHANNEL_BIT, CLOSED_KIND, ENGAGED, OPEN, UNREACHABLE, UNREADABLE,
                      WAIT_PAUSED, WAIT_REVISIT, WEEK, parse_leads, to_ts)
from .settings import PolicyError, Settings
from .timing import ContactHours, utc_datetime

_utc = datetime.fromtimestamp

CHUNK = 32768
MIN_LEADS_FOR_SCHEDULES = 200
NEW_LEAD_BAND = 1000.0
ENGAGED_GAP = {3: 0.0, 2: 7 * 86400.0}  # they wrote back: answer now; we talked: follow up in a week
ENGAGED_GAP_OTHER = 2 * 86400.0
CONTACT, WAIT, STOP = "contact", "wait", "stop"
_default_model: Model | None = None


def default_model() -> Model:
    """The cold-start model: the articles' priors, no history."""
    global _default_model
    if _default_model is None:
        _default_model = fit([])
    return _default_model


def as_model(model) -> Model:
    if isinstance(model, Model):
        return model
    if isinstance(model, dict):
        return Model.from_dict(model)
    return default_model()


class _Context:
    def __init__(self, model: Model, settings: Settings, now_ts: float):
        self.model, self.settings, self.now = model, settings, now_ts
        self.src_index = model.source_index()
        self.sig_bits = model.signal_bits()
        self.tz_index: dict = {None: 0}
        self.zones: list = []
        self.hours = ContactHours(settings.contact_hours, settings.contact_days,
                                  settings.business_timezone)
        self.evidence = [model.evidence(s) for s in range(model.pooled + 1)]
        self.labels = [model.source_label(s) for s in range(model.pooled + 1)]
        self.minutes_list = [float(settings.minutes.get(c, 5.0)) or 1.0 for c in P.CHANNELS]

    def sync_zones(self):
        names = sorted(self.tz_index, key=self.tz_index.get)
        for name in names[len(self.zones):]:
            self.zones.append(self.hours.zone_for(name))


def plan(model, leads, now, settings=None) -> list[dict]:
    """Decide, for every open or engaged lead, whether to contact it (how and when) or stop.

    `model` may be a Model, its `to_dict()`, or None (cold-start priors). Leads are dicts or
    dataclasses in the contract's record format; closed leads get `stop`/`closed`.
    """
    settings = Settings.from_any(settings)
    model = as_model(model)
    now_ts = to_ts(now)
    if now_ts is None:
        raise PolicyError("`now` must be an aware datetime or an ISO-8601 string")
    if isinstance(leads, dict) or not hasattr(leads, "__iter__"):
        leads = [leads] if leads else []
    elif not isinstance(leads, list):
        leads = list(leads)
    ctx = _Context(model, settings, now_ts)
    out: list[dict] = []
    priorities, extras = [], []
    collecting = gc.isenabled()
    gc.disable()  # we build millions of small acyclic objects: cycle checks only cost time
    try:
        for start in range(0, len(leads), CHUNK):
            decisions, prio, extra = _plan_chunk(ctx, leads[start:start + CHUNK])
            out.extend(decisions)
            priorities.append(prio)
            extras.append(extra)
    finally:
        if collecting:
            gc.enable()
    if not out:
        return out
    prio = np.concatenate(priorities)
    _lift_new_enquiries(out, prio, np.concatenate(extras, axis=1), now_ts, settings)
    return [out[i] for i in _order(out, prio)]


def _order(out, prio):
    """Priority descending; ties (e.g. all the stops at 0) by id, for a stable agenda."""
    order = np.argsort(-prio, kind="stable")
    ranked = prio[order]
    tie = np.nonzero(ranked[1:] == ranked[:-1])[0]
    if not len(tie):
        return order.tolist()
    order = order.tolist()
    starts = tie[np.r_[True, np.diff(tie) > 1]]
    ends = tie[np.r_[np.diff(tie) > 1, True]] + 2
    for a, b in zip(starts.tolist(), ends.tolist(), strict=True):
        order[a:b] = sorted(order[a:b], key=lambda i: str(out[i]["id"]))
    return order


def _plan_chunk(ctx: _Context, leads: list):
    model, settings, now = ctx.model, ctx.settings, ctx.now
    b = parse_leads(leads, ctx.src_index, model.pooled, ctx.sig_bits, ctx.tz_index, now)
    ctx.sync_zones()
    n = b.n
    kind = b.kind
    src = b.src
    default_value = settings.default_value
    fallback_value = (np.full(n, default_value) if default_value is not None
                      else model.value_mean[src])
    value = np.where(np.isnan(b.value), fallback_value, b.value)
    has_last = ~np.isnan(b.last_at)
    live = (kind == OPEN) | (kind == ENGAGED)

    # ---- when: promises, the weekly cap, contact hours ----------------------------------
    pending = (b.commit_by > 0) & ~(has_last & (b.commit_at < b.last_at))
    fixed = np.full(n, np.nan)
    ours = pending & (b.commit_by == 1)
    fixed[ours] = np.fmax(now, b.commit_at[ours])  # an agreed time is honoured as agreed
    theirs = pending & (b.commit_by == 2)
    fixed[theirs] = np.fmax(now, b.commit_at[theirs] + P.GRACE)  # a grace day (seed 000)
    mask = b.mask.copy()
    missed = theirs & (b.commit_at < now)
    mask[missed] |= ctx.sig_bits.get("missed_promise", 0)
    m = settings.max_attempts_per_week
    cap_floor = b.recent[:, m - 1] + WEEK + 60.0 if m <= b.recent.shape[1] else np.full(n, np.nan)

    def when(earliest, idx):
        earliest = np.where(np.isnan(fixed[idx]), earliest, fixed[idx])
        earliest = np.fmax(earliest, cap_floor[idx])
        return ctx.hours.clip_grouped(earliest, b.tz[idx], ctx.zones)

    due = np.full(n, np.nan)
    due_local = np.full(n, np.nan)
    ie = np.nonzero(kind == ENGAGED)[0]
    if len(ie):
        eng_gap = np.full(len(ie), ENGAGED_GAP_OTHER)
        for code, gap in ENGAGED_GAP.items():
            eng_gap[b.last_outcome[ie] == code] = gap
        due[ie], due_local[ie] = when(np.fmax(now, b.last_at[ie] + eng_gap), ie)

    # ---- silent leads: look ahead under each candidate schedule, keep the best ----------
    res_open = None
    io = np.nonzero(kind == OPEN)[0]
    if len(io):
        s_io = src[io]
        lead = {"src": s_io, "mask": mask[io], "k": b.k[io], "tries": b.tries[io], "prev": b.prev[io],
                "avail": b.avail[io], "value": value[io], "last_at": b.last_at[io],
                "created": b.created[io], "recent": b.recent[io],
                "sig_reply": model.mask_effect(mask[io], model.sig_reply),
                "win_logit": model.win_logit[s_io] + model.mask_effect(mask[io], model.sig_win)}
        follow = has_last[io] & (b.k[io] > 0)
        best_v = None
        # the articles' schedule unless the history is big enough to say otherwise
        schedules = P.SCHEDULES if model.n_leads >= MIN_LEADS_FOR_SCHEDULES else P.SCHEDULES[:1]
        for schedule in schedules:
            earliest = np.where(follow, np.fmax(now, b.last_at[io] + schedule_gap(b.k[io], schedule)),
                                now)
            d_s, l_s = when(earliest, io)
            lead["agreed"] = ours[io] & (np.abs(d_s - b.commit_at[io]) < P.AGREED_WINDOW)
            res = lookahead(model, settings, lead, d_s, schedule)
            res["due"], res["due_local"] = d_s, l_s
            if best_v is None:
                res_open, best_v = res, res["v"]
                continue
            better = res["v"] > best_v * 1.02 + 0.01
            for key, arr in res.items():
                pick = better[:, None] if arr.ndim == 2 else better
                res_open[key] = np.where(pick, arr, res_open[key])
            best_v = res_open["v"]
        due[io], due_local[io] = res_open["due"], res_open["due_local"]
    idx = np.nonzero(live)[0]
    now_local = np.full(n, now)
    now_local[idx] = now + (due_local - due)[idx]
    # ---- engaged leads: is the rest of the conversation worth it -------------------------
    res_eng = eng_channel = None
    if len(ie):
        eng_channel = _engaged_channel(b.resp_channel[ie], b.avail[ie])
        n7 = ((due[ie, None] - b.recent[ie] < WEEK) & (due[ie, None] >= b.recent[ie])).sum(axis=1)
        res_eng = engaged_value(model, settings, src[ie], mask[ie], b.k[ie], b.streak[ie],
                                eng_channel, value[ie], n7)
    worth_revisit, _ = revisit_worth(model, settings, src, mask, value, b.tries, b.created,
                                     now + settings.revisit_days * 86400.0)
    revisit_due = np.full(n, np.nan)
    revisit_local = np.full(n, np.nan)
    # a revisit date is only needed for leads we stop
    stopping = np.zeros(n, dtype=bool)
    if len(io):
        stopping[io] = res_open["v"] <= 0
    if len(ie):
        stopping[ie] = res_eng["net"] <= 0
    cand = np.nonzero(stopping & live)[0]
    if len(cand):
        revisit_due[cand], revisit_local[cand] = ctx.hours.clip_grouped(
            np.full(len(cand), now + settings.revisit_days * 86400.0), b.tz[cand], ctx.zones)

    # ---- assemble (plain Python lists: indexing NumPy scalars one by one is slow) -------
    lead = {
        "kind": kind.tolist(), "src": src.tolist(), "k": b.k.tolist(), "value": value.tolist(),
        "due": due.tolist(), "due_local": due_local.tolist(), "now_local": now_local.tolist(),
        "mailing": b.mailing.tolist(), "revisited": b.revisited.tolist(),
        "worth": worth_revisit.tolist(), "rev_due": revisit_due.tolist(),
        "rev_local": revisit_local.tolist(), "streak": b.streak.tolist(),
    }
    prio = np.zeros(n)
    out = [None] * n
    if len(io):
        _assemble_silent(ctx, b, lead, io, res_open, out, prio)
    if len(ie):
        res_eng["channel"] = eng_channel
        engaged = _columns(res_eng, ie, n)
        for i in ie.tolist():
            out[i] = _engaged(ctx, lead, engaged, i)
            prio[i] = out[i]["priority"]
    ids = b.ids
    for i in np.nonzero((kind != OPEN) & (kind != ENGAGED))[0].tolist():
        out[i] = _fixed(b, i, int(kind[i]))
    for i in range(n):
        out[i]["id"] = ids[i]
    # per decision: minutes it needs if it is a contact due within a day (else 0), is it new
    minutes = np.zeros(n)
    is_new = np.zeros(n)
    per_channel = np.array(ctx.minutes_list)
    soon = due < now + 86400.0
    if len(io):
        go = (res_open["v"] > 0) & soon[io]
        minutes[io] = np.where(go, per_channel[res_open["channel"]], 0.0)
        is_new[io] = (b.k[io] == 0) & np.isnan(b.last_at[io])
    if len(ie):
        go = (res_eng["net"] > 0) & soon[ie]
        minutes[ie] = np.where(go, per_channel[eng_channel], 0.0)
    return out, prio, np.vstack([minutes, is_new])


def _lift_new_enquiries(out, prio, extra, now, settings):
    """Put new enquiries that make today's agenda at the top (see module docstring)."""
    minutes, is_new = extra
    today = np.nonzero(minutes > 0)[0]
    if not len(today):
        return
    order = today[np.argsort(-prio[today], kind="stable")]
    used = np.cumsum(minutes[order])
    over = np.nonzero(used > settings.daily_minutes)[0]
    cutoff = prio[order[over[0]]] if len(over) else -np.inf
    for i in today[(is_new[today] > 0) & (prio[today] > cutoff)].tolist():
        prio[i] += NEW_LEAD_BAND
        out[i]["priority"] = float(prio[i])


def _columns(res, idx, n):
    """Scatter per-subset result arrays back to chunk positions, as Python lists."""
    cols = {}
    for key, arr in res.items():
        full = np.zeros(n, dtype=arr.dtype)
        full[idx] = arr
        cols[key] = full.tolist()
    return cols


def _assemble_silent(ctx, b, lead, io, res, out, prio):
    """Decision dicts for silent leads: one tight loop over plain lists."""
    minutes = np.array(ctx.minutes_list)
    ch = res["channel"]
    new = (b.k[io] == 0) & np.isnan(b.last_at[io])
    go = res["v"] > 0
    priority = res["ev"] / minutes[ch]
    prio[io] = priority
    waited = ctx.now - b.created[io]
    cols = [x.tolist() for x in (io, ch, res["p"], res["ev"], res["v"], res["gross"], res["cost"],
                                 res["risk"], res["win"], priority, new, waited, go)]
    src_l, k_l, value_l = lead["src"], lead["k"], lead["value"]
    due_l, dloc_l, nloc_l = lead["due"], lead["due_local"], lead["now_local"]
    labels, evidence = ctx.labels, ctx.evidence
    names = P.CHANNELS
    complaint_cost = ctx.settings.complaint_cost
    utc = UTC
    due_cache: dict = {}  # many leads share a due time (e.g. "now"): share the datetime too
    for i, c, p, ev, v, gross, cost, risk, win, pr, is_new, wait, contact in zip(*cols, strict=True):
        s = src_l[i]
        k = k_l[i]
        if contact:
            when = R.local_when(dloc_l[i], nloc_l[i])
            reason = R.contact_silent(c, when, labels[s], k, p, evidence[s], gross, cost,
                                      R.waited(wait) if is_new else "", value_l[i])
            out[i] = {"id": None, "action": CONTACT, "channel": names[c],
                      "due": due_cache.get(due_l[i]) or due_cache.setdefault(due_l[i], _utc(due_l[i], utc)),
                      "priority": pr, "expected_value": ev,
                      "next_state": None, "revisit_at": None, "reason": reason,
                      "why_not_stop": R.keep_going(v, ev, win), "p_reply": p}
        else:
            reason = R.stop_silent(c, labels[s], k, p, evidence[s], gross,
                                   cost + risk * complaint_cost)
            out[i] = _stop(ctx, lead, i, pr, ev, reason, p)


def _engaged_channel(resp_channel, avail):
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
    return {"id": None, "action": action, "channel": channel, "due": due, "priority": priority,
            "expected_value": ev, "next_state": state, "revisit_at": revisit_at,
            "reason": reason}


def _stop(ctx, lead, i, priority, ev, reason, p):
    state = _stop_state(lead, i)
    when = R.local_date(lead["rev_local"][i]) if state == "revisit" else ""
    reason += R.next_state_note(state, when, lead["value"][i])
    revisit_at = utc_datetime(lead["rev_due"][i]) if state == "revisit" else None
    d = _decision(STOP, None, None, priority, ev, state, revisit_at, reason)
    d["p_reply"] = p
    return d


def _engaged(ctx, lead, res, i):
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
        d = _decision(CONTACT, P.CHANNELS[ch], _utc(lead["due"][i], UTC), ev / minutes, ev,
                      None, None, reason)
        d["why_not_stop"] = f"Keep going: the rest of this conversation is worth {R.money(net)} net."
        d["p_reply"] = q
        return d
    reason = R.stop_engaged(q, streak, res["prize"][i], contacts,
                            time_cost + res["risk"][i] * ctx.settings.complaint_cost)
    return _stop(ctx, lead, i, ev / minutes, ev, reason, q)


def _fixed(b, i, kind):
    """Leads with nothing to weigh: closed, unreachable, paused, parked or unreadable."""
    if kind == WAIT_PAUSED:
        until = R.local_date(b.paused[i])
        return _decision(WAIT, None, None, 0.0, 0.0, None, None,
                         f"Wait: out of office until {until}; 0 attempts planned before then.")
    if kind == WAIT_REVISIT:
        until = R.local_date(b.paused[i])
        return _decision(WAIT, None, None, 0.0, 0.0, None, None,
                         f"Wait: parked for a revisit on {until}; 0 attempts planned before then.")
    if kind == UNREADABLE:
        return _decision(WAIT, None, None, 0.0, 0.0, None, None,
                         f"Wait: this record could not be read ({b.errors.get(i, 'error')});"
                         f" 0 attempts planned until it is fixed.")
    if kind == UNREACHABLE:
        reason = "Stop: all 0 reachable channels are gone (every channel bounced or none given)."
    else:
        reason = "Stop: this lead is closed (won, lost or opted out); 0 further attempts."
    return _decision(STOP, None, None, 0.0, 0.0, "closed", None, reason)


__all__ = ["plan", "default_model", "as_model", "NEW_LEAD_BAND", "CHANNEL_BIT", "CLOSED_KIND"]
