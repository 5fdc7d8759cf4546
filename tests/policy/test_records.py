"""Lead records may be dataclasses too; odd values never raise."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from fairchase.policy import Settings, fit, plan

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
