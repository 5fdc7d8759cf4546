"""The day Today plans and each person's selling minutes on it.

`contact_day` says which day that is (today, or on a Sunday or after the contact hours the
next contact day); `day_minutes` and `owners_minutes` say how many selling minutes people
have left on it. The plan (`planning`), Today and the messages all ask here, so they agree.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Sum

from fairchase import clock, policy

from .models import Attempt, BusinessSettings, Lead

WEEKDAYS = [(str(d), name) for d, name in enumerate(calendar.day_name)]  # Monday first


class ContactDaysField(forms.MultipleChoiceField):
    """The contact days as ticks, Monday to Sunday, kept as their weekday digits ("012345":
    Monday to Saturday), for Settings and /admin/ alike."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs):
        kwargs.setdefault("label", "Contact days")
        kwargs.setdefault("help_text", "Days a lead may be tried; untick a day to keep it free.")
        err = {"required": "Tick at least one contact day."}
        super().__init__(choices=WEEKDAYS, error_messages=err, **kwargs)

    def prepare_value(self, value):
        return list(value) if isinstance(value, str) else value

    def clean(self, value) -> str:
        return "".join(sorted(set(super().clean(value))))


def _contact_rules(business: BusinessSettings) -> tuple[tuple, tuple[int, int]]:
    """The contact days (weekday numbers) and hours (minutes after midnight), as the core reads them."""
    rules = policy.Settings.from_any(business.to_policy())
    return rules.contact_days, rules.contact_hours


def _next_contact_date(today: date, days: tuple) -> date:
    """The first contact day after `today`."""
    ahead = next((d for d in range(1, 8) if (today.weekday() + d) % 7 in days), 1)
    return today + timedelta(days=ahead)


def day_off(local: datetime, business: BusinessSettings | None = None) -> tuple[str, str]:
    """(the day's name, the next contact day's name) when `local` (a time on the clock of the
    zone that counts) falls on a day nobody is contacted (a Sunday), else ("", "")."""
    business = business or BusinessSettings.current()
    days, _ = _contact_rules(business)
    today = local.date()
    if today.weekday() in days or not days:
        return "", ""
    return f"{today:%A}", f"{_next_contact_date(today, days):%A}"


@dataclass(frozen=True)
class ContactDay:
    """The day Today plans, in the business's zone: its first and last moments, and when it
    is not today, its name ("Monday") and why ("Sunday: not a contact day.")."""

    start: datetime
    end: datetime
    name: str = ""  # "" when the day planned is today
    why: str = ""


# A day's contact hours ending this late (23:59) run to midnight: the day never closes early.
ALL_DAY = 24 * 60 - 1


def contact_day(now: datetime, business: BusinessSettings | None = None) -> ContactDay:
    """The day whose work Today shows: today, in the business's zone, while it is a contact
    day and its contact hours have not ended; else the next contact day. On a Sunday, or at
    21:00 once the hours (08:00-20:00) are over, the work a person can still plan is the next
    contact day's: its follow-ups, its promises, its whole minutes. (The hours are the
    business's setting read on the business's clock; a lead in another zone due later today
    is still listed, as due before the end of the next day.)"""
    business = business or BusinessSettings.current()
    days, (_, end) = _contact_rules(business)
    tz = clock.zone(business.business_timezone)
    local = now.astimezone(tz)
    today = local.date()
    off, _ = day_off(local, business)
    over = not off and end < ALL_DAY and local.hour * 60 + local.minute >= end
    day = _next_contact_date(today, days) if off or over else today
    why = f"{off}: not a contact day." if off else f"{today:%A}'s contact hours are over."
    return ContactDay(
        start=datetime.combine(day, time.min, tzinfo=tz),
        end=datetime.combine(day, time.max, tzinfo=tz),
        name=f"{day:%A}" if day != today else "",
        why=why if day != today else "",
    )


def due_on(lead: Lead, day: ContactDay) -> bool:
    """Whether the lead's next step is for `day` (the day Today shows, `contact_day`) or
    sooner, so its message is for now: on a Sunday a step due Monday is, as a step due today
    is on a weekday; Tuesday's is not. A goodbye (stop) is for now, and so is a contact step
    with no time. Today's card and the drafted message both ask this, so they agree."""
    if lead.next_action == "stop":
        return True
    if lead.next_action != "contact":
        return False
    return lead.next_due is None or lead.next_due <= day.end


@dataclass(frozen=True)
class DayMinutes:
    """The selling minutes of some people's day: what they have (each person's daily
    minutes), what they already logged today, and what is left for the plan. `gone`: these
    are the minutes of someone who no longer works here (none: they left with them)."""

    daily: float
    spent: float
    gone: bool = False

    @property
    def left(self) -> float:
        return max(0.0, self.daily - self.spent)


def start_of_business_day(now: datetime, business: BusinessSettings | None = None) -> datetime:
    """The first moment of `now`'s day in the business's time zone (aware)."""
    business = business or BusinessSettings.current()
    tz = clock.zone(business.business_timezone)
    return datetime.combine(now.astimezone(tz).date(), time.min, tzinfo=tz)


def day_minutes(
    owner_ids: Iterable[int | None], now: datetime, business: BusinessSettings | None = None
) -> DayMinutes:
    """How many selling minutes these owners have left, together, for the day Today plans
    (`contact_day`): the sum of each one's own (`owners_minutes`, the plan's rule, so Today's
    line and the plan never disagree about who has minutes: a leaver has none). With nobody
    yet (no leads), one person's whole day."""
    business = business or BusinessSettings.current()
    each = owners_minutes({pk for pk in owner_ids if pk is not None}, now, business).values()
    if not each:
        return DayMinutes(daily=business.selling_minutes(), spent=0.0)
    return DayMinutes(daily=sum(d.daily for d in each), spent=sum(d.spent for d in each))


NO_MINUTES = DayMinutes(daily=0.0, spent=0.0, gone=True)


def owners_minutes(
    owner_ids: Iterable[int], now: datetime, business: BusinessSettings | None = None
) -> dict[int, DayMinutes]:
    """Each owner's own minutes of the day planned (`contact_day`): the business's daily
    minutes, less the minutes of the attempts they logged since that day began (never below
    zero: one who worked overtime takes no minutes from a teammate; on a Sunday or after the
    contact hours the day planned is the next contact day, on which nothing is logged yet).
    The plan shares a person's minutes among that person's leads only, as their Today shows
    them (a teammate's unworked backlog takes nothing from them). Someone who no longer works
    here has none (`NO_MINUTES`): their Today plans no minutes (`agenda.leavers_day`) and
    nobody works their leads until they are handed on, so those leads wait; a conversation
    or a promise is never put off for minutes, a leaver's either."""
    business = business or BusinessSettings.current()
    ids = set(owner_ids)
    working = get_user_model().objects.filter(pk__in=ids, is_active=True)
    people = set(working.values_list("pk", flat=True))
    per_person = business.selling_minutes()
    spent_by = _spent_today(people, now, business)
    return {
        pk: DayMinutes(daily=per_person, spent=min(per_person, spent_by.get(pk, 0.0)))
        if pk in people
        else NO_MINUTES
        for pk in ids
    }


def _spent_today(ids: Iterable[int], now: datetime, business: BusinessSettings) -> dict:
    """The minutes each of these people logged on the day planned so far (one query; none
    when that day is a later one: nothing is logged on it yet)."""
    ids = list(ids)
    start = contact_day(now, business).start
    if start > now or not ids:
        return {}
    today = Attempt.objects.filter(user_id__in=ids, at__gte=start, at__lte=now)
    totals = today.order_by().values("user_id").annotate(total=Sum("minutes"))
    return {pk: float(total or 0.0) for pk, total in totals.values_list("user_id", "total")}
