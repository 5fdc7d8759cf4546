"""Where the model stops for a typical silent lead (for the Insights page)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from .plan import as_model, plan

_START = datetime(2024, 1, 8, 9, 0, tzinfo=UTC)  # a Monday morning; only spacing matters


def stop_attempt(model, source, value, settings=None, signals=(), max_attempts=20) -> int | None:
    """The attempt number at which `plan` stops a silent lead with no answer, or None if it never
    stops within `max_attempts`. Each try follows the channel and time `plan` chose."""
    model = as_model(model)
    lead = {
        "id": "typical",
        "source": source,
        "value": value,
        "created_at": _START,
        "timezone": None,
        "signals": list(signals),
        "consents": [],
        "attempts": [],
        "status": "open",
    }
    now = _START
    for attempt in range(1, max_attempts + 1):
        decision = plan(model, [lead], now, settings)[0]
        if decision["action"] != "contact":
            return attempt
        at = max(decision["due"], now)
        outcome = "left_message" if decision["channel"] == "call" else "no_answer"
        lead["attempts"].append(
            {"at": at, "channel": decision["channel"], "outcome": outcome, "minutes": 1.0}
        )
        now = at + timedelta(minutes=1)
        # the next plan runs when the next try would be due
        follow = plan(model, [lead], now, settings)[0]
        if follow["action"] == "contact" and follow["due"] > now:
            now = follow["due"]
    return None
