"""The table of tries that planning (`batch`) and fitting (`history`) both read: each lead's
tries that did not bounce, oldest first, its first answer and the streak without progress; and
what one try is (`fold_companions`: a call, its voicemail and the email after it)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .records import BOUNCED, CHANNEL_INDEX, OPTED_OUT, OUTCOME_CODE, RESPONSE_CODES, Attempts
from .timing import DAY

CALL, LEFT_MESSAGE = CHANNEL_INDEX["call"], OUTCOME_CODE["left_message"]
MESSAGES = [CHANNEL_INDEX["email"], CHANNEL_INDEX["text"]]


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


def fold_companions(book, hours) -> None:
    """One try is a call, the voicemail left and the email after it (seed 000: leave a message,
    then send an email referring to it): an email or text that follows a voicemail on the same
    day of the lead's clock (`hours`, the plan's ContactHours), with no try between, is folded
    into the voicemail's try, in `book` (a records.Book) in place. It is then no try of its own:
    not on the spacing schedule, the count of tries, the weekly cap, nor a silent try in the
    reply rate `fit` learns by try. An answer or an opt-out it got is the try's (on the
    message's channel, as the answer came); a bounced one stays (its address is then known
    bad). The same day is the day no other try is planned (plan._rest_of_day), so a try the
    plan made is never folded (eval37 #4: the email the app asks for after a voicemail cost
    the next call two weeks)."""
    att = book.attempts
    if len(att.lead) < 2:
        return
    zones = hours.zone_index([zone if type(zone) is str else None for zone in book.zones])
    day = np.floor(hours.local_grouped(att.at, zones[att.lead]) / DAY)  # NaN: never the same
    companion = np.zeros(len(att.lead), dtype=bool)
    companion[1:] = (
        (att.lead[1:] == att.lead[:-1])
        & (att.channel[:-1] == CALL)
        & (att.outcome[:-1] == LEFT_MESSAGE)
        & np.isin(att.channel[1:], MESSAGES)
        & (att.outcome[1:] != BOUNCED)
        & (day[1:] == day[:-1])
    )
    if not companion.any():
        return
    fold = np.flatnonzero(companion)
    said = fold[np.isin(att.outcome[fold], [*RESPONSE_CODES, OPTED_OUT])]
    outcome, channel, progress = att.outcome.copy(), att.channel.copy(), att.progress.copy()
    outcome[said - 1], channel[said - 1] = att.outcome[said], att.channel[said]
    progress[said - 1] = att.progress[said]
    keep = ~companion
    book.attempts = Attempts(
        lead=att.lead[keep],
        at=att.at[keep],
        channel=channel[keep],
        outcome=outcome[keep],
        progress=progress[keep],
    )
