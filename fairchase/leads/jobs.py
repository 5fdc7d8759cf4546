"""The lead book's worker steps: refit nightly, recompute stale plans, lapse missed
promises, wake revisits. Each returns how much it did."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from . import actions, planning
from .models import ACTIVE_STATUSES, FittedModel, Lead

STALE_PLAN = timedelta(hours=6)


def refit_if_stale() -> int:
    latest = FittedModel.objects.order_by("-created_at").values_list("created_at", flat=True).first()
    if latest is not None and timezone.now() - latest < timedelta(hours=settings.REFIT_EVERY_HOURS):
        return 0
    planning.refit()
    planning.replan_all()
    return 1


def replan_stale(batch: int = 2000) -> int:
    """Plans depend on the clock (due times, weekly caps): refresh those older than STALE_PLAN."""
    cutoff = timezone.now() - STALE_PLAN
    qs = Lead.objects.filter(status__in=ACTIVE_STATUSES).filter(Q(planned_at__lt=cutoff) | Q(planned_at=None))
    ids = list(qs.values_list("pk", flat=True)[:batch])
    if ids:
        planning.replan_all(queryset=Lead.objects.filter(pk__in=ids))
    return len(ids)


def lapse_commitments() -> int:
    return actions.mark_missed_commitments()


def wake_revisits() -> int:
    return actions.wake_revisits()
