"""The field types of the API's schemas: bounded text, a name, a time within a window,
money, a list of codes. Each refuses what it cannot store or mean with a 422 saying why."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from typing import Annotated, Any

from django.utils import timezone
from ninja import Field
from pydantic import AfterValidator, BeforeValidator, StrictFloat, StringConstraints
from pydantic_core import PydanticCustomError

from fairchase import clock
from fairchase.leads.actions import DUE_FUTURE_DAYS, DUE_PAST_DAYS
from fairchase.leads.normalize import (
    InvalidContact,
    clean_text,
    normalize_email,
    normalize_phone,
    normalize_timezone,
    strip_invisible,
)
from fairchase.web.words import counted

NO_NUL = r"^[^\x00]*$"  # PostgreSQL cannot store NUL characters in text
ONE_LINE = (
    r"^[^\x00-\x1f\x7f]*$"  # names go into email subjects: no line breaks or control characters
)


def Text(max_length: int, min_length: int = 0):  # noqa: N802 (reads like a type)
    return Annotated[
        str, StringConstraints(max_length=max_length, min_length=min_length, pattern=NO_NUL)
    ]


def _one_line(value):
    """Say what is wrong with a line break or control character in words, as the web forms
    do, before the schema's pattern would say it as a regular expression."""
    if isinstance(value, str) and re.search(r"[\x00-\x1f\x7f]", value):
        raise ValueError("must be on one line, without control characters")
    return value


def Line(max_length: int, min_length: int = 0):  # noqa: N802 (reads like a type)
    return Annotated[
        str,
        StringConstraints(max_length=max_length, min_length=min_length, pattern=ONE_LINE),
        BeforeValidator(_one_line),
    ]


def _a_name(value: str) -> str:
    """A name as stored (`normalize.clean_text`, trimmed of every invisible character),
    never blank: "   " or two zero-width spaces name nobody."""
    value = strip_invisible(clean_text(value))
    if not value:
        raise ValueError("must not be blank")
    return value


# A person's name: one line, 1 to 200 characters, not only spaces.
Name = Annotated[Line(200, 1), AfterValidator(_a_name)]


def _iso_text(value):
    # A number would be read as seconds since 1970 ("at": 0 is 1970-01-01): only text.
    if not isinstance(value, str | datetime):
        raise ValueError("must be an ISO 8601 date and time as text, e.g. 2026-03-01T14:30:00Z")
    return value


BARE_DATE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})\s*$")


def on_the_day(value, *, opening: bool):
    """A bare date ("2027-03-01") as that day in the business's time zone, never midnight
    UTC (the day before everywhere in the Americas): `opening`, at the start of that day's
    contact hours (a revisit, a promise: "call back on the 9th" is due that morning); else
    at its start, 00:00 (something that happened that day, a list's `updated_since`).
    Anything else is left for pydantic to read."""
    match = BARE_DATE.match(value) if isinstance(value, str) else None
    if match is None:
        return value
    from fairchase.leads.models import BusinessSettings

    business = BusinessSettings.current()
    try:
        day = date(*(int(part) for part in match.groups()))
    except ValueError:
        return value  # "2026-02-30": pydantic says what is wrong with it
    hour = business.contact_start if opening else time(0, 0)
    if isinstance(hour, str):  # an unsaved default is still its text, "08:00"
        hour = time.fromisoformat(hour)
    return datetime.combine(day, hour, tzinfo=clock.zone(business.business_timezone))


def _span(days: float) -> str:
    """'1 year', '20 years', '10 minutes', '5 days'."""
    if days >= 365:
        return counted(days / 365, "year")
    return counted(days * 24 * 60, "minute") if days < 1 else counted(days, "day")


def When(past_days: float, future_days: float, *, happened: bool = False):  # noqa: N802 (reads like a type)
    """An ISO 8601 date-time (no zone: UTC) within [now - past_days, now + future_days].
    `happened`: the time of something that has happened, the future days only a client's
    clock running ahead of ours, so a time ahead is read as now (never stored in the
    future, where "what happened up to now" would miss it)."""

    def within(value: datetime) -> datetime:
        if timezone.is_naive(value):
            value = value.replace(tzinfo=UTC)
        now = timezone.now()
        if value < now - timedelta(days=past_days):
            raise ValueError(f"must be at most {_span(past_days)} in the past")
        if value > now + timedelta(days=future_days):
            raise ValueError(
                f"must be at most {_span(future_days)} in the future"
                if future_days >= 1
                else "must not be in the future"
            )
        return min(value, now) if happened else value

    day = "00:00" if happened else "the opening of the contact hours"
    text = (
        f"ISO 8601 date and time (UTC when no zone is given), from {_span(past_days)} ago "
        f"to {_span(future_days)} ahead"
        + (" (a time ahead of ours is read as now)" if happened else "")
        + f". A date alone (2027-03-01) is that day in the business's time zone, at {day}."
    )
    return Annotated[
        datetime,
        BeforeValidator(lambda value: on_the_day(value, opening=not happened)),
        BeforeValidator(_iso_text),
        AfterValidator(within),
        Field(description=text),
    ]


# The time something happened (an attempt, an enquiry): the past, give or take clock skew.
Happened = When(past_days=20 * 365, future_days=10 / (24 * 60), happened=True)
# The time something is due (a commitment, a revisit): the near past to a few years ahead.
Due = When(past_days=DUE_PAST_DAYS, future_days=DUE_FUTURE_DAYS)  # the actions' rule
# The span of a list's `updated_since`: a time before 1900 is a typing slip.
SINCE_EARLIEST = datetime(1900, 1, 1, tzinfo=UTC)
SINCE_FUTURE_DAYS = 10 * 365


def _since(value: datetime) -> datetime:
    """`updated_since` as a UTC time within [1900, 10 years ahead]: at the calendar's edge
    ("0001-01-01", 00:00 in Berlin, is in the year 0 in UTC) the conversion the database
    filter makes overflowed, a 500 (review25 M1); now a 422 saying the span."""
    if timezone.is_naive(value):
        value = value.replace(tzinfo=UTC)
    try:
        value = value.astimezone(UTC)
    except OverflowError:
        value = None
    if value is None or value < SINCE_EARLIEST:
        raise ValueError("must be on or after 1900-01-01 (UTC)")
    if value > timezone.now() + timedelta(days=SINCE_FUTURE_DAYS):
        raise ValueError(f"must be at most {_span(SINCE_FUTURE_DAYS)} in the future")
    return value


# A list's `updated_since`: a time (no zone: UTC), or a date alone, 00:00 that day there.
UpdatedSince = Annotated[
    datetime,
    BeforeValidator(lambda value: on_the_day(value, opening=False)),
    AfterValidator(_since),
]
# A number as JSON has it: `true` or "100" is a wrong type (a 422), not 1.0 or 100.0.
Money = Annotated[StrictFloat, Field(ge=0, le=9_999_999_999)]


def _each_once(codes: list[str]) -> list[str]:
    """A list of codes with each kept once, in the order first given ("sms" sent five times
    is one consent, not five on the lead's page)."""
    return list(dict.fromkeys(codes))


def Codes(item: Any) -> Any:  # noqa: N802 (reads like a type)
    """A list of one kind of code, each kept once."""
    return Annotated[list[item], AfterValidator(_each_once)]


def _readable(normalize):
    """An address or zone checked as the lead will store it: one that cannot be read is a
    422 in the schema's own shape, its `loc` naming the field ("email", "phone"), never a
    bare sentence a client cannot map to its form."""

    def check(value):
        if value:
            try:
                normalize(value)
            except InvalidContact as exc:
                raise PydanticCustomError("invalid_contact", "{why}", {"why": str(exc)}) from None
        return value

    return AfterValidator(check)


READ_EMAIL, READ_PHONE = _readable(normalize_email), _readable(normalize_phone)
READ_ZONE = _readable(normalize_timezone)
