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
