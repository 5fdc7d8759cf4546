"""Whether this Fairchase can send texts: the one test every part asks (the plan's channels,
Today's drafts, the outbox, the worker, the text channel itself)."""

from __future__ import annotations

from django.conf import settings

# What a Twilio-compatible Messages API needs (see outreach/channels/text.py).
SETTINGS = ("SMS_API_URL", "SMS_ACCOUNT_SID", "SMS_AUTH_TOKEN", "SMS_FROM")
NOT_CONFIGURED = f"Texts are not configured ({', '.join(SETTINGS)})."


def configured() -> bool:
    """Every setting the text provider needs is set (read now: settings can change in tests)."""
    return all(getattr(settings, name, "") for name in SETTINGS)
