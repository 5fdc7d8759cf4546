"""A commitment's `channel` through the API: taken on the way in (a call back they asked
for is `call`), given back on the way out (null: any channel), and an unknown one is refused
with a message that names it and the channels there are, pinning nothing."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone


def _due() -> str:
    return (timezone.now() + timedelta(days=1)).isoformat()


def test_a_channel_goes_in_and_comes_back(api, alice, make_lead):
    lead = make_lead(alice)
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


def test_an_unknown_channel_is_refused_with_a_message(api, alice, make_lead):
    lead = make_lead(alice)
    for channel in ("fax", "", "Call", 1):
        got = api(
            "POST",
            f"/leads/{lead.pk}/commitments",
            {"what": "Ring her back", "due_at": _due(), "channel": channel},
        )
        assert got.status_code == 422, channel
        (error,) = got.json()["detail"]
        assert error["loc"] == ["body", "payload", "channel"], error
        assert "'call', 'email', 'text' or 'visit'" in error["msg"], error
    assert not lead.commitments.exists()
