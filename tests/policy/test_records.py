"""Lead records may be dataclasses too; odd values never raise."""

from __future__ import annotations

import dataclasses
import enum
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from types import MappingProxyType

import numpy as np
from hypothesis import given
from hypothesis import settings as hyp_settings
from hypothesis import strategies as st

from fairchase.policy import Settings, fit, plan
from fairchase.policy.batch import LeadBatch, lead_batch
from fairchase.policy.records import normalise, read_book
from fairchase.policy.timing import ContactHours

from .strategies import lead_lists

NOW = datetime(2024, 6, 12, 15, 30, tzinfo=UTC)


@dataclass
class Attempt:
    at: datetime
    channel: str
    outcome: str
    minutes: float = 5.0
    progress: bool | None = None


@dataclass
class Lead:
    id: str
    source: str
    value: float | None
    created_at: datetime
    timezone: str | None = None
    signals: list = field(default_factory=list)
    consents: list = field(default_factory=list)
    attempts: list = field(default_factory=list)
    status: str = "open"
    won_value: float | None = None


@dataclass
class BusinessSettings:
    hourly_cost: float = 80.0
    contact_hours: str = "09:00-17:00"


def test_dataclass_leads_and_settings_plan_like_dicts():
    lead = Lead(
        "a",
        "referral",
        4000.0,
        NOW - timedelta(days=3),
        attempts=[Attempt(NOW - timedelta(days=2), "call", "left_message")],
    )
    as_dict = {
        "id": "a",
        "source": "referral",
        "value": 4000.0,
        "created_at": NOW - timedelta(days=3),
        "timezone": None,
        "signals": [],
        "consents": [],
        "status": "open",
        "won_value": None,
        "attempts": [
            {
                "at": NOW - timedelta(days=2),
                "channel": "call",
                "outcome": "left_message",
                "minutes": 5.0,
                "progress": None,
            }
        ],
    }
    conf = BusinessSettings()
    assert plan(None, [lead], NOW, conf) == plan(None, [as_dict], NOW, vars(conf))
    assert Settings.from_any(conf).contact_hours == (540, 1020)


def test_settings_given_as_a_read_only_mapping_are_read_like_a_dict():
    given_settings = {"hourly_cost": 80.0, "contact_hours": "09:00-17:00", "daily_minutes": 30}
    read = Settings.from_any(MappingProxyType(given_settings))
    assert read == Settings.from_any(given_settings)
    assert read.contact_hours == (540, 1020) and read.daily_minutes == 30.0


def test_fit_accepts_dataclasses():
    won = Lead(
        "w",
        "web_form",
        900.0,
        NOW - timedelta(days=30),
        status="won",
        attempts=[Attempt(NOW - timedelta(days=29), "call", "talked")],
    )
    assert fit([won]).n_leads == 1


def test_odd_values_never_raise():
    leads = [
        {"id": 1, "value": "lots", "created_at": "yesterday", "attempts": [{"at": None}]},
        {
            "id": 2,
            "signals": "asked_price",
            "consents": None,
            "attempts": None,
            "commitment": {"due": "soon", "by": "us"},
            "channels": "call",
        },
        {"id": 3, "timezone": 42, "status": None, "source": 7},
    ]
    decisions = plan(None, leads, NOW, {"contact_hours": (25, -1), "minutes": {"call": "x"}})
    assert sorted(d["id"] for d in decisions) == [1, 2, 3]


class RaisingRecord:
    """A record object that cannot be read at all: every field raises."""

    def get(self, key, default=None):
        raise RuntimeError(key)


def test_a_record_that_cannot_be_read_waits_and_says_why_and_the_others_are_planned():
    fine = {"id": "fine", "source": "referral", "created_at": NOW - timedelta(days=1)}
    unreadable = [
        RaisingRecord(),
        {"id": "huge", "created_at": 10**400},  # no float holds it
        {"id": "promise", "created_at": NOW, "commitment": {"due": 10**400, "by": "us"}},
        {"id": "won", "created_at": NOW, "status": "won", "won_value": 10**400},
    ]
    decisions = {d["id"]: d for d in plan(None, [fine, *unreadable], NOW)}
    assert decisions["fine"]["action"] == "contact"
    assert [decisions[i]["reason"] for i in (None, "huge", "promise", "won")] == [
        "Wait: this record could not be read (RuntimeError); 0 attempts planned until it is fixed.",
        *[
            "Wait: this record could not be read (OverflowError); 0 attempts planned until it "
            "is fixed."
        ]
        * 3,
    ]
    # unreadable records teach nothing (an open lead never tried teaches only its value)
    assert fit([{**fine, "status": "lost"}, *unreadable]).n_leads == 1


class Channel(enum.StrEnum):
    EMAIL = "email"


def test_a_channel_named_by_a_str_enum_counts_whichever_reader_reads_the_record():
    lead = {"id": "a", "source": "referral", "created_at": NOW - timedelta(days=1)}
    as_dict = dict(lead, channels=[Channel.EMAIL])
    as_object = Lead("a", "referral", None, NOW - timedelta(days=1))
    as_object.channels = [Channel.EMAIL]  # type: ignore[attr-defined]
    for record in (as_dict, as_object):
        assert plan(None, [record], NOW)[0]["channel"] == "email"


def _regular(lead):
    """The lead in the shape the column-wise reader takes: aware datetimes (the strategies mix
    in ISO strings)."""
    lead = dict(lead)
    lead["created_at"] = datetime.fromisoformat(str(lead["created_at"]))
    lead["attempts"] = [dict(a, at=datetime.fromisoformat(str(a["at"]))) for a in lead["attempts"]]
    return lead


@hyp_settings(max_examples=60, deadline=None, database=None)
@given(lead_lists(max_size=16), st.integers(0, 3))
def test_regular_chunks_read_column_wise_match_records_normalised_one_by_one(leads, drop):
    leads = [_regular(lead) for lead in leads]
    for lead in leads[:drop]:  # some usual keys missing: read as None, like rec.get
        lead.pop("status", None)
        lead.pop("signals", None)
    model = fit([])
    hours_a, hours_b = (ContactHours((480, 1200), range(6), "UTC") for _ in range(2))
    fast = lead_batch(read_book(leads), model, hours_a, NOW.timestamp())
    normalised = lead_batch(
        read_book([normalise(r) for r in leads]), model, hours_b, NOW.timestamp()
    )
    assert list(hours_a.zone_names.items()) == list(hours_b.zone_names.items())
    assert fast.ids == normalised.ids and fast.errors == normalised.errors
    assert all("its status" in why for why in fast.errors.values())  # only unknown statuses
    for f in dataclasses.fields(LeadBatch):
        a, b = getattr(fast, f.name), getattr(normalised, f.name)
        if isinstance(a, np.ndarray):
            assert a.dtype == b.dtype, f.name
            np.testing.assert_array_equal(a, b, err_msg=f.name)
