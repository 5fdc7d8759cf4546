"""What planning needs to know of each lead, derived from a `Book` with NumPy."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .priors import CHANNELS, CLOSED
from .records import BOUNCED, NAN, OPTED_OUT, RECENT, Book, codes, signal_masks
from .tries import fold_companions, last_per_lead, try_table

REVISIT_PLACE = 2  # a lead back from a chase's revisit starts again like a 3rd try (0 = a 1st)


class Kind:
    """What a lead is to the planner (`LeadBatch.kind`): plain ints, as NumPy stores them."""

    OPEN, ENGAGED, CLOSED, WAIT_PAUSED, WAIT_REVISIT, UNREADABLE, UNREACHABLE, WAIT_HELD = range(8)


STATUS_KIND = {**dict.fromkeys(CLOSED, Kind.CLOSED), "engaged": Kind.ENGAGED}

# sources of leads who never wrote in (the app's leads.models.OUTBOUND_SOURCES): every other
# source, an unknown one too, is someone who came to us
COLD_LISTS = frozenset({"cold_outreach", "purchased_list"})


@dataclass
class LeadBatch(Book):
    """A chunk of leads as the planner sees them (index i = the i-th record): the book's
    columns, and what planning derives from them."""

    kind: np.ndarray  # Kind: open, engaged, closed, waiting, unreadable, unreachable
    src: np.ndarray  # source index in the model (unknown sources: the pooled row)
    mask: np.ndarray  # signal bits
    tz: np.ndarray  # index into the plan's zones (ContactHours.zone_index)
    k: np.ndarray  # silent tries before the first answer (a lead back from a chase restarts at 2)
    tries: np.ndarray  # every try that did not bounce (answered ones too): annoyance's count
    avail: np.ndarray  # channel bits the lead can be reached on now
    last_at: np.ndarray  # latest try that did not bounce (NaN: none)
    last_outcome: np.ndarray  # its outcome code, -1 for none
    streak: np.ndarray  # engaged leads: contacts in a row without progress
    open_again: np.ndarray  # an open lead planned as a conversation (it answered before)
    resp_channel: np.ndarray  # channel of the latest answer, -1 for none
    revisited: np.ndarray  # back from a revisit (an imported contact too)
    restarted: np.ndarray  # ... after tries before it: its k restarts at REVISIT_PLACE
    waits_until: np.ndarray  # a paused or parked lead: until when
    recent: np.ndarray  # (n, RECENT) latest attempt times, newest first, NaN-padded

    @property
    def new(self) -> np.ndarray:
        """A new enquiry: never tried, and not back from a revisit (an imported contact is
        someone we come back to, not an enquiry waiting for its answer)."""
        return (self.k == 0) & np.isnan(self.last_at) & (self.revisited == 0)

    @property
    def asked(self) -> np.ndarray:
        """A new enquiry that came to us (any source but a cold list): a first answer is owed
        whatever its value (seed 000: not responding does more damage than responding late)."""
        cold = np.fromiter((s in COLD_LISTS for s in self.sources), bool, count=self.n)
        return self.new & ~cold


def lead_batch(book: Book, model, hours, now):
    """The planner's view of a book: its sources and signals as `model` learned them, its zones
    numbered by `hours` (the plan's ContactHours)."""
    n = book.n
    fold_companions(book, hours)  # a voicemail's email is part of its try
    tried = try_table(book.attempts, np.arange(n), n)
    lead = tried.lead
    kind = codes(STATUS_KIND, book.statuses, Kind.OPEN)
    kind[lead[tried.outcome == OPTED_OUT]] = Kind.CLOSED
    open_again = (tried.first < len(lead)) & (kind == Kind.OPEN)
    kind[open_again] = Kind.ENGAGED
    avail = _reachable(book)
    live = (kind == Kind.OPEN) | (kind == Kind.ENGAGED)
    unreachable = live & (avail == 0)
    waiting = live & ~unreachable & (book.paused > now)
    parked = live & ~unreachable & ~waiting & (book.revisit > now)
    kind[unreachable] = Kind.UNREACHABLE
    kind[waiting] = Kind.WAIT_PAUSED
    kind[parked] = Kind.WAIT_REVISIT
    held = [i for i in book.holds if live[i]]  # before any other reason to wait, or to stop
    kind[held] = Kind.WAIT_HELD
    kind[list(book.errors)] = Kind.UNREADABLE
    revisited = (book.revisit <= now) & (kind == Kind.OPEN)
    after_revisit = np.bincount(lead[tried.at >= book.revisit[lead]], minlength=n)
    # only a lead chased before its revisit restarts like a 3rd try; one never tried before it
    # (an imported contact) counts its own tries, as `fit` learns every source's curve
    restarted = revisited & (tried.count > after_revisit)
    silent = np.bincount(lead[~tried.engaged], minlength=n)
    dated, engaged, reply = ~np.isnan(tried.at), tried.engaged, tried.reply
    return LeadBatch(
        **vars(book),
        kind=kind,
        open_again=open_again.astype(np.int64),
        src=codes(model.source_index(), book.sources, model.pooled),
        mask=signal_masks(book.signals, model.signal_bits()),
        tz=hours.zone_index([zone if type(zone) is str else None for zone in book.zones]),
        k=np.where(restarted, REVISIT_PLACE + after_revisit, silent),
        tries=tried.count,
        avail=avail,
        last_at=last_per_lead(lead[dated], tried.at[dated], n, NAN),
        last_outcome=last_per_lead(lead, tried.outcome, n, -1),
        streak=last_per_lead(lead[engaged], tried.streak[engaged], n, 0),
        resp_channel=last_per_lead(lead[reply], tried.channel[reply], n, -1),
        revisited=revisited.astype(np.int64),
        restarted=restarted.astype(np.int64),
        waits_until=np.where(waiting, book.paused, np.where(parked, book.revisit, NAN)),
        recent=_recent(book.attempts.lead, book.attempts.at, n),
    )


def _reachable(book: Book) -> np.ndarray:
    """Channel bits a lead can be reached on: its own list, else call + email (+ text with the
    sms consent) and every other channel used (a visit made; never a text without the
    consent); minus each channel whose latest attempt bounced."""
    att = book.attempts
    call_email = (1 << CHANNELS.index("call")) | (1 << CHANNELS.index("email"))
    usual = np.where(book.sms, call_email | (1 << CHANNELS.index("text")), call_email)
    ok = att.outcome != BOUNCED
    bounced = np.zeros(book.n, dtype=np.int64)
    for c in range(len(CHANNELS)):
        on = att.channel == c
        if CHANNELS[c] != "text":
            usual[att.lead[on & ok]] |= 1 << c
        latest = last_per_lead(att.lead[on], att.outcome[on], book.n, -1)
        bounced[latest == BOUNCED] |= 1 << c
    return np.where(book.own_channels >= 0, book.own_channels, usual) & ~bounced


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
