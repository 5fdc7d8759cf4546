"""The table of tries that planning (`batch`) and fitting (`history`) both read: each lead's
tries that did not bounce, oldest first, its first answer and the streak without progress."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .records import BOUNCED, RESPONSE_CODES, Attempts


@dataclass
class TryTable:
    """The tries that did not bounce (planning and fitting read only those), lead by lead,
    oldest first, with what follows from them."""

    lead: np.ndarray  # index of its lead among the leads taken
    at: np.ndarray
    channel: np.ndarray  # index into CHANNELS, -1 for an unknown channel
    outcome: np.ndarray
    reply: np.ndarray  # it got an answer
    first: np.ndarray  # per lead: the row of its first answer (len(lead) for none)
    engaged: np.ndarray  # from its lead's first answer on
    streak: np.ndarray  # after each engaged try: contacts in a row without progress
    count: np.ndarray  # per lead: its tries
    start: np.ndarray  # per lead: the row of its first try
    place: np.ndarray  # 0 for the lead's first try, 1 for its second...


def try_table(att: Attempts, lead_of: np.ndarray, n: int) -> TryTable:
    """The tries that did not bounce of the leads `lead_of` takes (each attempt's lead -> its
    index among the n taken, -1 to leave it out)."""
    take = (att.outcome != BOUNCED) & (lead_of[att.lead] >= 0)
    lead = lead_of[att.lead[take]]
    order = np.arange(len(lead))
    reply = np.isin(att.outcome[take], RESPONSE_CODES)
    # each lead's first answer: its last one, read backwards
    first = last_per_lead(lead[reply][::-1], order[reply][::-1], n, len(lead))
    engaged = order >= first[lead]
    count = np.bincount(lead, minlength=n)
    start = np.cumsum(count) - count
    return TryTable(
        lead=lead,
        at=att.at[take],
        channel=att.channel[take],
        outcome=att.outcome[take],
        reply=reply,
        first=first,
        engaged=engaged,
        streak=_streaks_after(engaged, order == first[lead], att.progress[take], reply),
        count=count,
        start=start,
        place=order - start[lead],
    )


def _streaks_after(engaged, first, progress, reply) -> np.ndarray:
    """Contacts in a row without progress since the lead engaged, after each try of a flat
    table of tries lead by lead (seed 002: time to move on): the lead's first answer (`first`)
    and a contact that made progress start it again at 0, a contact that made none or got no
    answer adds one. Read it at the `engaged` tries (from the first answer on)."""
    order = np.arange(len(engaged))
    reset = first | (engaged & (progress == 1))
    step = engaged & ~reset & ((progress == 0) | ~reply)
    made = np.cumsum(step)
    return made - made[np.maximum.accumulate(np.where(reset, order, 0))]


def last_per_lead(owner, values, n, fill):
    """values[j] of each lead's last entry (`owner` ascending); `fill` for leads without one."""
    out = np.full(n, fill, dtype=values.dtype)
    last = np.ones(len(owner), dtype=bool)
    last[:-1] = owner[1:] != owner[:-1]
    out[owner[last]] = values[last]
    return out
