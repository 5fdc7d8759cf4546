"""Hypothesis strategies: random leads and settings in (and around) the contract's format."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from hypothesis import strategies as st

from fairchase.policy.priors import KNOWN_SIGNALS

NOW = datetime(2024, 6, 12, 15, 30, tzinfo=UTC)  # a Wednesday
SOURCES = [
    "referral",
    "inbound_call",
    "walk_in",
    "web_form",
    "event",
    "cold_outreach",
    "purchased_list",
]
SIGNALS = list(KNOWN_SIGNALS)
ZONES = [
    None,
    "UTC",
    "America/Chicago",
    "America/New_York",
    "Europe/Berlin",
    "Australia/Sydney",
    "Asia/Kathmandu",
    "Pacific/Chatham",
    "America/St_Johns",
    "Not/A_Zone",
    "",
    "../etc",
]
CHANNELS = ["call", "email", "text", "visit", "fax", "pigeon"]
OUTCOMES = ["no_answer", "left_message", "talked", "replied", "bounced", "opted_out", "weird"]
STATUSES = ["open", "open", "open", "engaged", "won", "lost", "opted_out", "mystery"]
# the same statuses as people and other tools spell them, and ones the contract does not know
SPELLINGS = ["Opted out", "OPTED_OUT", "opted-out", "Won", " Lost ", "closed", "nurture", "", 3]

junk = st.one_of(st.none(), st.integers(), st.text(max_size=5), st.floats(allow_nan=True))


def when(max_days_back=120, max_days_ahead=0):
    seconds = st.integers(-max_days_back * 86400, max_days_ahead * 86400)
    return seconds.map(lambda s: NOW + timedelta(seconds=s))


def iso_or_dt(strategy):
    return st.one_of(strategy, strategy.map(lambda d: d.isoformat()))


@st.composite
def attempts(draw):
    n = draw(st.integers(0, 9))
    times = sorted(draw(st.lists(when(60), min_size=n, max_size=n)))
    out = []
    for at in times:
        item = {
            "at": draw(iso_or_dt(st.just(at))),
            "channel": draw(st.sampled_from(CHANNELS)),
            "outcome": draw(st.sampled_from(OUTCOMES)),
            "minutes": draw(st.floats(0, 60)),
        }
        if draw(st.booleans()):
            item["progress"] = draw(st.sampled_from([True, False, None]))
        if draw(st.integers(0, 9)) == 0:
            item["surprise"] = draw(junk)
        out.append(item)
    return out


@st.composite
def leads(draw, i=0):
    lead = {
        "id": f"lead-{i}",
        "source": draw(st.one_of(st.sampled_from(SOURCES), st.text(max_size=8), st.none())),
        "value": draw(st.one_of(st.none(), st.floats(0, 1e6), st.sampled_from([1000.0, 10000.0]))),
        "created_at": draw(iso_or_dt(when(200))),
        "timezone": draw(st.sampled_from(ZONES)),
        "signals": draw(
            st.lists(st.one_of(st.sampled_from(SIGNALS), st.text(max_size=6)), max_size=4)
        ),
        "consents": draw(
            st.lists(
                st.sampled_from(["mailing_list", "sms", "carrier_pigeon"]), max_size=3, unique=True
            )
        ),
        "attempts": draw(attempts()),
        "status": draw(st.sampled_from(STATUSES + SPELLINGS)),
        "won_value": None,
    }
    if draw(st.integers(0, 3)) == 0:
        lead["commitment"] = {
            "due": draw(iso_or_dt(when(10, 10))),
            "by": draw(st.sampled_from(["us", "lead", "nobody"])),
            "what": "call back",
            "channel": draw(st.sampled_from([None, 7, ["call"], *CHANNELS])),  # kept on it
        }
    if draw(st.integers(0, 4)) == 0:  # a list, or one channel named alone
        lists = st.lists(st.sampled_from(CHANNELS), max_size=3)
        lead["channels"] = draw(st.one_of(lists, st.sampled_from(CHANNELS)))
    if draw(st.integers(0, 6)) == 0:
        lead["paused_until"] = draw(when(10, 10))
    if draw(st.integers(0, 6)) == 0:
        lead["revisit_at"] = draw(when(100, 100))
    if draw(st.integers(0, 4)) == 0:
        lead["responded_at"] = draw(iso_or_dt(when(60)))
    if draw(st.integers(0, 6)) == 0:
        lead["owner"] = "sam"
    if draw(st.integers(0, 6)) == 0:
        lead[draw(st.text(min_size=1, max_size=6))] = draw(junk)
    return lead


@st.composite
def lead_lists(draw, max_size=12):
    n = draw(st.integers(0, max_size))
    return [draw(leads(i)) for i in range(n)]


@st.composite
def settings(draw):
    out = {}
    if draw(st.booleans()):
        start = draw(st.integers(0, 14))
        end = draw(st.integers(start + 2, 24))
        out["contact_hours"] = draw(
            st.sampled_from([f"{start:02d}:00-{end:02d}:00", (f"{start:02d}:30", f"{end:02d}:00")])
        )
    if draw(st.booleans()):
        out["max_attempts_per_week"] = draw(st.integers(1, 5))
    if draw(st.booleans()):
        out["hourly_cost"] = draw(st.floats(0, 500))
    if draw(st.booleans()):
        out["complaint_cost"] = draw(st.floats(0, 5000))
    if draw(st.booleans()):
        out["business_timezone"] = draw(st.sampled_from(ZONES[1:]))
    if draw(st.booleans()):
        out["default_value"] = draw(st.floats(0, 1e5))
    if draw(st.booleans()):
        out["minutes"] = {"call": draw(st.floats(0.5, 30)), "sms": 1}
    if draw(st.booleans()):
        out["margin"] = draw(st.floats(0, 1))
    if draw(st.integers(0, 4)) == 0:
        out["unknown_knob"] = draw(junk)
    return out
