"""What planning needs to know of each lead, derived from a `Book` with NumPy."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .priors import CHANNELS
from .records import (
    BOUNCED,
    CLOSED_KIND,
    ENGAGED,
    NAN,
    OPEN,
    OPTED_OUT,
    RECENT,
    RESPONSE_CODES,
    STATUS_KIND,
    UNREACHABLE,
    UNREADABLE,
    WAIT_PAUSED,
    WAIT_REVISIT,
    Book,
    codes,
    signal_masks,
)


@dataclass
class LeadBatch:
    """A chunk of leads as the planner sees them (index i = the i-th record)."""

    ids: list
    errors: dict
    kind: np.ndarray  # OPEN, ENGAGED, CLOSED_KIND, WAIT_PAUSED, WAIT_REVISIT, UNREADABLE, ...
    src: np.ndarray  # source index in the model (unknown sources: the pooled row)
    mask: np.ndarray  # signal bits
    tz: np.ndarray  # index into the plan's zones (ContactHours.zone_index)
    value: np.ndarray  # NaN when unknown
    created: np.ndarray
    k: np.ndarray  # silent tries before the first answer (a revisited lead restarts at 2)
    tries: np.ndarray  # every try that did not bounce (answered ones too): annoyance's count
    avail: np.ndarray  # channel bits the lead can be reached on now
    last_at: np.ndarray  # latest try that did not bounce (NaN: none)
    last_outcome: np.ndarray  # its outcome code, -1 for none
    streak: np.ndarray  # engaged leads: contacts in a row without progress
    resp_channel: np.ndarray  # channel of the latest answer, -1 for none
    mailing: np.ndarray  # mailing-list consent
    revisited: np.ndarray  # back from a revisit
    commit_at: np.ndarray
    commit_by: np.ndarray
    paused: np.ndarray  # waiting leads: until when
    recent: np.ndarray  # (n, RECENT) latest attempt times, newest first, NaN-padded

    @property
    def n(self) -> int:
        return len(self.ids)

    @property
    def new(self) -> np.ndarray:
        """A new enquiry: never tried."""
        return (self.k == 0) & np.isnan(self.last_at)


def lead_batch(book: Book, src_index: dict, pooled: int, sig_bits: dict, hours, now):
    """The planner's view of a book (`hours`: the plan's ContactHours, which numbers zones)."""
    n, att = book.n, book.attempts
    lead, outcome, channel = att.lead, att.outcome, att.channel
    order = np.arange(len(lead))
    ok = outcome != BOUNCED  # everything below reads the attempts that did not bounce
    used = ok & (channel >= 0)
    dated = ok & ~np.isnan(att.at)
    reply = ok & np.isin(outcome, RESPONSE_CODES)
    first_reply = first_per_lead(lead[reply], order[reply], n, len(lead))
    responded = first_reply < len(lead)
    engaged = ok & (order >= first_reply[lead])
    k = np.bincount(lead[ok & ~engaged], minlength=n)
    kind = codes(STATUS_KIND, book.statuses, OPEN)
    kind[lead[ok & (outcome == OPTED_OUT)]] = CLOSED_KIND
    kind[responded & (kind == OPEN)] = ENGAGED
    avail = _reachable(book, used)
    live = (kind == OPEN) | (kind == ENGAGED)
    unreachable = live & (avail == 0)
    waiting = live & ~unreachable & (book.paused > now)
    parked = live & ~unreachable & ~waiting & (book.revisit > now)
    kind[unreachable], kind[waiting], kind[parked] = UNREACHABLE, WAIT_PAUSED, WAIT_REVISIT
    kind[list(book.errors)] = UNREADABLE
    revisited = (book.revisit <= now) & (kind == OPEN)
    after_revisit = np.bincount(lead[ok & (att.at >= book.revisit[lead])], minlength=n)
    return LeadBatch(
        ids=book.ids,
        errors=book.errors,
        kind=kind,
        src=codes(src_index, book.sources, pooled),
        mask=signal_masks(book.signals, sig_bits),
        tz=hours.zone_index([zone if type(zone) is str else None for zone in book.zones]),
        value=book.value,
        created=book.created,
        k=np.where(revisited, 2 + after_revisit, k),  # a revisited lead starts like a 3rd try
        tries=np.bincount(lead[ok], minlength=n),
        avail=avail,
        last_at=_last_per_lead(lead[dated], att.at[dated], n, NAN),
        last_outcome=_last_per_lead(lead[ok], outcome[ok], n, -1),
        streak=_streaks(book, engaged, first_reply, reply),
        resp_channel=_last_per_lead(lead[reply], channel[reply], n, -1),
        mailing=book.mailing.astype(np.int64),
        revisited=revisited.astype(np.int64),
        commit_at=book.commit_at,
        commit_by=book.commit_by,
        paused=np.where(waiting, book.paused, np.where(parked, book.revisit, NAN)),
        recent=_recent(lead, att.at, n),
    )


def _reachable(book: Book, used: np.ndarray) -> np.ndarray:
    """Channel bits a lead can be reached on: its own list, else call + email (+ text with the
    sms consent) and every channel used; minus each channel whose latest attempt bounced."""
    att, n, C = book.attempts, book.n, len(CHANNELS)
    bit = np.left_shift(1, np.maximum(att.channel, 0))
    reachable = np.where(book.sms, 7, 3)
    np.bitwise_or.at(reachable, att.lead[used], bit[used])
    reachable = np.where(book.own_channels >= 0, book.own_channels, reachable)
    has = att.channel >= 0
    key = att.lead[has] * C + att.channel[has]
    by_key = np.argsort(key, kind="stable")  # the attempts of one lead and channel, in order
    latest = np.ones(len(key), dtype=bool)
    latest[:-1] = key[by_key][1:] != key[by_key][:-1]
    gone = by_key[latest][att.outcome[has][by_key[latest]] == BOUNCED]
    bounced = np.zeros(n, dtype=np.int64)
    np.bitwise_or.at(bounced, key[gone] // C, bit[has][gone])
    return reachable & ~bounced


def _streaks(book: Book, engaged, first_reply, reply) -> np.ndarray:
    """Each lead's streak after its latest try (0 before it engaged)."""
    att = book.attempts
    first = np.arange(len(att.lead)) == first_reply[att.lead]
    after = streaks_after(engaged, first, att.progress, reply)
    return _last_per_lead(att.lead[engaged], after[engaged], book.n, 0)


def streaks_after(engaged, first, progress, reply) -> np.ndarray:
    """Contacts in a row without progress since the lead engaged, after each try of a flat
    table of tries lead by lead (seed 002: time to move on): the lead's first answer (`first`)
    and a contact that made progress start it again at 0, a contact that made none or got no
    answer adds one. Read it at the `engaged` tries (from the first answer on)."""
    order = np.arange(len(engaged))
    reset = first | (engaged & (progress == 1))
    step = engaged & ~reset & ((progress == 0) | ~reply)
    made = np.cumsum(step)
    return made - made[np.maximum.accumulate(np.where(reset, order, 0))]


def _recent(lead: np.ndarray, at: np.ndarray, n: int) -> np.ndarray:
    """The latest RECENT dated attempt times per lead, newest first (every attempt counts for
    the rolling-week cap, bounced or not)."""
    dated = ~np.isnan(at)
    lead, at = lead[dated], at[dated]
    out = np.full((n, RECENT), np.nan)
    ends = np.cumsum(np.bincount(lead, minlength=n))
    back = ends[lead] - 1 - np.arange(len(lead))  # 0 = the newest attempt of its lead
    keep = back < RECENT
    out[lead[keep], back[keep]] = at[keep]
    return out


def _last_per_lead(owner, values, n, fill):
    """values[j] of each lead's last entry (`owner` ascending); `fill` for leads without one."""
    out = np.full(n, fill, dtype=values.dtype)
    last = np.ones(len(owner), dtype=bool)
    last[:-1] = owner[1:] != owner[:-1]
    out[owner[last]] = values[last]
    return out


def first_per_lead(owner, values, n, fill):
    """values[j] of each lead's first entry (`owner` ascending); `fill` for leads without one."""
    return _last_per_lead(owner[::-1], values[::-1], n, fill)
