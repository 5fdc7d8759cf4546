"""The history as the rows each sub-model of `fit` counts: named tables (a dataclass of
1-D arrays each) built with NumPy from the tries that did not bounce (`batch.try_table`, the
one planning reads)."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Self

import numpy as np

from . import priors as P
from .glm import aggregate
from .lookahead import tries_in_week_before
from .model import age_bins, gap_buckets
from .records import OPTED_OUT
from .tries import TryTable, try_table


@dataclass
class Table:
    """A dataclass of named integer columns of equal length, one entry per row."""

    def __len__(self) -> int:
        return len(getattr(self, fields(self)[0].name))

    def cells(self, outcome: str, skip: tuple = ()) -> tuple[Self, np.ndarray]:
        """Each distinct row of the other columns (but `skip`, left 0) once, with `outcome`
        holding how many of its rows had it; and how many rows there were of each."""
        names = [f.name for f in fields(self) if f.name != outcome and f.name not in skip]
        keys = np.stack([getattr(self, name) for name in names], axis=1)
        uniq, trials, succ = aggregate(keys, getattr(self, outcome))
        columns = {name: uniq[:, i] for i, name in enumerate(names)}
        columns.update({name: np.zeros(len(uniq), dtype=np.int64) for name in skip})
        return type(self)(**columns, **{outcome: succ}), trials


@dataclass
class SilentTries(Table):
    """The reply model's rows: every try up to the lead's first answer."""

    source: np.ndarray
    k: np.ndarray  # attempt number - 1 (K - 1 for all later ones)
    signals: np.ndarray  # signal bits
    channel: np.ndarray
    spacing: np.ndarray  # bucket of the wait before it (gap_buckets)
    age: np.ndarray  # fine bin of the lead's age then (age_bins)
    replied: np.ndarray


@dataclass
class Tries(Table):
    """The complaint model's rows: every try."""

    source: np.ndarray
    tries: np.ndarray  # the try's number (1..15)
    recent: np.ndarray  # tries in the week before it (0..RECENT_CAP)
    channel: np.ndarray
    engaged: np.ndarray  # after the lead's first answer
    opted_out: np.ndarray  # a complaint: an opt-out after a silent try


@dataclass
class Answers(Table):
    """The win model's rows: finished leads that answered."""

    lead: np.ndarray  # index among the kept leads
    source: np.ndarray
    signals: np.ndarray
    k: np.ndarray  # the answer's attempt number - 1 (K - 1 for all later ones)
    won: np.ndarray


@dataclass
class Contacts(Table):
    """How conversations end: every contact of a finished lead after its first answer."""

    lead: np.ndarray
    streak: np.ndarray  # contacts in a row without progress before it (up to ENGAGED_J - 1)
    left: np.ndarray  # contacts from this one to the end
    won: np.ndarray


@dataclass
class Rows:
    """What each sub-model counts."""

    silent: SilentTries
    tries: Tries
    answers: Answers
    contacts: Contacts
    n_leads: int


def walk(book, keep, lead_src, masks) -> Rows:
    """Every try of the kept leads that did not bounce, as the rows each sub-model counts."""
    n = len(keep)
    kept = np.full(book.n, -1)
    kept[keep] = np.arange(n)
    tried = try_table(book.attempts, kept, n)
    tried.channel = np.maximum(tried.channel, 0)  # an unknown channel counts as a call
    status = np.array([book.statuses[i] for i in keep], dtype=object)
    won, opted_out = status == "won", status == "opted_out"
    finished = won | opted_out | (status == "lost")  # closed (P.CLOSED)
    return Rows(
        silent=_silent_tries(tried, lead_src, masks, book.created[keep]),
        tries=_tries(tried, lead_src, opted_out),
        answers=_answers(tried, lead_src, masks, finished, won),
        contacts=_contacts(tried, finished, won),
        n_leads=n,
    )


def _silent_tries(tried: TryTable, lead_src, masks, created) -> SilentTries:
    """The tries up to each lead's first answer, with the wait before each (since the enquiry
    for a first try) and the lead's age then."""
    lead, at, place = tried.lead, tried.at, tried.place
    before = np.maximum(np.arange(len(lead)) - 1, 0)  # the lead's previous try, when place > 0
    since = np.where(place > 0, at[before], created[lead])
    sel = np.arange(len(lead)) <= tried.first[lead]
    lead, at, place = lead[sel], at[sel], place[sel]
    return SilentTries(
        source=lead_src[lead],
        k=np.minimum(place, P.K - 1),
        signals=masks[lead],
        channel=tried.channel[sel],
        spacing=gap_buckets(at - since[sel], place + 1),
        age=age_bins(at - created[lead]),
        replied=tried.reply[sel].astype(np.int64),
    )


def _tries(tried: TryTable, lead_src, opted_out) -> Tries:
    """Every try, with those in the week before it; an opt-out after a silent try is a
    complaint ("no, and remove me" is a reply), and so is a lead's opted-out status after
    its last try when no try says so."""
    lead, outcome = tried.lead, tried.outcome
    said = np.bincount(lead[outcome == OPTED_OUT], minlength=len(tried.count)) > 0
    last = tried.place == tried.count[lead] - 1
    complaint = (outcome == OPTED_OUT) | ((opted_out & ~said)[lead] & last & ~tried.reply)
    return Tries(
        source=lead_src[lead],
        tries=np.minimum(tried.place + 1, 15),
        recent=tries_in_week_before(lead, tried.at),
        channel=tried.channel,
        engaged=(np.arange(len(lead)) > tried.first[lead]).astype(np.int64),
        opted_out=complaint.astype(np.int64),
    )


def _answers(tried: TryTable, lead_src, masks, finished, won) -> Answers:
    """Finished leads that answered (a win counts as an answer, at the last try if none)."""
    answered = tried.first < len(tried.lead)
    k = np.where(answered, tried.first - tried.start, tried.count - 1)
    li = np.flatnonzero(finished & (answered | won))
    k = np.clip(k[li], 0, P.K - 1)
    return Answers(
        lead=li, source=lead_src[li], signals=masks[li], k=k, won=won[li].astype(np.int64)
    )


def _contacts(tried: TryTable, finished, won) -> Contacts:
    """The contacts of finished leads after their first answer, each with the streak before it."""
    lead, order = tried.lead, np.arange(len(tried.lead))
    sel = np.flatnonzero((order > tried.first[lead]) & finished[lead])
    return Contacts(
        lead=lead[sel],
        streak=np.minimum(tried.streak[sel - 1], P.ENGAGED_J - 1),
        left=(tried.start + tried.count)[lead[sel]] - sel,
        won=won[lead[sel]].astype(np.int64),
    )
