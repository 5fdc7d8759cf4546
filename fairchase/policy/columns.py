"""Reading a chunk of open leads: column by column when the records are regular, else by the
general record loop in `records`."""

from __future__ import annotations

import operator
from datetime import datetime
from itertools import chain, repeat

import numpy as np

from .priors import CHANNELS, CLOSED, NO_CHANNEL, RESPONSES
from .records import (
    CHANNEL_INDEX,
    CLOSED_KIND,
    COMMON_KEYS,
    ENGAGED,
    N_COMMON,
    NAN,
    OPEN,
    OUTCOME_CODE,
    SEQUENCES,
    UNREACHABLE,
    WAIT_PAUSED,
    WAIT_REVISIT,
    LeadBatch,
    channel_bits,
    parse_records,
    read_commitment,
    to_ts,
)


def parse_leads(leads, src_index, pooled_src, sig_bits, tz_index, now_ts):
    """Parse a chunk of lead records into a LeadBatch.

    A chunk of plain dicts in the usual shape is read column by column (parse_regular); any
    other chunk, or one that trips it, is read by one Python pass over the records.
    """
    try:
        return parse_regular(leads, src_index, pooled_src, sig_bits, tz_index, now_ts)
    except Exception:  # Irregular, or a value a conversion rejects: the loop decides
        return parse_records(leads, src_index, pooled_src, sig_bits, tz_index, now_ts)


# ---- the column-wise reader for chunks of regular records ---------------------------------
# Most batches are plain dicts with aware datetimes (rows from one table). For those the Python
# loop in `records` spends most of its time on per-field and per-attempt bookkeeping; reading one
# field of the whole chunk at a time with map() and deriving the per-lead state with NumPy
# gives the same rows in about a third less time. Anything unusual is left to the loop, which
# stays the one place that knows every odd case, so the two never have to agree on those.

NoneType = type(None)
# values that can only match a str key when they are an exact str, as the loop requires
_PLAIN = frozenset({str, NoneType, int, float, bool})
_STATUS_KIND = {**dict.fromkeys(CLOSED, CLOSED_KIND), "engaged": ENGAGED}
_RESPONSE_CODES = sorted(OUTCOME_CODE[name] for name in RESPONSES)
_TZINFO = operator.attrgetter("tzinfo")


class Irregular(Exception):
    """A chunk parse_regular leaves to the general loop."""


def _field(records, key):
    """One field of every dict (None where absent), as `rec.get(key)` reads it."""
    return list(map(dict.get, records, repeat(key)))


def _fields(records, keys):
    """The columns `keys` of a list of dicts (None where absent), and whether every dict has
    every key. Then each dict is read by one itemgetter call while it is in the CPU cache: a
    pass per key over a large chunk would fetch every record from memory once per key."""
    if not records:
        return [() for _ in keys], True
    try:
        # every row has len(keys) fields: strict=True would only add a second pass over them
        return list(zip(*map(operator.itemgetter(*keys), records), strict=False)), True
    except KeyError:
        return [_field(records, key) for key in keys], False


def _codes(table, values, default):
    """`table.get(v, default)` for each value, over a table keyed by str. Only plain types are
    accepted, so a non-str value can never match a key (the loop ignores non-str values)."""
    if not set(map(type, values)) <= _PLAIN:
        raise Irregular
    return np.fromiter(map(table.get, values, repeat(default)), np.int64, len(values))


def _sequences(values):
    """Lists and tuples as they are, None as empty; any other value is irregular."""
    kinds = set(map(type, values))
    if not kinds <= {list, tuple, NoneType}:
        raise Irregular
    return [v or () for v in values] if NoneType in kinds else values


def _timestamps(values):
    """Epoch seconds of aware datetimes (strings, dates and naive times are irregular)."""
    if values and (set(map(type, values)) != {datetime} or None in set(map(_TZINFO, values))):
        raise Irregular
    return np.fromiter(map(datetime.timestamp, values), float, len(values))


def _owners(sequences):
    """For the flattened items of `sequences`, the index of the sequence each came from."""
    counts = np.fromiter(map(len, sequences), np.int64, len(sequences))
    return np.repeat(np.arange(len(sequences)), counts)


def _last_per_lead(owner, values, n, fill):
    """values[j] of each lead's last entry (`owner` ascending); `fill` for leads without one."""
    out = np.full(n, fill, dtype=values.dtype)
    last = np.ones(len(owner), dtype=bool)
    last[:-1] = owner[1:] != owner[:-1]
    out[owner[last]] = values[last]
    return out


def _first_per_lead(owner, values, n, fill):
    """values[j] of each lead's first entry (`owner` ascending); `fill` for leads without one."""
    out = np.full(n, fill, dtype=values.dtype)
    first = np.ones(len(owner), dtype=bool)
    first[1:] = owner[1:] != owner[:-1]
    out[owner[first]] = values[first]
    return out


def parse_regular(leads, src_index, pooled_src, sig_bits, tz_index, now_ts):
    """parse_leads for a chunk of plain dicts with aware datetimes: the same LeadBatch, read
    one field at a time. Raises Irregular (or what a conversion raises) for any other chunk."""
    n = len(leads)
    if not n or set(map(type, leads)) != {dict}:
        raise Irregular
    columns, complete = _fields(leads, COMMON_KEYS)
    ids, sources, values, signals, consents, zones, created, statuses, attempts = columns
    ids = list(ids)
    src = _codes(src_index, sources, pooled_src)
    if not set(map(type, values)) <= {float, int, NoneType}:
        raise Irregular
    value = np.array(values, dtype=float)  # None -> NaN
    value[~((value >= 0.0) & (value < 1e15))] = np.nan  # to_float's range (NaN fails it too)
    signals = _sequences(signals)
    mask = np.zeros(n, dtype=np.int64)
    names = list(chain.from_iterable(signals))
    np.bitwise_or.at(mask, _owners(signals), _codes(sig_bits, names, 0))
    consents = _sequences(consents)
    sms = np.fromiter(map(operator.contains, consents, repeat("sms")), bool, n)
    mailing = np.fromiter(map(operator.contains, consents, repeat("mailing_list")), bool, n)
    created = _timestamps(created)
    kind = _codes(_STATUS_KIND, statuses, OPEN)
    if not set(map(type, zones)) <= {str, NoneType}:
        raise Irregular

    # the optional keys: when every usual key is there, only longer records can have them.
    # They are read one by one, as the loop does (promises, pauses and revisits are rare).
    with_more = np.fromiter(map(len, leads), np.int64, n) != N_COMMON
    if not complete:
        with_more[:] = True
    own_channels = np.full(n, -1, dtype=np.int64)  # the bits of a lead's own list, -1: none
    commit_at = np.full(n, NAN)
    commit_by = np.zeros(n, dtype=np.int64)
    paused = np.full(n, NAN)
    revisit = np.full(n, NAN)
    for i in np.flatnonzero(with_more).tolist():
        g = leads[i].get
        channels, commitment = g("channels"), g("commitment")
        until, revisit_at = g("paused_until"), g("revisit_at")
        if isinstance(channels, SEQUENCES):  # [] means none: never contacted
            own_channels[i] = channel_bits(channels)
        if commitment:
            commit_at[i], commit_by[i] = read_commitment(commitment)
        if until is not None:
            until = to_ts(until)
            paused[i] = NAN if until is None else until
        if revisit_at is not None:
            revisit_at = to_ts(revisit_at)
            revisit[i] = NAN if revisit_at is None else revisit_at

    # ---- attempts: every attempt of the chunk in one flat list, lead by lead ----------------
    attempts = _sequences(attempts)
    flat = list(chain.from_iterable(attempts))
    if flat and set(map(type, flat)) != {dict}:
        raise Irregular
    m = len(flat)
    lead = _owners(attempts)
    outcome, channel, at, progress = _fields(flat, ("outcome", "channel", "at", "progress"))[0]
    at = _timestamps(at)
    outcome = _codes(OUTCOME_CODE, outcome, 0)  # unknown outcomes count as 0, as in the loop
    channel = _codes(CHANNEL_INDEX, channel, -1)
    progress_true = np.fromiter(map(operator.is_, progress, repeat(True)), bool, m)
    progress_false = np.fromiter(map(operator.is_, progress, repeat(False)), bool, m)
    order = np.arange(m)
    has_channel = channel >= 0
    bit = np.left_shift(1, np.maximum(channel, 0))

    # a channel is bounced when its latest attempt bounced
    is_bounce = outcome == OUTCOME_CODE["bounced"]
    bounced = np.zeros(n, dtype=np.int64)
    key = lead[has_channel] * len(CHANNELS) + channel[has_channel]
    by_key = np.argsort(key, kind="stable")  # attempts of one lead and channel, in order
    latest = np.ones(len(key), dtype=bool)
    latest[:-1] = key[by_key][1:] != key[by_key][:-1]
    gone = by_key[latest][is_bounce[has_channel][by_key[latest]]]
    np.bitwise_or.at(bounced, key[gone] // len(CHANNELS), bit[has_channel][gone])

    # everything below reads the attempts that did not bounce
    ok = ~is_bounce
    used = ok & has_channel
    # without a list of its own: call + email (+ text with consent) and every channel used
    reachable = np.where(sms, 7, 3)
    np.bitwise_or.at(reachable, lead[used], bit[used])
    reachable = np.where(own_channels >= 0, own_channels, reachable)
    reachable &= ~bounced
    prev = _last_per_lead(lead[used], channel[used], n, NO_CHANNEL)
    last_outcome = _last_per_lead(lead[ok], outcome[ok], n, -1)
    last_at = _last_per_lead(lead[ok], at[ok], n, NAN)
    after_revisit = np.bincount(lead[ok & (at >= revisit[lead])], minlength=n)  # NaN: none
    opted_out = np.zeros(n, dtype=bool)
    opted_out[lead[ok & (outcome == OUTCOME_CODE["opted_out"])]] = True
    # silent tries until the first reply; after it, contacts in a row without progress
    reply = ok & np.isin(outcome, _RESPONSE_CODES)
    first_reply = _first_per_lead(lead[reply], order[reply], n, m)
    responded = first_reply < m
    engaged = ok & (order >= first_reply[lead])
    k = np.bincount(lead[ok & ~engaged], minlength=n)
    resp_channel = _last_per_lead(lead[reply], channel[reply], n, -1)
    reset = engaged & ((order == first_reply[lead]) | progress_true)
    step = engaged & ~reset & (progress_false | ~reply)
    last_reset = _last_per_lead(lead[reset], order[reset], n, -1)
    streak = np.bincount(lead[step & (order > last_reset[lead])], minlength=n)

    kind[opted_out] = CLOSED_KIND
    kind[responded & (kind == OPEN)] = ENGAGED
    live = (kind == OPEN) | (kind == ENGAGED)
    unreachable = live & (reachable == 0)
    waiting = live & ~unreachable & (paused > now_ts)
    parked = live & ~unreachable & ~waiting & (revisit > now_ts)
    kind[unreachable] = UNREACHABLE
    kind[waiting] = WAIT_PAUSED
    kind[parked] = WAIT_REVISIT
    wait_until = np.where(waiting, paused, np.where(parked, revisit, NAN))
    tries = k  # silent tries ever made: what annoyance depends on, revisit or not
    revisited = (revisit <= now_ts) & (kind == OPEN)
    k = np.where(revisited, 2 + after_revisit, k)  # a revisited lead starts again like a 3rd try

    # new zones get the next index in order of first appearance, as in the loop
    for name in dict.fromkeys(zones):
        if name not in tz_index:
            tz_index[name] = len(tz_index)
    zone = np.fromiter(map(tz_index.__getitem__, zones), np.int64, n)
    columns = {
        "value": value,
        "created": created,
        "last_at": last_at,
        "commit_at": commit_at,
        "paused": wait_until,
        "src": src,
        "mask": mask,
        "tz": zone,
        "kind": kind,
        "k": k,
        "prev": prev,
        "avail": reachable,
        "mailing": mailing.astype(np.int64),
        "commit_by": commit_by,
        "streak": streak,
        "last_outcome": last_outcome,
        "revisited": revisited.astype(np.int64),
        "resp_channel": resp_channel,
        "tries": tries,
    }
    return LeadBatch(ids, columns, lead, at, {})
