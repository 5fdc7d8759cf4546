"""plan(model, leads, now): one decision per open lead, sorted by priority (value per minute).

Steps per chunk of leads: read them (records, batch); when each may next be contacted (_When);
the value of each silent lead's remaining chase under each spacing schedule (_Silent and
lookahead); engaged leads (_plan_engaged); the sharing of the day's minutes (_share_the_day:
agenda.crowded_day on a crowded day, _bring_forward on a day with minutes to spare); the
decisions (decisions, one `Lead` row each) and their reasons (reasons).

New enquiries (no attempt yet) that make today's agenda get agenda.NEW_LEAD_BAND added to their
priority: respond ASAP (seed 000) means they top the agenda, while priority minus the band
is still their expected value per minute. The day's fresh enquiries share a whole day's
minutes among themselves, whatever the conversations take (_share_the_day); a new enquiry
those minutes do not reach waits in the wings like any other lead (seed 003: better leads
first).
"""

from __future__ import annotations

import functools

import numpy as np

from . import priors as P
from .agenda import Agenda, Day, agenda_order, crowded_day, fill_day, lift_new_enquiries
from .batch import Kind, LeadBatch, lead_batch
from .decisions import Facts, engaged_decisions, fixed_decision, silent_decisions
from .fit import fit
from .lookahead import (
    Chase,
    Conversation,
    Leads,
    engaged_value,
    lookahead,
    recent_counts,
    revisit_worth,
    schedule_free,
    schedule_gap,
)
from .model import AGE_KNOT_U, Model
from .reasons import ASSUMED_DEFAULT, ASSUMED_NOT, ASSUMED_TYPICAL, SIGN, source_label
from .records import OUTCOME_CODE, RESPONSE_CODES, has_channel, read_book, to_ts
from .settings import PolicyError, Settings
from .timing import DAY, WEEK, ContactHours
from .window import cap_floor

CHUNK = 32768
MIN_LEADS_FOR_SCHEDULES = 200
AGE_DAYS = np.expm1(AGE_KNOT_U)  # the age curve's knots, in days
# a day with minutes to spare brings forward follow-ups due before this (_bring_forward)
FORWARD = P.FORWARD_DAYS * DAY


@functools.cache
def default_model() -> Model:
    """The cold-start model: the articles' priors, no history."""
    return fit([])


def as_model(model) -> Model:
    if isinstance(model, Model):
        return model
    if isinstance(model, dict):
        return Model.from_dict(model)
    return default_model()


class _Context:
    def __init__(self, model: Model, settings: Settings, now_ts: float, n_total: int):
        self.model, self.settings, self.now = model, settings, now_ts
        self.hours = ContactHours(
            settings.contact_hours, settings.contact_days, settings.business_timezone
        )
        # "today" is the day planned (day_planned): today, or on a Sunday or once today's hours
        # are over, the next contact day, from when its hours open; a contact due before the
        # next contact day's hours open is that day's (a plan made at 18:00 leaves tomorrow
        # morning's contacts to tomorrow's minutes, as Today shows them)
        day, wait = self.hours.day_planned(now_ts)
        self.day = day if wait else None  # whose minutes "today's" are (None: today's)
        self.start = now_ts + wait
        self.until = min(self.start + DAY, self.hours.next_day_opens(self.start))
        # minutes logged today are today's: a later day's minutes are whole
        self.pace = settings.daily_minutes
        self.day_minutes = self.pace if wait else settings.today_minutes()
        self.evidence = [model.evidence(s) for s in range(model.pooled + 1)]
        self.labels = [source_label(model.source_label(s)) for s in range(model.pooled + 1)]
        minutes = settings.try_minutes()
        self.minutes = np.where(minutes > 0, minutes, 1.0)  # never 0: the agenda divides by it
        self.n_total = n_total  # the whole batch: chunks share the day's minutes in proportion
        # the articles' spacing unless the history is big enough to say otherwise
        self.spacing_learned = model.n_leads >= MIN_LEADS_FOR_SCHEDULES


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
    sign = SIGN.set(settings.currency_symbol)  # every reason's amounts in the business's currency
    try:
        return _plan(model, leads, now_ts, settings)
    finally:
        SIGN.reset(sign)


def _plan(model: Model, leads, now_ts: float, settings: Settings) -> list[dict]:
    """`plan` once its inputs are read."""
    if isinstance(leads, dict) or not hasattr(leads, "__iter__"):
        leads = [leads] if leads else []
    elif not isinstance(leads, list):
        leads = list(leads)
    ctx = _Context(model, settings, now_ts, len(leads))
    out: list[dict] = []
    starts = range(0, len(leads), CHUNK)
    parts = [_plan_chunk(ctx, leads[start : start + CHUNK], out) for start in starts]
    if not out:
        return out
    agenda = Agenda.join(parts)
    lift_new_enquiries(out, agenda, ctx.pace)
    return [out[i] for i in agenda_order(out, agenda.priority)]


def _plan_chunk(ctx: _Context, records: list, done: list) -> Agenda:
    """Decide for one chunk of lead records: its decisions are appended to `done`, in the
    records' order; returns their columns of the agenda."""
    b = lead_batch(read_book(records), ctx.model, ctx.hours, ctx.now)
    when = _When(ctx, b)
    leads = _leads(ctx, b, when)
    io, ie = np.flatnonzero(b.kind == Kind.OPEN), np.flatnonzero(b.kind == Kind.ENGAGED)
    engaged = _plan_engaged(ctx, b, when, leads.subset(ie), ie)
    silent = _Silent(ctx, when, leads.subset(io), io)
    res = silent.look(None, ctx.settings)
    # a conversation held by a pending promise is kept (decisions: never let go before it)
    talk_today = ((engaged.net > 0) | when.held[ie]) & (engaged.due < ctx.until)
    crowd = _share_the_day(ctx, b, silent, res, ctx.minutes[engaged.channel[talk_today]].sum())
    facts = _facts(ctx, b, leads, when)
    out: list = [None] * b.n  # filled by index in the chunk
    prio = np.zeros(b.n)
    prio[io] = silent_decisions(ctx, b, facts, io, res, crowd, out)
    prio[ie] = engaged_decisions(ctx, b, facts, ie, engaged, out)
    for i in np.flatnonzero((b.kind != Kind.OPEN) & (b.kind != Kind.ENGAGED)).tolist():
        out[i] = fixed_decision(b, i, int(b.kind[i]))
    minutes = np.zeros(b.n)
    go = res.due_by(ctx.until) & ~crowd.waiting
    minutes[io] = np.where(go, ctx.minutes[res.channel], 0.0)
    minutes[ie] = np.where(talk_today, ctx.minutes[engaged.channel], 0.0)
    done.extend(out)
    return Agenda(prio, minutes, b.new & (b.kind == Kind.OPEN))


class _When:
    """When a lead may next be contacted: an agreed time as agreed (on the channel agreed, when
    the promise names one), a grace day after a promise the lead did not keep (seed 000), the
    weekly cap, then the lead's contact hours."""

    def __init__(self, ctx: _Context, b: LeadBatch):
        self.ctx, self.b, now = ctx, b, ctx.now
        # an agreed time before our latest try is behind us (NaN compares False: no try), and
        # so is a promise of theirs before their latest reply: they got in touch (review30 #3)
        pending = (b.commit_by > 0) & ~(b.commit_at < b.last_at)
        pending &= ~((b.commit_by == 2) & (b.commit_at < b.responded))
        ours = pending & (b.commit_by == 1)
        theirs = pending & (b.commit_by == 2)
        grace = np.where(theirs, P.GRACE, 0.0)
        self.fixed = np.where(pending, np.fmax(now, b.commit_at + grace), np.nan)
        self.promise = np.where(pending, b.commit_by, 0)  # whose promise sets `fixed`
        # a pending promise holds the lead, never let go before it (seed 000: stick to the
        # agreed day): ours until kept, theirs until its grace day is over; then the value
        # decides, with the missed promise as a signal
        self.held = ours | (theirs & (b.commit_at + grace > now))
        # a promise of ours on a channel (a call back, as they asked) is kept on it: the lead's
        # channels are that one until then, when the lead can be reached on it
        named = np.maximum(b.commit_channel, 0)
        kept = ours & (b.commit_channel >= 0) & has_channel(b.avail, named)
        b.avail[kept] = 1 << named[kept]
        self.mask = b.mask.copy()  # a promise they missed is a signal
        self.mask[theirs & (b.commit_at < now)] |= ctx.model.signal_bits().get("missed_promise", 0)
        self.cap_floor = cap_floor(b.recent, ctx.settings.max_attempts_per_week)
        # the weekly cap holds back the tries no one asked for, never the answer to their
        # reply nor a time we agreed (decision-core.md, "The weekly cap")
        self.cap_floor[ours | (b.last_outcome == OUTCOME_CODE["replied"])] = np.nan
        self.cap_due = _cap_due(ctx, b, self.cap_floor)
        self.rest_of_day = _rest_of_day(ctx, b)

    def __call__(self, earliest: np.ndarray, idx: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The due times (UTC, local seconds) of the leads `idx`, not before `earliest`."""
        fixed = self.fixed[idx]
        # an agreed time is kept as agreed; any other try waits out the day of an unanswered one
        earliest = np.where(np.isnan(fixed), np.fmax(earliest, self.rest_of_day[idx]), fixed)
        earliest = np.fmax(earliest, self.cap_floor[idx])
        return self.ctx.hours.clip_grouped(earliest, self.b.tz[idx])


def _cap_due(ctx: _Context, b: LeadBatch, floor: np.ndarray) -> np.ndarray:
    """The due time the weekly cap alone would give (its floor in the contact hours; NaN where
    the cap is not reached): a due time equal to it was set by the cap, and its reason says so."""
    out = np.full(b.n, np.nan)
    capped = np.flatnonzero(~np.isnan(floor))
    if len(capped):
        out[capped] = ctx.hours.clip_grouped(floor[capped], b.tz[capped])[0]
    return out


def _rest_of_day(ctx: _Context, b: LeadBatch) -> np.ndarray:
    """The earliest time for the next try after an unanswered one: the lead's next midnight
    after it (on its clock; NaN: no such try, or the latest one was answered). Seed 000:
    "resist the urge to ring again in a couple of hours". A floor under every due time of a
    try no one agreed on: neither a learned gap effect nor a day's spare minutes brings the
    next try into the same day (plan._When; an agreed time, a call back they asked for or
    a promise, is kept as agreed)."""
    last = np.where(np.isin(b.last_outcome, RESPONSE_CODES), np.nan, b.last_at)
    local = ctx.hours.local_grouped(last, b.tz)
    return last + (np.floor(local / DAY) + 1.0) * DAY - local


def _leads(ctx: _Context, b: LeadBatch, when: _When) -> Leads:
    """The chunk's leads as the economics read them: a value the lead lacks assumed (the
    settings' default, or its source's mean), its signals (a missed promise among them) as
    effects on the reply and win log-odds."""
    model, mask, fallback = ctx.model, when.mask, ctx.settings.default_value
    typical = model.value_mean[b.src] if fallback is None else fallback
    return Leads(
        src=b.src,
        k=b.k,
        tries=b.tries,
        streak=b.streak,
        avail=b.avail,
        value=np.where(np.isnan(b.value), typical, b.value),
        last_at=b.last_at,
        created=b.created,
        recent=b.recent,
        sig_reply=model.mask_effect(mask, model.sig_reply),
        sig_fade=model.mask_effect(mask, model.sig_fade),
        win_logit=model.answer_win_logit(b.src, mask),
        owed=b.asked,
    )


class _Silent:
    """The silent leads of a chunk (`lead`, `io` in the chunk), looked ahead under each
    candidate spacing schedule."""

    def __init__(self, ctx: _Context, when: _When, lead: Leads, io):
        self.ctx, self.when, self.io, self.lead = ctx, when, io, lead
        self.follow = ~np.isnan(lead.last_at) & (lead.k > 0)
        self.schedules = P.SCHEDULES if ctx.spacing_learned else P.SCHEDULES[:1]

    def look(self, sel, economics: Settings, choices=None, now_first=False) -> Chase:
        """Look ahead under each schedule (or the `choices` among them) for the silent leads
        `sel` (None = all), keeping each lead's best; schedules are compared at today's worth
        (a later first try waits for its value). `now_first`: the next try as soon as allowed
        instead of after the schedule's gap."""
        now = self.ctx.now
        sel = slice(None) if sel is None else sel  # all: a slice takes views, no copies
        sub, ii, follow = self.lead.subset(sel), self.io[sel], self.follow[sel]
        fixed = schedule_free(self.ctx.model, economics, sub)

        def chase(choice: int) -> Chase:
            gap = schedule_gap(sub.k, self.schedules[choice])
            start = np.where(follow & (not now_first), np.fmax(now, sub.last_at + gap), now)
            return self._chase(sub, ii, start, choice, economics, fixed)

        every = range(len(self.schedules)) if choices is None else choices
        best = chase(every[0])
        for choice in every[1:]:
            best.keep_better(chase(choice))
        if choices is None and not now_first:
            self._carry(sub, ii, economics, best)
        return best

    def _chase(self, sub: Leads, ii, start, choice: int, economics, fixed=None) -> Chase:
        """The chase of the leads `sub` (`ii` in the chunk) under schedule `choice`, its next
        try due at `start` or the first time after it the lead may be contacted."""
        fixed = schedule_free(self.ctx.model, economics, sub) if fixed is None else fixed
        due, local = self.when(start, ii)
        res = lookahead(self.ctx.model, economics, sub, due, self.schedules[choice], fixed)
        res.due, res.due_local = due, local
        res.v_now = res.v * np.exp(-np.fmax(due - self.ctx.now, 0.0) / P.TIME_PREFERENCE)
        res.schedule = np.full(len(ii), choice)
        res.carried = np.zeros(len(ii), dtype=bool)
        res.brought = np.full(len(ii), np.nan)
        return res

    def _carry(self, sub: Leads, ii, economics, best: Chase) -> None:
        """The next try carried to a later age where the learned age curve gains more than the
        time preference costs (buyers who come back weeks after their enquiry, past where the
        schedules' gaps reach), kept for the leads where it is worth more today (in place)."""
        age = best.due - sub.created  # NaN (no enquiry date): never carried
        ahead = AGE_DAYS * DAY - age[:, None]  # from the next try to each knot of the curve
        model = self.ctx.model
        gain = model.age_curve - model.age_effect(age)[:, None] - ahead / P.TIME_PREFERENCE
        # a new enquiry is answered as soon as possible (seed 000); a wait shorter than a week
        # is the schedules' to choose
        gain = np.where((ahead > WEEK) & (sub.k > 0)[:, None], gain, 0.0)
        knot = gain.argmax(axis=1)
        later = np.flatnonzero(gain.max(axis=1) > 0.0)
        for choice in np.unique(best.schedule[later]).tolist():
            part = later[best.schedule[later] == choice]
            lead = sub.subset(part)
            res = self._chase(
                lead, ii[part], lead.created + AGE_DAYS[knot[part]] * DAY, choice, economics
            )
            res.carried[:] = True
            best.keep_better(res, part)


def _plan_engaged(ctx: _Context, b: LeadBatch, when: _When, lead: Leads, ie) -> Conversation:
    """Engaged leads (`lead`, `ie` in the chunk): when to answer, on which channel, and is the
    rest worth it."""
    # they wrote back: answer now; we talked: follow up in a week; otherwise in two days
    outcome = b.last_outcome[ie]
    replied, talked = outcome == OUTCOME_CODE["replied"], outcome == OUTCOME_CODE["talked"]
    gap = np.select([replied, talked], [0.0, 7 * DAY], 2 * DAY)
    due, due_local = when(np.fmax(ctx.now, lead.last_at + gap), ie)
    channel = _engaged_channel(b.resp_channel[ie], lead.avail)
    n7 = recent_counts(lead.recent, due[:, None])[:, 0]
    res = engaged_value(ctx.model, ctx.settings, lead, channel, n7)
    res.due, res.due_local = due, due_local
    return res


def _engaged_channel(resp_channel, avail):
    """Answer on the channel they answered on, else the first reachable of call/email/text/visit."""
    first = has_channel(avail[:, None], np.arange(len(P.CHANNELS))).argmax(axis=1)  # none: call
    ok = (resp_channel >= 0) & has_channel(avail, np.maximum(resp_channel, 0))
    return np.where(ok, resp_channel, first)


def _share_the_day(ctx: _Context, b: LeadBatch, silent: _Silent, res: Chase, engaged_today):
    """Share the minutes of the day planned (today, or on a Sunday, Monday) left after its
    conversations (`engaged_today` minutes) among the silent leads due on it: on a crowded day
    those left out wait their turn at the day's pace (agenda.crowded_day), counted from that
    day; a day with minutes to spare brings follow-ups forward.

    The day's fresh enquiries (never tried, in since a day before it starts) are answered on it
    whenever a whole day's minutes would answer them, as if no conversation and nothing logged
    had taken any (seed 000: respond as soon as possible); the other silent leads share what
    they leave. A conversation is never put off for the crowd either, so neither is put off
    for the other: the plan then holds more than the minutes left, by at most what the
    conversations and the minutes logged today took, rather than leave a first reply for a
    later day, when its chance of an answer has fallen (priors.FIRST_DELAY_EDGES). Among the
    silent leads, value per minute still decides (seed 003).
    """
    io, start = silent.io, ctx.start
    # a later day's minutes are whole (else a day full of conversations would put every silent
    # lead's turn off for ever); a batch bigger than a chunk shares each day in proportion
    share = b.n / max(ctx.n_total, b.n)
    day = Day(
        start, ctx.until, ctx.day_minutes * share - engaged_today, ctx.pace * share, ctx.minutes
    )
    fresh = b.new[io] & (b.created[io] > start - DAY)
    crowd = crowded_day(res, silent.look, ctx.settings, day, fresh)
    wings = crowd.waiting
    if wings.any():  # each turn on a day and in the hours the lead may be contacted
        crowd.reach[wings], crowd.reach_local[wings] = ctx.hours.clip_grouped(
            crowd.reach[wings], b.tz[io][wings]
        )
    else:
        _bring_forward(ctx, silent, res, day.budget)
    return crowd


def _bring_forward(ctx: _Context, silent: _Silent, res: Chase, budget: float):
    """A day with `budget` minutes to spare brings forward follow-ups due in the week after it
    whose chase is worth at least as much (at today's worth) started as soon as allowed, best
    value per minute first: no minute goes unused while a contact that gains by coming sooner
    waits. A lead tried on the day planned cannot use its minutes (_rest_of_day): it keeps
    its schedule."""
    minutes, until = ctx.minutes, ctx.until
    spare = budget - minutes[res.channel[res.due_by(until)]].sum()
    later = (res.v > 0) & (res.due >= until) & (res.due < ctx.start + FORWARD) & silent.follow
    later &= ~(silent.when.rest_of_day[silent.io] > ctx.start)  # NaN (none): False
    if spare < minutes.min() or not later.any():
        return
    cand = np.flatnonzero(later)
    early = silent.look(cand, ctx.settings, now_first=True)
    ok = early.due_by(until) & (early.v_now >= res.v_now[cand])
    need = minutes[early.channel]
    order = np.argsort(-np.where(ok, early.ev / need, -np.inf), kind="stable")[: int(ok.sum())]
    take = np.zeros(len(cand), dtype=bool)
    take[order] = fill_day(need[order], spare)
    early.brought = res.due_local[cand]  # the reason names the day it was due
    res.put(cand[take], early, take)


def may_come_sooner(open_: bool, tried: bool, due: float, now: float) -> bool:
    """A silent lead's follow-up due at `due` (UTC seconds) that a day with minutes to spare
    before it may bring forward (_bring_forward): what the app says of a "Next:" date."""
    return open_ and tried and now + DAY <= due < now + FORWARD


def _facts(ctx: _Context, b: LeadBatch, leads: Leads, when: _When) -> Facts:
    """What the decisions draw on beyond the lead's record: its id and value (and whether it was
    assumed, for the reason to say so), the promise that sets its next contact, its age (how
    long a new enquiry has waited), and the revisit it would get if it stops."""
    now, settings = ctx.now, ctx.settings
    later = now + settings.revisit_days * DAY
    worth = revisit_worth(ctx.model, settings, leads, later)
    revisit_due, revisit_local = ctx.hours.clip_grouped(np.full(b.n, later), b.tz)
    guess = ASSUMED_TYPICAL if settings.default_value is None else ASSUMED_DEFAULT
    return Facts(
        id=np.fromiter(b.ids, dtype=object, count=b.n),
        value=leads.value,
        assumed=np.where(np.isnan(b.value), guess, ASSUMED_NOT),
        promise=when.promise,
        cap_due=when.cap_due,
        held=when.held,
        promise_local=ctx.hours.local_grouped(b.commit_at, b.tz),
        age=now - b.created,
        revisit_due=revisit_due,
        revisit_local=revisit_local,
        revisit_worth=worth,
    )


__all__ = ["plan", "default_model", "as_model"]
