"""Which leads an Insights view is about: the viewer's own (salespeople) or anyone's
(admins, optionally one owner), optionally only enquiries that arrived in a date range."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import Count, Max
from django.utils import timezone

from fairchase.leads.models import FINISHED_STATUSES, Attempt, Lead
from fairchase.leads.people import is_admin, owner_asked
from fairchase.params import a_day


@dataclass(frozen=True)
class Scope:
    """A view of the lead book: owner None means every owner (admins only)."""

    owner_id: int | None = None
    date_from: date | None = None
    date_to: date | None = None

    @property
    def is_whole_business(self) -> bool:
        return self.owner_id is None and self.date_from is None and self.date_to is None

    def leads(self):
        """Every lead in this view (any status)."""
        qs = Lead.objects.all()
        if self.owner_id is not None:
            qs = qs.filter(owner_id=self.owner_id)
        if self.date_from is not None:
            qs = qs.filter(created_at__gte=_start_of(self.date_from))
        if self.date_to is not None:
            qs = qs.filter(created_at__lt=_start_of(self.date_to + timedelta(days=1)))
        return qs

    def attempts(self):
        """Every attempt on a lead in this view (a join, not an IN subquery: faster on SQLite)."""
        qs = Attempt.objects.all()
        if self.owner_id is not None:
            qs = qs.filter(lead__owner_id=self.owner_id)
        if self.date_from is not None:
            qs = qs.filter(lead__created_at__gte=_start_of(self.date_from))
        if self.date_to is not None:
            qs = qs.filter(lead__created_at__lt=_start_of(self.date_to + timedelta(days=1)))
        return qs

    def history_token(self, finished_only: bool = False) -> str:
        """Cheap 'has anything changed' stamp: lead count and latest change in the view
        (among its finished leads only, with `finished_only`)."""
        qs = self.leads()
        if finished_only:
            qs = qs.filter(status__in=FINISHED_STATUSES)
        agg = qs.aggregate(n=Count("id"), last=Max("updated_at"))
        last = agg["last"].isoformat() if agg["last"] else "-"
        return f"{agg['n']}:{last}"

    def cache_key(self, *parts) -> str:
        """A stable key for this view plus whatever else the numbers depend on."""
        raw = json.dumps([asdict(self), *parts], default=str, sort_keys=True)
        return hashlib.sha256(raw.encode()).hexdigest()[:40]


def _start_of(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min), timezone.get_current_timezone())


def _parse_date(value) -> date | None:
    return a_day(value)


def scope_for(user, params) -> Scope:
    """The view a user asked for (GET params `owner`, `from`, `to`), narrowed to what they may see:
    a salesperson always gets their own leads, whatever `owner` says."""
    owner_id = owner_asked(user, params.get("owner"))[0] if is_admin(user) else user.pk
    first, last = _parse_date(params.get("from")), _parse_date(params.get("to"))
    if reversed_range(params):  # "from 6 Dec to 1 Nov" means 1 Nov to 6 Dec (the page says so)
        first, last = last, first
    return Scope(owner_id, first, last)


def reversed_range(params) -> bool:
    """Whether the asked `from` day is after the `to` day (swapped by `scope_for`)."""
    first, last = _parse_date(params.get("from")), _parse_date(params.get("to"))
    return first is not None and last is not None and first > last


def day_text(day: date) -> str:
    """A day as the app writes one: "6 Dec 2026"."""
    return f"{day.day} {day:%b %Y}"


def range_text(scope: Scope) -> str:
    """The view's date range in words, "" without one: "from 1 Nov 2026 to 6 Dec 2026",
    "from 1 Nov 2026", "up to 6 Dec 2026"."""
    said = []
    if scope.date_from is not None:
        said.append(f"from {day_text(scope.date_from)}")
    if scope.date_to is not None:
        said.append(f"{'to' if said else 'up to'} {day_text(scope.date_to)}")
    return " ".join(said)
