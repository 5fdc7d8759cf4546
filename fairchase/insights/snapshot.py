"""Cached insights: computed once per (view, fitted model, settings, history state).

A page render asks for a cheap history token (lead count + latest change in the
view); when nothing changed since the last computation, the stored JSON is reused.
Snapshots live in the database so every web process and the worker share them.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.utils import timezone

from fairchase.leads import planning
from fairchase.leads.models import FittedModel

from . import numbers
from .models import InsightsSnapshot
from .scope import Scope

log = logging.getLogger("fairchase.insights")
KEEP_DAYS = 7


# The page's numbers come in two parts: "main" (aggregates and what the model learned) and
# "whatif" (the backtest, which refits the model per fold and so may take a while).
PARTS = {"main": numbers.compute, "whatif": numbers.compute_whatif}


def snapshot_key(scope: Scope, settings: dict, part: str = "main") -> str:
    model_pk = (
        FittedModel.objects.order_by("-created_at", "-pk").values_list("pk", flat=True).first()
        if scope.is_whole_business and part == "main"
        else None
    )
    return scope.cache_key(part, numbers.VERSION, model_pk, scope.history_token(), settings)


def cached(scope: Scope, settings: dict | None = None, part: str = "main") -> dict | None:
    """The stored numbers for this view if the history has not changed since, else None."""
    settings = settings if settings is not None else planning.policy_settings()
    key = snapshot_key(scope, settings, part)
    data = cache.get(f"insights:{key}")
    if data is None:
        data = InsightsSnapshot.objects.filter(key=key).values_list("data", flat=True).first()
        if data is not None:
            cache.set(f"insights:{key}", data, 3600)
    return data


def insights_for(scope: Scope, settings: dict | None = None, part: str = "main") -> dict:
    """The view's numbers: from the cache when the history has not changed, else computed now."""
    settings = settings if settings is not None else planning.policy_settings()
    data = cached(scope, settings, part)
    if data is None:
        data = PARTS[part](scope, settings)
        key = snapshot_key(scope, settings, part)
        _store(key, data)
        cache.set(f"insights:{key}", data, 3600)
    return data


def _store(key: str, data: dict) -> None:
    try:
        with transaction.atomic():
            InsightsSnapshot.objects.create(key=key, data=data)
    except IntegrityError:  # another process computed the same view meanwhile
        pass
    InsightsSnapshot.objects.filter(
        created_at__lt=timezone.now() - timedelta(days=KEEP_DAYS)
    ).delete()


def warm_whole_business() -> int:
    """Worker step: keep the owner's default view computed, so it opens instantly."""
    scope, settings, done = Scope(), planning.policy_settings(), 0
    for part, compute in PARTS.items():
        key = snapshot_key(scope, settings, part)
        if not InsightsSnapshot.objects.filter(key=key).exists():
            _store(key, compute(scope, settings))
            log.info("insights: recomputed the whole-business %s numbers", part)
            done += 1
    return done
