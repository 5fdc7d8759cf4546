"""plan(model, leads, now): one decision per open lead, sorted by priority (value per minute).

New enquiries (no attempt yet) that make today's agenda get NEW_LEAD_BAND added to their
priority: respond ASAP (seed 000) means they top the agenda, while priority minus the band
is still their expected value per minute. "Today's agenda" is the contacts due within a day,
best value per minute first, until `daily_minutes` are used up: a new enquiry worth less per
minute than the last contact that fits does not jump the queue (seed 003: better leads in
the wings).
"""

from __future__ import annotations

import numpy as np

from . import priors as P
from .agenda import Crowd, agenda_order, crowded_day, lift_new_enquiries
from .batch import lead_batch
from .decisions import assemble_engaged, assemble_silent, engaged_channel, fixed_decision
from .fit import fit
from .lookahead import engaged_value, lookahead, revisit_worth, schedule_gap
from .model import Model
from .records import ENGAGED, OPEN, WEEK, read_book, to_ts
from .settings import PolicyError, Settings
from .timing import ContactHours

CHUNK = 32768
MIN_LEADS_FOR_SCHEDULES = 200
NEW_LEAD_BAND = 1000.0
ENGAGED_GAP = {
    3: 0.0,
    2: 7 * 86400.0,
}  # they wrote back: answer now; we talked: follow up in a week
ENGAGED_GAP_OTHER = 2 * 86400.0
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
    def __init__(self, model: Model, settings: Settings, now_ts: float, n_total: int):
        self.model, self.settings, self.now = model, settings, now_ts
        self.src_index = model.source_index()
        self.sig_bits = model.signal_bits()
        self.tz_index: dict = {None: 0}
        self.zones: list = []
        self.hours = ContactHours(
            settings.contact_hours, settings.contact_days, settings.business_timezone
        )
        self.evidence = [model.evidence(s) for s in range(model.pooled + 1)]
        self.labels = [model.source_label(s) for s in range(model.pooled + 1)]
        self.minutes_list = [float(settings.minutes.get(c, 5.0)) or 1.0 for c in P.CHANNELS]
        self.n_total = n_total  # the whole batch: chunks share the day's minutes in proportion

    def sync_zones(self):
        names = sorted(self.tz_index, key=self.tz_index.get)
        for name in names[len(self.zones) :]:
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
    ctx = _Context(model, settings, now_ts, len(leads))
    out: list[dict] = []
    priorities, extras = [], []
    for start in range(0, len(leads), CHUNK):
        decisions, prio, extra = _plan_chunk(ctx, leads[start : start + CHUNK])
        out.extend(decisions)
        priorities.append(prio)
        extras.append(extra)
    if not out:
        return out
    prio = np.concatenate(priorities)
    lift_new_enquiries(out, prio, np.concatenate(extras, axis=1), settings, NEW_LEAD_BAND)
    return [out[i] for i in agenda_order(out, prio)]


def _plan_chunk(ctx: _Context, leads: list):
    model, settings, now = ctx.model, ctx.settings, ctx.now
    b = lead_batch(read_book(leads), ctx.src_index, model.pooled, ctx.sig_bits, ctx.tz_index, now)
    ctx.sync_zones()
    n = b.n
    kind = b.kind
    src = b.src
    default_value = settings.default_value
    fallback_value = (
        np.full(n, default_value) if default_value is not None else model.value_mean[src]
    )
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
    res_open: dict[str, np.ndarray] = {}
    io = np.nonzero(kind == OPEN)[0]
    if len(io):
        s_io = src[io]
        lead = {
            "src": s_io,
            "mask": mask[io],
            "k": b.k[io],
            "tries": b.tries[io],
            "prev": b.prev[io],
            "avail": b.avail[io],
            "value": value[io],
            "last_at": b.last_at[io],
            "created": b.created[io],
            "recent": b.recent[io],
            "sig_reply": model.mask_effect(mask[io], model.sig_reply),
            "sig_fade": model.mask_effect(mask[io], model.sig_fade),
            "win_logit": model.win_logit[s_io] + model.mask_effect(mask[io], model.sig_win),
        }
        follow = has_last[io] & (b.k[io] > 0)
        # the articles' schedule unless the history is big enough to say otherwise
        schedules = P.SCHEDULES if model.n_leads >= MIN_LEADS_FOR_SCHEDULES else P.SCHEDULES[:1]

        def look(sel, economics, choices=None):
            """Look ahead under each schedule (or the `choices` among them) for the silent
            leads `sel` (None = all)."""
            choices = range(len(schedules)) if choices is None else choices
            sub = lead if sel is None else {key: a[sel] for key, a in lead.items() if key[0] != "_"}
            ii = io if sel is None else io[sel]
            fol = follow if sel is None else follow[sel]
            best = best_v = None
            for choice in choices:
                schedule = schedules[choice]
                earliest = np.where(
                    fol, np.fmax(now, b.last_at[ii] + schedule_gap(b.k[ii], schedule)), now
                )
                d_s, l_s = when(earliest, ii)
                sub["agreed"] = ours[ii] & (np.abs(d_s - b.commit_at[ii]) < P.AGREED_WINDOW)
                res = lookahead(model, economics, sub, d_s, schedule)
                res["due"], res["due_local"] = d_s, l_s
                # schedules are compared at today's worth: a later first try waits for its value
                res["v_now"] = res["v"] * np.exp(-np.fmax(d_s - now, 0.0) / P.TIME_PREFERENCE)
                res["schedule"] = np.full(len(ii), choice)
                if best is None:
                    best, best_v = res, res["v_now"]
                    continue
                better = res["v_now"] > best_v * 1.02 + 0.01
                for key, arr in res.items():
                    pick = better[:, None] if arr.ndim == 2 else better
                    best[key] = np.where(pick, arr, best[key])
                best_v = best["v_now"]
            return best

        res_open = look(None, settings)
        due[io], due_local[io] = res_open["due"], res_open["due_local"]
    idx = np.nonzero(live)[0]
    now_local = np.full(n, now)
    now_local[idx] = now + (due_local - due)[idx]
    # ---- engaged leads: is the rest of the conversation worth it -------------------------
    res_eng: dict[str, np.ndarray] = {}
    eng_channel = np.zeros(0, dtype=np.int64)
    engaged_minutes = 0.0
    if len(ie):
        eng_channel = engaged_channel(b.resp_channel[ie], b.avail[ie])
        n7 = ((due[ie, None] - b.recent[ie] < WEEK) & (due[ie, None] >= b.recent[ie])).sum(axis=1)
        res_eng = engaged_value(
            model, settings, src[ie], mask[ie], b.k[ie], b.streak[ie], eng_channel, value[ie], n7
        )
        soon_eng = (res_eng["net"] > 0) & (due[ie] < now + 86400.0)
        engaged_minutes = float(np.array(ctx.minutes_list)[eng_channel][soon_eng].sum())
    crowd = Crowd.quiet(len(io))
    if len(io):
        # when today's contacts need more minutes than there are (after the engaged leads'),
        # the day is shared (a batch bigger than a chunk shares it in proportion)
        budget = max(0.0, settings.daily_minutes * n / max(ctx.n_total, n) - engaged_minutes)
        crowd = crowded_day(res_open, look, len(schedules), settings, ctx.minutes_list, budget, now)
        wings = crowd.waiting
        if wings.any():
            crowd.reach[wings], crowd.reach_local[wings] = ctx.hours.clip_grouped(
                crowd.reach[wings], b.tz[io][wings], ctx.zones
            )
    worth_revisit, _ = revisit_worth(
        model, settings, src, mask, value, b.tries, b.created, now + settings.revisit_days * 86400.0
    )
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
            np.full(len(cand), now + settings.revisit_days * 86400.0), b.tz[cand], ctx.zones
        )

    # ---- assemble (plain Python lists: indexing NumPy scalars one by one is slow) -------
    lead = {
        "id": b.ids,
        "kind": kind.tolist(),
        "src": src.tolist(),
        "k": b.k.tolist(),
        "value": value.tolist(),
        "due": due.tolist(),
        "due_local": due_local.tolist(),
        "now_local": now_local.tolist(),
        "mailing": b.mailing.tolist(),
        "revisited": b.revisited.tolist(),
        "worth": worth_revisit.tolist(),
        "rev_due": revisit_due.tolist(),
        "rev_local": revisit_local.tolist(),
        "streak": b.streak.tolist(),
    }
    prio = np.zeros(n)
    out = [None] * n
    if len(io):
        arrays = {
            "value": value,
            "due": due,
            "due_local": due_local,
            "now_local": now_local,
            "rev_due": revisit_due,
            "rev_local": revisit_local,
        }
        assemble_silent(ctx, b, arrays, lead, io, res_open, out, prio, crowd)
    if len(ie):
        res_eng["channel"] = eng_channel
        assemble_engaged(ctx, lead, res_eng, ie, out, prio)
    for i in np.nonzero((kind != OPEN) & (kind != ENGAGED))[0].tolist():
        out[i] = fixed_decision(b, i, int(kind[i]))
        out[i]["id"] = b.ids[i]
    # per decision: minutes it needs if it is a contact due within a day (else 0), is it new
    minutes = np.zeros(n)
    is_new = np.zeros(n)
    per_channel = np.array(ctx.minutes_list)
    soon = due < now + 86400.0
    if len(io):
        go = (res_open["v"] > 0) & soon[io] & ~crowd.waiting
        minutes[io] = np.where(go, per_channel[res_open["channel"]], 0.0)
        is_new[io] = (b.k[io] == 0) & np.isnan(b.last_at[io])
    if len(ie):
        go = (res_eng["net"] > 0) & soon[ie]
        minutes[ie] = np.where(go, per_channel[eng_channel], 0.0)
    return out, prio, np.vstack([minutes, is_new])


__all__ = ["plan", "default_model", "as_model", "NEW_LEAD_BAND"]
