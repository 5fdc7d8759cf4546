"""The lead book's worker steps: refit nightly, recompute stale plans, lapse missed
promises, wake revisits. Each returns how much it did."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from fairchase import texting

from . import actions, planning
from .models import ACTIVE_STATUSES, FittedModel, Lead
from .worker import claim_lease, release_lease

STALE_PLAN = timedelta(hours=6)


# How long a worker may hold a step before another may take it over (it died meanwhile).
REFIT_LEASE = 3600
REPLAN_LEASE = 600


def _model_is_fresh() -> bool:
    latest = (
        FittedModel.objects.order_by("-created_at").values_list("created_at", flat=True).first()
    )
    return latest is not None and timezone.now() - latest < timedelta(
        hours=settings.REFIT_EVERY_HOURS
    )


def refit_if_stale() -> int:
    """Refit and replan the whole book when the model is older than REFIT_EVERY_HOURS. One
    worker claims it; the others skip. The replan never writes over a plan computed from
    newer facts (an outcome logged while it ran: see planning.write_plans)."""
    if _model_is_fresh() or not claim_lease("refit", REFIT_LEASE):
        return 0
    try:
        if _model_is_fresh():  # another worker refitted between our look and our claim
            return 0
        planning.refit()
        planning.replan_all()
        return 1
    finally:
        release_lease("refit")


def replan_stale(batch: int = 2000) -> int:
    """Plans depend on the clock (due times, weekly caps): refresh those older than STALE_PLAN
    or marked out of date (`planning.for_new_settings`), one worker at a time, and any plan
    to text someone when texts cannot be sent (made before they were switched off). The
    owners of up to `batch` such leads have their whole active book planned together, as
    `planning.replan_all` plans a crowded day on a person's minutes: a batch never changes
    a plan."""
    cutoff = timezone.now() - STALE_PLAN
    stale = Q(planned_at__lt=cutoff) | Q(planned_at=None)
    if not texting.configured():
        stale |= Q(next_channel="text")
    qs = Lead.objects.filter(status__in=ACTIVE_STATUSES).filter(stale)
    if not qs.exists() or not claim_lease("replan_stale", REPLAN_LEASE):
        return 0
    try:
        owners = set(qs.order_by("pk")[:batch].values_list("owner_id", flat=True))
        books = Lead.objects.filter(status__in=ACTIVE_STATUSES, owner_id__in=owners)
        return planning.replan_all(queryset=books) if owners else 0
    finally:
        release_lease("replan_stale")


def lapse_commitments() -> int:
    return actions.mark_missed_commitments()


def wake_revisits() -> int:
    return actions.wake_revisits()
