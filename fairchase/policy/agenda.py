"""The agenda's order: value per minute first, new enquiries that make today's list on top."""

from __future__ import annotations

import dataclasses
import math

import numpy as np

from . import priors as P
from .lookahead import Chase
from .timing import DAY

# a turn further off than this is said to be so, not dated (at no minutes a day it never comes)
FAR_OFF_DAYS = 3 * 365
# added to the priority of the new enquiries planned for today: respond ASAP (seed 000) puts them
# on top, while their priority minus the band is still their value per minute
NEW_LEAD_BAND = 1000.0


def agenda_order(out, prio):
    """Priority descending; ties (e.g. all the stops at 0) by id, for a stable agenda."""
    ids = np.array([str(decision["id"]) for decision in out])
    return np.lexsort((ids, -prio)).tolist()


def worth_now(priority: float, waited: float | None) -> float:
    """A new enquiry's value per minute after it has waited `waited` seconds (None: not a new
    enquiry): `plan` priced it when it arrived, and each hour, then day, it waits lowers the
    chance of reaching the person (the first-delay effect on the log-odds, applied to the
    plan's value). Today's page orders its new enquiries by it."""
    if waited is None or priority <= 0:
        return priority
    bucket = sum(waited >= edge for edge in P.FIRST_DELAY_EDGES)
    return priority * math.exp(P.SPACING_PRIORS[bucket] - P.SPACING_PRIORS[0])


@dataclasses.dataclass
class Agenda:
    """Per decision: its priority (value per minute), the minutes its contact takes today (0:
    no contact today) and whether it answers a new enquiry (never tried)."""

    priority: np.ndarray
    minutes: np.ndarray
    new: np.ndarray

    @classmethod
    def join(cls, parts: list[Agenda]) -> Agenda:
        """The agenda of every chunk, in the chunks' order."""
        columns = (f.name for f in dataclasses.fields(cls))
        return cls(*(np.concatenate([getattr(part, name) for part in parts]) for name in columns))


def lift_new_enquiries(out, agenda: Agenda, budget: float):
    """Put the new enquiries planned for today at the top, best first, as many as a whole
    day's `budget` minutes hold (see plan's module docstring): they share the day among
    themselves, so a conversation of more value per minute does not push one off the top."""
    prio, minutes = agenda.priority, agenda.minutes
    due = np.nonzero((minutes > 0) & agenda.new)[0]
    if not len(due):
        return
    order = due[np.argsort(-prio[due], kind="stable")]
    first_out = _first_left_out(order, minutes, budget)
    cutoff = -np.inf if first_out is None else prio[first_out]
    for i in due[prio[due] > cutoff].tolist():
        prio[i] += NEW_LEAD_BAND
        out[i]["priority"] = float(prio[i])


def minute_price(per_minute, minutes, budget):
    """What one more minute is worth today: the value per minute of the first contact due today
    that no longer fits in a finite `budget` of minutes (0 when every contact fits)."""
    # at most `fit` contacts fit in the budget, so only the best fit + 1 need sorting
    fit = int(budget // max(float(minutes.min()), 1e-9)) + 1
    if len(per_minute) > 4 * fit + 64:
        top = np.argpartition(-per_minute, fit)[: fit + 1]
        order = top[np.argsort(-per_minute[top], kind="stable")]
    else:
        order = np.argsort(-per_minute, kind="stable")
    first_out = _first_left_out(order, minutes, budget)
    return 0.0 if first_out is None else max(0.0, float(per_minute[first_out]))


def _first_left_out(order: np.ndarray, minutes: np.ndarray, budget: float) -> int | None:
    """The first contact of `order` (best first) that `budget` minutes no longer hold, taking
    them in order (None when they all fit)."""
    over = np.flatnonzero(np.cumsum(minutes[order]) > budget)
    return int(order[over[0]]) if len(over) else None


def minute_price_today(res: Chase, today, minutes, budget):
    """What a minute is worth today when today's contacts need more minutes than `budget`:
    the value per minute of the first contact left out. Priced minutes make cheaper channels
    worth choosing, which fits more contacts and lowers the price: the fixed point is found
    by bisection, 12 halvings (0 when everything fits)."""
    due = np.nonzero(today)[0]
    if not len(due) or not np.isfinite(budget):  # no crowd
        return 0.0
    total = np.where(res.total_by_channel[due] > 0, res.total_by_channel[due], -np.inf)
    ev = res.ev_by_channel[due]
    rows = np.arange(len(due))

    def left_out(price):
        ch = (total - price * minutes[None, :]).argmax(axis=1)
        return minute_price(ev[rows, ch] / minutes[ch], minutes[ch], budget)

    high = left_out(0.0)
    if high <= 0:
        return 0.0
    low = 0.0
    for _ in range(12):
        mid = 0.5 * (low + high)
        if left_out(mid) > mid:
            low = mid
        else:
            high = mid
    return high


@dataclasses.dataclass
class Crowd:
    """What a crowded day does to the silent leads due today (arrays over the silent leads).

    `reach`: for a lead in the wings (`wait`), the day its turn comes at today's pace (UTC
    seconds; NaN otherwise), at most FAR_OFF_DAYS ahead. `far`: its turn is further off than
    that (or never comes: no minutes a day). `day_spent`: the minutes left today hold none of
    today's contacts (so the reason does not say they went to better leads).
    """

    reach: np.ndarray
    reach_local: np.ndarray
    far: np.ndarray
    day_spent: bool = False

    @property
    def waiting(self) -> np.ndarray:
        return ~np.isnan(self.reach)


def fill_day(need: np.ndarray, budget: float) -> np.ndarray:
    """Which of the contacts (best first, `need` minutes each) today's `budget` holds: the best
    in order while they fit, then any later one that still fits in what is left, so no minute
    goes unused while a contact that fits waits."""
    take = np.cumsum(need) <= budget
    left = budget - need[take].sum()
    for j in np.flatnonzero(~take).tolist():
        if left < need[j]:
            continue
        take[j] = True
        left -= need[j]
    return take


@dataclasses.dataclass
class Day:
    """The day planned, as its minutes are shared: when it begins (`start`: now, or on a
    Sunday Monday's opening) and ends (`until`: the next contact day's opening, at most a day
    later), its minutes left (`budget`), a whole day's minutes (`pace`: every later day's)
    and the minutes a try takes on each channel."""

    start: float
    until: float
    budget: float
    pace: float
    minutes: np.ndarray


def crowded_day(res: Chase, look, settings, day: Day, first: np.ndarray) -> Crowd:
    """Share the `budget` minutes of the `day` when the contacts due on it (by `until`) need
    more, in place.

    A minute gets a price (what the first contact left out would earn with it), and each of
    today's contacts is re-planned at it, which picks its channel (a 2-minute text may beat a
    6-minute call; every figure shown stays at your own cost). Then the day is filled best value
    per minute first (the agenda's priority), except that the leads `first` (the day's fresh
    enquiries) are taken whenever a whole day of `pace` minutes would take them, whatever
    took the rest of it (conversations, minutes logged), and the others share what they leave
    of `budget`. The others wait in the wings with the day their turn comes at `pace` minutes
    a day. Nobody is let go for the crowd, however far off their turn: the plan is made again
    every day, and a lead whose chase stops paying (it ages as it waits) is stopped for that.
    """
    budget, pace = max(0.0, day.budget), max(0.0, day.pace)  # below 0: none left
    start, minutes = day.start, day.minutes
    n = len(res.v)
    crowd = Crowd(np.full(n, np.nan), np.full(n, np.nan), np.zeros(n, dtype=bool))  # nobody waits
    today = res.due_by(day.until)
    crowd.day_spent = bool(today.any() and budget < minutes[res.channel[today]].min())
    price = minute_price_today(res, today, minutes, budget)
    if price <= 0:
        return crowd
    sel = np.flatnonzero(today)
    _price_channels(res, look, settings, sel, price, first[sel])
    need = minutes[res.channel[sel]]
    order = np.argsort(-res.ev[sel] / need, kind="stable")  # the agenda's priority
    need_left = need[order]
    answered = first[sel[order]] & fill_day(need_left, pace)  # as on a whole day
    left = max(0.0, budget - need_left[answered].sum())
    fits = answered | fill_day(np.where(answered, 0.0, need_left), left)
    later = order[~fits]
    ahead = np.cumsum(need[later]) - need[later]  # minutes of better leads ahead of each
    # working days until each lead's turn, at `pace` minutes a day, then calendar days
    turn = 1 + np.floor(ahead / pace) if pace > 0 else np.full(len(ahead), np.inf)
    days = np.maximum(1.0, np.round(turn * 7.0 / len(settings.contact_days)))
    wings = sel[later]
    crowd.reach[wings] = start + np.minimum(days, FAR_OFF_DAYS) * DAY
    crowd.far[wings] = days > FAR_OFF_DAYS
    return crowd


def _price_channels(res: Chase, look, settings, sel, price, fresh):
    """Re-choose the channel of today's leads `sel` at `price` a minute (in place): the figures
    stay at your own cost (same schedule, so the look-ahead already holds every channel's).
    `fresh` (over `sel`): the day's fresh enquiries, never let go for the crowd and reserved a
    whole day's minutes, so each takes the channel best at the price even when none earns it
    (the fewest of the crowd's minutes), where its chase there pays at your own cost or its
    first answer is owed: a fresh lead is never stopped for the crowd's price."""
    dear = dataclasses.replace(settings, hourly_cost=settings.hourly_cost + 60.0 * price)
    channel = res.channel.copy()
    for choice in np.unique(res.schedule[sel]).tolist():  # at the schedule each lead has
        part = np.flatnonzero(res.schedule[sel] == choice)
        priced = look(sel[part], dear, (choice,))
        # worth it at that price; or a fresh enquiry: its minutes are the crowd's whatever it
        # earns, so it loses least on the channel best at the price (a 2-minute text, not a
        # 6-minute call; before December 2026 it kept the channel best at your own cost), as
        # long as its chase on it still pays at your own cost or its first answer is owed
        rows = sel[part]
        own = res.total_by_channel[rows, priced.channel] > 0
        take = priced.total_by_channel[np.arange(len(part)), priced.channel] > 0
        take |= fresh[part] & (own | res.owed[rows])
        channel[sel[part[take]]] = priced.channel[take]
    res.choose(channel)
