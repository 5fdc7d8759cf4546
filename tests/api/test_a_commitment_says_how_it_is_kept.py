"""A commitment's `channel` through the API: taken on the way in (a call back they asked
for is `call`), given back on the way out and on the agenda (null: any channel), and an unknown one is refused
with a message that names it and the channels there are, pinning nothing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from django.utils import timezone

TUESDAY_TEN = datetime(2026, 12, 8, 10, 0, tzinfo=UTC)  # a contact day, in the business's UTC


def _due() -> str:
    return (timezone.now() + timedelta(hours=5)).isoformat()


def test_a_channel_goes_in_and_comes_back(api, alice, make_lead, stop_clock):
    stop_clock(TUESDAY_TEN)
    lead = make_lead(alice, created_at=TUESDAY_TEN - timedelta(days=1))
    made = api(
        "POST",
        f"/leads/{lead.pk}/commitments",
        {"what": "Ring her back", "due_at": _due(), "channel": "call"},
    )
    assert made.status_code == 201 and made.json()["channel"] == "call"
    assert lead.commitments.get().channel == "call"
    any_way = api("POST", f"/leads/{lead.pk}/commitments", {"what": "Quote", "due_at": _due()})
    assert any_way.status_code == 201 and any_way.json()["channel"] is None
    listed = api("GET", f"/leads/{lead.pk}/commitments", None).json()
    assert sorted([c["channel"] or "" for c in listed]) == ["", "call"]
    today = api("GET", "/agenda", None).json()["commitments"]
    assert sorted([c["channel"] or "" for c in today]) == ["", "call"]


def test_an_unknown_channel_is_refused_with_a_message(api, alice, make_lead):
    lead = make_lead(alice)
    for channel in ("fax", "", "Call", 1):
        got = api(
            "POST",
            f"/leads/{lead.pk}/commitments",
            {"what": "Ring her back", "due_at": _due(), "channel": channel},
        )
        assert got.status_code == 422, channel
        (error,) = got.json()["errors"]
        assert error["loc"] == ["body", "payload", "channel"], error
        assert "'call', 'email', 'text' or 'visit'" in error["message"], error
    assert not lead.commitments.exists()
