"""When a message may reach a person: the decision core's own contact hours (in the
lead's zone, Sunday excluded) and weekly cap, read from the database for one lead.
The rules live in `fairchase.policy.window`; nothing here re-implements them."""

from __future__ import annotations

from datetime import datetime

from fairchase.leads.models import Attempt, BusinessSettings, Lead
from fairchase.policy.window import CAP, HOURS, next_contact_time

__all__ = ["CAP", "HOURS", "send_window"]


def send_window(
    now: datetime, lead: Lead, business: BusinessSettings | None = None
) -> tuple[datetime, str]:
    """(earliest time a message may go to this lead, "" / "cap" / "hours": what held it back)."""
    business = business or BusinessSettings.current()
    settings = business.to_policy()
    recent = Attempt.objects.filter(lead=lead).order_by("-at", "-pk").values_list("at", flat=True)
    times = list(recent[: max(1, int(settings["max_attempts_per_week"]))])
    return next_contact_time(now, times, lead.timezone or None, settings)
