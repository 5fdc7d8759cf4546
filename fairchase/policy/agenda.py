"""The agenda's order: value per minute first, new enquiries that make today's list on top."""

from __future__ import annotations

import numpy as np


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
