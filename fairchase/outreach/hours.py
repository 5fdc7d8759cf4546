"""When a message may reach a person: inside the business's contact hours in the
lead's own zone (Sunday excluded, as the decision core assumes)."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from fairchase.leads.models import BusinessSettings, Lead


def _as_time(value) -> time:
    return value if isinstance(value, time) else time.fromisoformat(str(value))


def lead_zone(lead: Lead, business: BusinessSettings | None = None) -> ZoneInfo:
    business = business or BusinessSettings.current()
    try:
        return ZoneInfo(lead.timezone or business.business_timezone or "UTC")
    except (KeyError, ValueError):
        return ZoneInfo("UTC")


def next_allowed(now: datetime, lead: Lead, business: BusinessSettings | None = None) -> datetime:
    """`now` if it is inside the lead's contact hours, else the start of the next window (UTC)."""
    business = business or BusinessSettings.current()
    zone = lead_zone(lead, business)
    start, end = _as_time(business.contact_start), _as_time(business.contact_end)
    local = now.astimezone(zone)
    for day in range(8):
        d = (local + timedelta(days=day)).date()
        if d.weekday() == 6:  # Sunday
            continue
        opens = datetime.combine(d, start, tzinfo=zone)
        closes = datetime.combine(d, end, tzinfo=zone)
        if local < closes:
            return now if local >= opens else opens.astimezone(ZoneInfo("UTC"))
    return now + timedelta(days=1)  # contact hours that never open: try again tomorrow
