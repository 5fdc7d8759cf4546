"""What the articles teach, written as priors the data can overrule.

Every number here is a prior mean (log-odds or probability) with a prior
spread; `fit` shrinks the business's own history toward them, so a small
history borrows the articles' advice and a large one speaks for itself.
"""

from __future__ import annotations

import math
from collections import namedtuple

import numpy as np

K = 10  # attempts tracked separately; later attempts extrapolate attempt 10's rate
TAIL_SLOPE = 0.15  # log-odds lost per attempt beyond K (seed 002: late sales "are rare")
CHANNELS = ("call", "email", "text", "visit")
RESPONSES = frozenset({"replied", "talked"})
CLOSED = frozenset({"won", "lost", "opted_out"})

FADE_FULL = 5  # a signal's learned fade is complete by the 5th try


def logit(p: float) -> float:
    return math.log(p / (1.0 - p))


# Reply hazard of a typical (web-form-like) silent lead on attempt k: seed 004, "not getting
# through on the first, second or third try is the norm", and seed 000/001: 2-3 tries is enough.
POOLED_CURVE = (0.25, 0.10, 0.05, 0.02, 0.015, 0.012, 0.010, 0.009, 0.008, 0.007)
_LATE = tuple(
    (logit(POOLED_CURVE[0]) - logit(p)) / (logit(POOLED_CURVE[0]) - logit(POOLED_CURVE[1]))
    for p in POOLED_CURVE
)

# Source offsets (reply log-odds), P(win | reply) and complaint log-odds: seed 001 says referrals
# and direct enquiries deserve more persistence, web and cold outreach less; seed 003 warns that
# chasing people who only filled in a form breeds complaints.
SourcePrior = namedtuple("SourcePrior", "reply win complaint")  # reply, complaint: log-odds
SOURCE_PRIORS = {
    "referral": SourcePrior(0.7, 0.50, -0.5),
    "inbound_call": SourcePrior(0.6, 0.45, -0.4),
    "walk_in": SourcePrior(0.6, 0.45, -0.4),
    "web_form": SourcePrior(0.0, 0.20, 0.2),
    "event": SourcePrior(-0.2, 0.20, 0.0),
    "cold_outreach": SourcePrior(-0.9, 0.12, 0.6),
    "purchased_list": SourcePrior(-1.1, 0.10, 0.7),
}
UNKNOWN_SOURCE = SourcePrior(0.0, 0.25, 0.0)

# Seed 002: good and poor prospect signals, as (reply log-odds, win log-odds).
SignalPrior = namedtuple("SignalPrior", "reply win")
SIGNAL_PRIORS = {
    "asked_price": SignalPrior(0.4, 0.6),
    "asked_details": SignalPrior(0.3, 0.4),
    "stated_need": SignalPrior(0.4, 0.6),
    "initiated_contact": SignalPrior(0.5, 0.4),
    "kept_promise": SignalPrior(0.5, 0.6),
    "vague": SignalPrior(-0.3, -0.5),
    "no_specific_interest": SignalPrior(-0.5, -0.7),
    "short_conversation": SignalPrior(-0.3, -0.4),
    "missed_promise": SignalPrior(-0.6, -0.6),
    "distracted": SignalPrior(-0.3, -0.4),
}
KNOWN_SIGNALS = tuple(SIGNAL_PRIORS)

# Channel effects on reply log-odds relative to a call (seed 002: the phone is the best tool;
# seed 001: an email or text after voicemails reaches people who prefer writing).
CHANNEL_REPLY = (0.0, -0.5, -0.3, 0.3)
CHANNEL_COMPLAINT = (0.0, -0.4, 0.2, 0.5)

# Spacing buckets. First attempt: delay since the enquiry (seed 000: respond ASAP).
# Later attempts: gap since the previous try (seed 000: don't ring again in a couple of hours).
FIRST_DELAY_EDGES = (3600.0, 86400.0, 3 * 86400.0)  # <1h, 1h-1d, 1-3d, >3d
GAP_EDGES = (86400.0, 4 * 86400.0, 14 * 86400.0)  # <1d, 1-4d, 4-14d, >14d
SPACING_PRIORS = (0.0, -0.15, -0.4, -0.8, -0.4, 0.0, 0.15, 0.05)
SPACING_REFERENCE = (0, 5)  # first try within the hour; later tries 1-4 days apart
TYPICAL_BUCKET = (0, 5, 6, 7, 7, 7, 7, 7, 7, 7)  # the default schedule, per attempt number

# Leads cool off (seed 002: "wait longer and your prospect might forget ... lose interest").
# The learned age effect is a curve in u = log(1 + age in days), linear between knots
# AGE_STEP apart (0, 0.6, 1.5, 2.9, 5, 8.5, 14, 22, 36, 56, 89 days; flat beyond), a random
# walk from knot to knot with a step size the data set (empirical Bayes). Each step's prior
# mean is AGE_SLOPE (the articles' -0.5 by two months): the curve at the cold start, and
# where the history has no tries.
AGE_STEP = 0.45
AGE_KNOTS = 11
AGE_SLOPE = -0.055
AGE_BINS_PER_KNOT = 3  # tries are counted in bins a third of a knot wide

# Schedules the look-ahead chooses from (days after attempt 1, 2, 3 and later). The first is
# the articles' (seeds 000, 002): ~2 days, then about a week, then a few weeks.
SCHEDULES = (
    (2.0, 7.0, 21.0),
    (2.0, 3.0, 4.0),
    (3.0, 7.0, 7.0),
    # next day, then every few days: for buyers whose interest cools within days, when the
    # history's age and gap effects say so
    (1.0, 2.0, 4.0),
)
# Time preference: value expected d days from now counts exp(-d / this). A sale next quarter is
# worth less than one this month, and a lead chased slowly stays open (and cooling) for months.
TIME_PREFERENCE = 90.0 * 86400.0  # 90 days
FORWARD_DAYS = 8  # a day with minutes to spare brings forward follow-ups due within this
GRACE = 86400.0  # seed 000: a lead who promised to call and did not gets another day
OWED = 0.01  # seed 000: the least an enquiry's owed first answer is worth (Chase.choose)

# Complaint / opt-out risk per attempt: small, growing with persistence and with pressure.
COMPLAINT_BASE = logit(0.002)
COMPLAINT_PER_ATTEMPT = 0.25
COMPLAINT_PER_RECENT = 0.6  # per attempt in the 7 days before this one
COMPLAINT_CAUTION = 1.0  # price annoyance at the 84th percentile of its estimated risk

# Engaged leads (seed 002): each contact without progress makes the sale less likely.
ENGAGED_DECAY = 0.5
ENGAGED_REMAINING = 2.5  # expected contacts still needed once engaged
ENGAGED_J = 6

WIN_LATE = -0.05  # a reply that took more tries is a slightly weaker lead: log-odds at the 2nd try


def late_shape(k):
    """How far an answer at attempt index k (0 = the first try, K - 1 for all later ones) is
    into the lesser win of a late answer, in units of its 2nd try: the articles' reply curve's
    fall from the first try, over its first step (0, 1, 1.7, 2.5, 2.8, 3.0, ... 3.5). Late
    answers win less because the keen buyers answer early and leave, the selection that bends
    the reply curve; so the lesser win levels off where the curve does, instead of falling on
    as a straight line in the try number (which put a 10th try's win at a tenth of the
    first's where the simulated worlds' levels off at about four fifths; experiments.md)."""
    return np.asarray(_LATE)[np.minimum(np.asarray(k), K - 1)]


DEFAULT_VALUE = 1000.0

# The articles' first-try chance (POOLED_CURVE[0]) weighs as much as this many leads' first tries:
# its prior sd is 1 / sqrt(n p (1 - p)), 0.52 log-odds, a 95% range of 11% to 48% for a business's
# first try against the articles' 25%. With a sd of 1.5 (worth 2.4 leads) one lead that answered
# moved every source's chance by 1.4 log-odds (eval26 finding 1). A history of a few hundred
# leads still speaks for itself.
CURVE_LEADS = 20


def _worth(leads: float, p: float) -> float:
    """The log-odds sd of a prior on a chance `p` worth as much as `leads` observations of it."""
    return 1.0 / math.sqrt(leads * p * (1.0 - p))


# Prior spreads (standard deviations, log-odds).
SD = {
    "curve": _worth(CURVE_LEADS, POOLED_CURVE[0]),
    "curve_step": 0.4,
    "steepness": 0.5,
    "signal_fade": 0.4,
    "source": 0.7,
    "source_k": 0.2,
    "signal": 0.5,
    "channel": 0.5,
    "spacing": 0.4,
    "age_step": 0.2,  # the random walk's starting step size (then set by the data)
    "c_base": 0.7,
    "c_attempt": 0.15,
    "c_recent": 0.25,
    "win_base": 1.5,
    "win_late": 0.3,
}


def source_prior(name: str) -> SourcePrior:
    return SOURCE_PRIORS.get(name, UNKNOWN_SOURCE)


def fade(k):
    """How far attempt index k (0 = the first try) is into a signal's fade: 0 at the first
    try, 1 from the FADE_FULL-th on (NumPy arrays or numbers)."""
    return np.minimum(k, FADE_FULL - 1) / (FADE_FULL - 1)


def signal_prior(name: str) -> SignalPrior:
    return SIGNAL_PRIORS.get(name, SignalPrior(0.0, 0.0))
