"""The agenda's order: value per minute first, new enquiries that make today's list on top."""

from __future__ import annotations

import dataclasses

import numpy as np

from .lookahead import pick_channel


def agenda_order(out, prio):
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


def lift_new_enquiries(out, prio, extra, settings, band):
    """Put new enquiries that make today's agenda at the top (see plan's module docstring)."""
    minutes, is_new = extra
    today = np.nonzero(minutes > 0)[0]
    if not len(today):
        return
    order = today[np.argsort(-prio[today], kind="stable")]
    used = np.cumsum(minutes[order])
    over = np.nonzero(used > settings.daily_minutes)[0]
    cutoff = prio[order[over[0]]] if len(over) else -np.inf
    for i in today[(is_new[today] > 0) & (prio[today] > cutoff)].tolist():
        prio[i] += band
        out[i]["priority"] = float(prio[i])


def minute_price(per_minute, minutes, budget):
    """What one more minute is worth today: the value per minute of the first contact due today
    that no longer fits in `budget` minutes (0 when every contact fits)."""
    if not np.isfinite(budget):
        return 0.0
    # at most `fit` contacts fit in the budget, so only the best fit + 1 need sorting
    fit = int(budget // max(float(minutes.min()), 1e-9)) + 1 if len(minutes) else 0
    if len(per_minute) > 4 * fit + 64:
        top = np.argpartition(-per_minute, fit)[: fit + 1]
        order = top[np.argsort(-per_minute[top], kind="stable")]
    else:
        order = np.argsort(-per_minute, kind="stable")
    used = np.cumsum(minutes[order])
    over = np.nonzero(used > budget)[0]
    return max(0.0, float(per_minute[order[over[0]]])) if len(over) else 0.0


def minute_price_today(res, today, minutes, budget, steps=12):
    """What a minute is worth today when today's contacts need more minutes than `budget`:
    the value per minute of the first contact left out. Priced minutes make cheaper channels
    worth choosing, which fits more contacts and lowers the price: the fixed point is found
    by bisection (0 when everything fits)."""
    due = np.nonzero(today)[0]
    if not len(due):
        return 0.0
    total = np.where(res["all_total"][due] > 0, res["all_total"][due], -np.inf)
    ev = res["all_ev"][due]
    rows = np.arange(len(due))

    def left_out(price):
        ch = (total - price * minutes[None, :]).argmax(axis=1)
        return minute_price(ev[rows, ch] / minutes[ch], minutes[ch], budget)

    high = left_out(0.0)
    if high <= 0:
        return 0.0
    low = 0.0
    for _ in range(steps):
        mid = 0.5 * (low + high)
        if left_out(mid) > mid:
            low = mid
        else:
            high = mid
    return high


def crowded_day(res, look, n_schedules, settings, minutes_list, budget, now):
    """Re-plan today's contacts at today's minute price, in place. Returns two arrays over the
    silent leads, NaN except for those let go for the price: the worth today of the minutes
    each would take, and what its chase is worth at your own cost.

    The price steers how (a 2-minute text may beat a 6-minute call). A lead is let go for it
    only when everything it may still bring at your own cost does not pay for the minutes it
    would take from today; the others keep their plan whatever the price says.
    """
    crowd = np.full(len(res["v"]), np.nan)
    minutes = np.array(minutes_list)
    today = (res["v"] > 0) & (res["due"] < now + 86400.0)
    price = minute_price_today(res, today, minutes, budget)
    if price <= 0:
        return crowd, crowd
    sel = np.nonzero(today)[0]
    worth = price * minutes[res["channel"][sel]]
    outpriced = res["v"][sel] <= worth
    # no channel pays at the price: let go without re-planning (the bound is never below the
    # re-planned value, since every later step costs more at the price too)
    bound = (res["all_total"][sel] - price * minutes[None, :]).max(axis=1)
    gone = outpriced & (bound <= 0)
    crowd[sel[gone]] = worth[gone]
    sel, outpriced, worth = sel[~gone], outpriced[~gone], worth[~gone]
    dear = dataclasses.replace(settings, hourly_cost=settings.hourly_cost + 60.0 * price)
    channel = res["channel"].copy()
    for choice in range(n_schedules):  # at the schedule each lead already has
        part = np.nonzero(res["schedule"][sel] == choice)[0]
        if not len(part):
            continue
        priced = look(sel[part], dear, (choice,))
        take = priced["v"] > 0
        channel[sel[part[take]]] = priced["channel"][take]
        lost = ~take & outpriced[part]
        crowd[sel[part[lost]]] = worth[part[lost]]
    # the price chose the channel; the figures stay at your own cost (same schedule, so the
    # first look-ahead already holds every channel's own-cost value)
    pick_channel(res, channel)
    let_go = np.nonzero(crowd == crowd)[0]
    chase = np.full(len(crowd), np.nan)
    chase[let_go] = res["v"][let_go]  # at your own cost, for the reason
    res["v"][let_go] = np.minimum(res["v"][let_go], 0.0)  # a stop
    return crowd, chase
