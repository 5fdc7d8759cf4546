"""The economics: optimal stopping over the next few attempts, vectorised over leads.

V_j = max(0, max_c [EV_j(c) + (1 - h_j(c)) (1 - r_j(c)) disc_{j+1} V_{j+1}])
EV_j(c) = h_j(c) * P(win | reply) * value * margin - minutes_c * cost/min - r_j(c) * complaint_cost
with h the reply hazard and r the complaint/opt-out risk. Contact while V_0 > 0.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

import numpy as np

from . import priors as P
from .glm import sigmoid
from .model import empty_array, gap_buckets
from .records import has_channel
from .timing import DAY, WEEK

C = len(P.CHANNELS)
TRIES_CAP = 14  # the complaint model's count of tries so far stops here
RECENT_CAP = 6  # and its count of attempts in the week before a try here


def schedule_gap(done: np.ndarray, schedule) -> np.ndarray:
    """Wait after `done` silent attempts under a schedule (days after attempt 1, 2, 3+)."""
    spacing = np.array(schedule) * DAY
    return spacing[np.clip(done, 1, len(spacing)) - 1]


def recent_counts(recent: np.ndarray, planned: np.ndarray) -> np.ndarray:
    """Attempts in the 7 days before each planned time (past attempts and earlier planned ones)."""
    n, H = planned.shape
    cols = np.ascontiguousarray(recent.T)  # one contiguous row per attempt slot
    times = np.ascontiguousarray(planned.T)
    out = np.zeros((H, n))
    hit = np.empty(n, dtype=bool)
    for j in range(H):
        since = times[j] - WEEK
        count = out[j]
        for t in (*cols, *times[:j]):
            np.greater(t, since, out=hit)  # NaN compares False
            count += hit
    return out.T


def tries_in_week_before(lead: np.ndarray, at: np.ndarray) -> np.ndarray:
    """For each past try (grouped by `lead`, oldest first), the tries of its lead in the 7
    days before it, counted back from it (the same rule as recent_counts) up to RECENT_CAP."""
    out = np.zeros(len(at), dtype=np.int64)
    going = np.ones(len(at), dtype=bool)
    i = np.arange(len(at))
    for back in range(1, RECENT_CAP + 1):
        before = np.maximum(i - back, 0)
        going &= (i >= back) & (lead[before] == lead) & (at[before] > at - WEEK)
        out += going
    return out


@dataclass
class Leads:
    """The leads as the economics read them (arrays over the leads): the look-ahead of a silent
    lead's chase, an engaged lead's conversation and a revisit all start from these."""

    src: np.ndarray
    k: np.ndarray  # silent tries made (a revisited lead restarts at 2)
    tries: np.ndarray  # every try ever made: what annoyance counts
    streak: np.ndarray  # an engaged lead's contacts in a row without progress
    avail: np.ndarray  # reachable channel bits
    value: np.ndarray  # the deal's value (assumed where the record has none)
    last_at: np.ndarray
    created: np.ndarray
    recent: np.ndarray  # latest attempt times, newest first
    sig_reply: np.ndarray  # the signals' effect on the reply log-odds
    sig_fade: np.ndarray  # and its fade by the 5th try
    win_logit: np.ndarray  # log-odds of a win once they answer
    owed: np.ndarray  # a first answer is owed (LeadBatch.asked): never stopped before it

    def subset(self, sel) -> Leads:
        return Leads(**{f.name: getattr(self, f.name)[sel] for f in dataclasses.fields(self)})


@dataclass
class ScheduleFree:
    """What the look-ahead needs that no spacing schedule changes (computed once per batch)."""

    knum: np.ndarray  # (n, H) attempt number at each step
    base: np.ndarray  # (n, H) reply log-odds from source, try number and signals
    win: np.ndarray  # (n, H) P(win | reply)
    prize: np.ndarray  # (H, n) P(win | reply) x value x margin, step-major as the DP reads it
    risk: np.ndarray  # the complaint risk table (risk_table)
    risk_row: np.ndarray  # (H, n) each step's row of it, before the week's count
    act: np.ndarray  # the channels some lead of the batch can use


@dataclass
class Steps:
    """The next `horizon` tries of each lead, step-major ((H, n) and (H, n, A) arrays, so that
    each step of the DP reads contiguous (n, A) blocks); A = the channels in ScheduleFree.act."""

    base: np.ndarray  # reply log-odds before the channel's effect (float32)
    prize: np.ndarray  # P(win | reply) x value x margin
    risk: np.ndarray  # complaint risk per channel
    penalty: np.ndarray  # time cost + risk x complaint cost per channel
    disc: np.ndarray  # time preference over the wait before each step
    cost: np.ndarray  # (A,) time cost per channel
    chan: np.ndarray  # (A,) channel effect on the reply log-odds
    blocked: np.ndarray  # (n, A) 0 where the lead has the channel, -inf where not


@dataclass
class Chase:
    """The value of each silent lead's remaining chase (arrays over the leads): per channel the
    next try could take, then for the channel chosen (`choose`). `plan` adds when it is due
    and under which spacing schedule."""

    total_by_channel: np.ndarray  # (n, C) the whole chase starting on each channel (-inf: none)
    ev_by_channel: np.ndarray  # (n, C) expected net value of the next try alone
    p_by_channel: np.ndarray  # (n, C) its reply chance
    risk_by_channel: np.ndarray  # (n, C) its complaint risk
    cost_by_channel: np.ndarray  # (n, C) the cost of its minutes
    prize: np.ndarray  # a reply's worth: P(win | reply) x value x margin
    win: np.ndarray  # P(win | reply)
    channel: np.ndarray = empty_array(np.int64)
    v: np.ndarray = empty_array()  # the chase on `channel`
    ev: np.ndarray = empty_array()
    p: np.ndarray = empty_array()
    risk: np.ndarray = empty_array()
    cost: np.ndarray = empty_array()
    due: np.ndarray = empty_array()
    due_local: np.ndarray = empty_array()
    v_now: np.ndarray = empty_array()  # v discounted to today
    schedule: np.ndarray = empty_array(np.int64)
    carried: np.ndarray = empty_array(bool)  # the next try waits for a better age (plan._carry)
    brought: np.ndarray = empty_array()  # brought forward from this due (local; NaN: was not)
    owed: np.ndarray = empty_array(bool)  # a first answer owed (Leads.owed)

    def choose(self, channel: np.ndarray) -> Chase:
        """Fill the chosen-channel fields from the per-channel arrays. A lead owed a first
        answer keeps a chase worth at least OWED on its channel, however little the try earns:
        it is made, on the channel that costs least for what it earns."""
        rows = np.arange(len(channel))
        self.channel = channel
        self.v = self.total_by_channel[rows, channel]
        if len(self.owed):
            self.v = np.where(self.owed & np.isfinite(self.v), np.fmax(self.v, P.OWED), self.v)
        self.ev = self.ev_by_channel[rows, channel]
        self.p = self.p_by_channel[rows, channel]
        self.risk = self.risk_by_channel[rows, channel]
        self.cost = self.cost_by_channel[rows, channel]
        return self

    def due_by(self, until: float) -> np.ndarray:
        """Worth chasing, with the next try due before `until` (the end of the day planned:
        during the hours, this time tomorrow)."""
        return (self.v > 0) & (self.due < until)

    def keep_better(self, other: Chase, rows: np.ndarray | None = None) -> None:
        """Take `other`'s chase (of these leads, or of their `rows`) where it is worth more today
        by 2% and a cent (a near tie keeps this one), in place."""
        rows = np.arange(len(self.v)) if rows is None else rows
        better = other.v_now > self.v_now[rows] * 1.02 + 0.01
        self.put(rows[better], other, better)

    def put(self, rows: np.ndarray, other: Chase, take: np.ndarray) -> None:
        """Take `other`'s figures where `take`, for these leads' `rows` (in place)."""
        for f in dataclasses.fields(self):
            getattr(self, f.name)[rows] = getattr(other, f.name)[take]


def lookahead(model, settings, lead: Leads, due0, schedule, fixed: ScheduleFree) -> Chase:
    """Best first channel, its EV and the value of continuing, for silent leads.

    The next try is at `due0`, later ones follow `schedule`; `fixed` is `schedule_free` of
    the same leads.
    """
    st = _steps(model, settings, lead, fixed, due0, schedule)
    h0, ev0, total0 = _step(st, 0, _continuation(st))
    act, n = fixed.act, len(lead.src)

    # per-channel figures on the full channel axis, so a caller can re-choose the channel
    def by_channel(arr, fill=0.0):
        out = np.full((n, C), fill)
        out[:, act] = arr
        return out

    chase = Chase(
        total_by_channel=by_channel(total0, -np.inf),
        ev_by_channel=by_channel(ev0),
        p_by_channel=by_channel(h0),
        risk_by_channel=by_channel(st.risk[0]),
        cost_by_channel=by_channel(st.cost),
        prize=st.prize[0],
        win=fixed.win[:, 0],
        owed=lead.owed,
    )
    return chase.choose(chase.total_by_channel.argmax(axis=1))


def _steps(model, settings, lead: Leads, fixed: ScheduleFree, due0, schedule) -> Steps:
    """Each step's timing (when it falls, after what gap, at what age), reply log-odds, prize,
    complaint risk and cost, under `schedule`."""
    n, H, act = len(lead.src), settings.horizon, fixed.act
    planned = np.empty((n, H))
    planned[:, 0] = due0
    for j in range(1, H):
        planned[:, j] = planned[:, j - 1] + schedule_gap(fixed.knum[:, j - 1], schedule)
    gap = np.empty((n, H))
    # the wait before each step: since the try before it (a first try: since the enquiry)
    gap[:, 0] = due0 - np.where(lead.k > 0, lead.last_at, lead.created)
    gap[:, 1:] = planned[:, 1:] - planned[:, :-1]
    base = (
        fixed.base
        + model.spacing[gap_buckets(gap, fixed.knum)]
        + model.age_effect(planned - lead.created[:, None])
    )
    # the week's count stops at RECENT_CAP: the latest RECENT_CAP attempts are all it needs
    n7 = np.minimum(recent_counts(lead.recent[:, :RECENT_CAP], planned), RECENT_CAP)
    # risk and penalty per (source, tries, attempts in the week before, channel), looked up:
    # one row of the flattened table per step and lead
    row = fixed.risk_row + n7.T.astype(np.intp)
    cost = settings.try_cost()[act]
    penalty = (fixed.risk * settings.complaint_cost + cost).astype(np.float32)
    usable = has_channel(lead.avail[:, None], act[None, :])  # (n, A)
    return Steps(
        base=np.ascontiguousarray(base.astype(np.float32).T),  # single precision: half the traffic
        prize=fixed.prize,
        risk=np.take(fixed.risk.reshape(-1, len(act)), row, axis=0),
        penalty=np.take(penalty.reshape(-1, len(act)), row, axis=0),
        # a sale later is worth less than a sale sooner (and a slow chase ties up the lead):
        # each wait discounts what follows it
        disc=np.ascontiguousarray(np.exp(-gap / P.TIME_PREFERENCE).astype(np.float32).T),
        cost=cost,
        chan=model.chan_reply[act].astype(np.float32),
        blocked=np.where(usable, np.float32(0.0), np.float32(-np.inf)),
    )


def _continuation(st: Steps) -> np.ndarray:
    """V_1: the value of the tries after the first (the DP of the module docstring, backwards
    from the last step), discounted to the first step."""
    H, n = st.base.shape
    v_next = np.zeros(n, dtype=np.float32)
    for j in range(H - 1, 0, -1):
        _, _, total = _step(st, j, v_next)
        v_next = np.maximum(np.float32(0.0), total.max(axis=1)) * st.disc[j]  # V_j, seen from j-1
    return v_next


def _step(st: Steps, j: int, v_next: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Step `j` of the DP, per lead and channel: the reply chance h, the try's own expected net
    value EV, and EV with the chase after it (`v_next`: V_{j+1} discounted to step j)."""
    h = sigmoid(st.base[j, :, None] + st.chan)
    ev = h * st.prize[j, :, None] - st.penalty[j]
    return h, ev, ev + (1.0 - h) * (1.0 - st.risk[j]) * v_next[:, None] + st.blocked


def schedule_free(model, settings, lead: Leads) -> ScheduleFree:
    """The parts of the look-ahead no spacing schedule changes."""
    k, src, avail = lead.k, lead.src, lead.avail
    knum = k[:, None] + 1 + np.arange(settings.horizon)[None, :]  # attempt number at each step
    base = reply_base(model, src[:, None], knum, lead.sig_reply[:, None], lead.sig_fade[:, None])
    win = model.win_chance(lead.win_logit[:, None], knum)
    prize = (win * (lead.value * settings.margin)[:, None]).astype(np.float32)
    # annoyance counts every try, including those before a revisit
    tries = lead.tries[:, None] + np.arange(settings.horizon)[None, :]
    act = np.array([c for c in range(C) if has_channel(avail, c).any()] or [0])
    return ScheduleFree(
        knum=knum,
        base=base,
        win=win,
        prize=np.ascontiguousarray(prize.T),
        risk=risk_table(model, act),
        risk_row=(src * (TRIES_CAP + 1) + np.minimum(tries, TRIES_CAP).T) * (RECENT_CAP + 1),
        act=act,
    )


def complaint_risk(model, src, tries, recent, channel, engaged=0.0, caution=None):
    """The complaint risk of a try, as every decision prices it (the one place it is computed:
    the look-ahead's table, engaged leads, revisits and Insights' chart all read it): the chance
    that a try on `channel` annoys the lead into opting out, at COMPLAINT_CAUTION posterior sds
    above the log-odds' estimate, after `tries` tries, `recent` in the week before (counted up
    to TRIES_CAP and RECENT_CAP, as the model learned them); `engaged` marks a contact after the
    lead's first answer. `caution=0` gives the expected value, for a reader that shows what was
    learned rather than prices it. Arrays broadcast."""
    caution = P.COMPLAINT_CAUTION if caution is None else caution
    tries, recent = np.minimum(tries, TRIES_CAP), np.minimum(recent, RECENT_CAP)
    logit = model.c_base + model.c_attempt * tries + model.c_source[src]
    logit = logit + model.c_recent * recent + model.c_channel[channel] + engaged * model.c_engaged
    return sigmoid(logit + caution * _complaint_sd(model, src, tries, recent, channel))


def _complaint_sd(model, src, tries, recent, channel):
    """Posterior sd of complaint_risk's log-odds (the variance terms of fit._complaint_variance):
    var = q0 + a (2 q1 + a s_aa) + r (2 q2 + 2 a s_ar + r s_rr), a tries and r recent ones."""
    a, r = tries, recent
    s_aa, s_rr, s_ar = model.c_s
    var0 = model.c_q0[src, channel] + a * (2 * model.c_q1[src, channel] + a * s_aa)
    var1 = 2 * model.c_q2[src, channel] + 2 * a * s_ar
    return np.sqrt(np.clip(var0 + r * (var1 + r * s_rr), 0.0, None))


def reply_base(model, src, knum, sig_reply, sig_fade):
    """Reply log-odds of try number `knum` from the source's curve (extrapolated past K) and
    the lead's signals (their effect and its fade with tries), before timing and channel."""
    curve = model.reply_logit[src, np.minimum(knum, P.K) - 1]
    return (
        curve + sig_reply + sig_fade * P.fade(knum - 1) - P.TAIL_SLOPE * np.maximum(knum - P.K, 0)
    )


def risk_table(model, act):
    """complaint_risk of a try on each channel in `act` for every source, number of tries so
    far (0..TRIES_CAP) and attempts in the week before it (0..RECENT_CAP): (S, T, R, A).

    A lead's risk depends on nothing else, so lookahead looks it up instead of computing it
    for every lead and step.
    """
    src = np.arange(len(model.c_source))[:, None, None, None]
    tries = np.arange(TRIES_CAP + 1.0)[None, :, None, None]
    recent = np.arange(RECENT_CAP + 1.0)[None, None, :, None]  # attempts in the week before
    channel = np.asarray(act)[None, None, None, :]
    return complaint_risk(model, src, tries, recent, channel).astype(np.float32)


@dataclass
class Conversation:
    """Engaged leads (arrays over the leads): is the rest of the conversation worth it?"""

    q: np.ndarray  # P(win) from here
    contacts: np.ndarray  # contacts it usually still takes
    cost: np.ndarray  # the cost of one contact's minutes
    risk: np.ndarray  # complaint risk of a contact
    prize: np.ndarray  # q x value x margin
    net: np.ndarray  # prize - contacts x (cost + risk x complaint cost)
    ev: np.ndarray  # net per contact
    channel: np.ndarray
    due: np.ndarray = empty_array()
    due_local: np.ndarray = empty_array()


def engaged_value(model, settings, lead: Leads, channel, n7) -> Conversation:
    """Engaged leads: is the rest of the conversation worth its contacts (seed 002)? Their
    next contact is on `channel`, with `n7` tries in the week before it."""
    j = np.minimum(lead.streak, P.ENGAGED_J - 1)
    p_reply_win = model.win_chance(lead.win_logit, lead.k + 1)  # k: silent tries before it
    q = np.minimum(0.98, p_reply_win * model.engaged_ratio[j] * beyond_streaks(model, lead.streak))
    contacts = np.maximum(1.0, model.engaged_remaining[j])
    cost = settings.try_cost()[channel]
    risk = complaint_risk(model, lead.src, lead.tries, n7, channel, engaged=1.0)
    prize = q * lead.value * settings.margin
    net = prize - contacts * (cost + risk * settings.complaint_cost)
    return Conversation(
        q=q,
        contacts=contacts,
        cost=cost,
        risk=risk,
        prize=prize,
        net=net,
        ev=net / contacts,
        channel=channel,
    )


def beyond_streaks(model, streak):
    """How much more the win chance falls for the contacts without progress past the last
    streak the model learns (ENGAGED_J - 1; the history pools the longer ones into it): per
    contact, the learned last step's decline, at least the articles' halving (seed 002:
    contacts without progress mean it is time to move on), so a conversation that goes
    nowhere ends. 1 up to that streak."""
    ratio = model.engaged_ratio
    learned = ratio[-1] / ratio[-2] if ratio[-2] > 0 else P.ENGAGED_DECAY
    decline = min(float(learned), P.ENGAGED_DECAY)
    return decline ** np.maximum(np.asarray(streak) - (P.ENGAGED_J - 1), 0)


REVISIT_AS_TRY = 3  # a fresh try after months is valued like a 3rd try


def revisit_worth(model, settings, lead: Leads, when):
    """Does one fresh try at `when` (a few months on) pay twice its cost?"""
    prize = revisit_prize(model, settings, lead, when)
    return prize >= 2.0 * revisit_cost(model, settings, lead.src, lead.tries)


def revisit_prize(model, settings, lead: Leads, when):
    """What one fresh try at `when` is expected to earn: valued like a 3rd try (its reply
    chance and the lesser win of a late answer), at the lead's age then (the learned age
    effect) and after a long gap."""
    h = sigmoid(
        reply_base(model, lead.src, REVISIT_AS_TRY, lead.sig_reply, lead.sig_fade)
        + model.age_effect(when - lead.created)
        + model.spacing[7]
    )
    win = model.win_chance(lead.win_logit, REVISIT_AS_TRY)
    return h * win * lead.value * settings.margin


def revisit_cost(model, settings, src, tries):
    """What a fresh try costs: the cheaper of a call and an email, and the annoyance risk of
    all the tries already made, priced as the look-ahead prices it (an email, none that week)."""
    cheapest = min(settings.try_cost()[:2])
    risk = complaint_risk(model, src, tries, 0.0, 1)
    return cheapest + risk * settings.complaint_cost
