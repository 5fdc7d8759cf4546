"""Cached insights: computed once per (view, fitted model, settings, history state).

A page render asks for a cheap history token (lead count + latest change in the view);
when nothing changed since the last computation, the stored JSON is reused. Snapshots
live in the database so every web process and the worker share them.

The worker keeps every view a page can open without a date range computed (the whole
business, and each owner's own leads: what a salesperson sees and what an admin picks),
one view at a time between its other steps. Until it has caught up with a change (a refit,
an outcome logged a moment ago), a page shows the view's latest numbers with their time
rather than making the visitor wait. A big view (over `INLINE_LEADS` leads) is never
computed in a request: its latest numbers are shown whatever their age or settings, and a
view with none stored yet (a new date range) is queued for the worker ("wanted" rows) while
the page says it is being computed and asks again by itself. A small view's numbers older
than `STALE_OK` are computed on the spot.
"""

from __future__ import annotations

import logging
import time
from datetime import date, timedelta

from django.conf import settings as django_settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.utils import timezone

from fairchase.leads import planning
from fairchase.leads.models import FittedModel, Lead
from fairchase.leads.worker import claim_lease, release_lease

from . import numbers
from .models import InsightsSnapshot
from .scope import Scope

log = logging.getLogger("fairchase.insights")
KEEP_DAYS = 7


# The page's numbers come in two parts: "main" (aggregates and what the model learned) and
# "whatif" (the backtest, which refits the model per fold and so may take a while).
PARTS = {"main": numbers.compute, "whatif": numbers.compute_whatif}
# How old a view's latest numbers may be and still be shown while the worker refreshes them.
STALE_OK = {"main": timedelta(hours=1), "whatif": timedelta(days=1)}
# The worker recomputes a changed view at most this often: on a busy day every click changes
# the history, and an owner's view refits a model on their leads (seconds at 7,000 leads)
# and the what-if replays the history; months of numbers move little in ten minutes.
REFRESH = {"main": timedelta(minutes=10), "whatif": timedelta(hours=1)}
WARM_LEASE = 3600  # seconds: another worker may take the step over after this
WARM_BUDGET = 2.0  # seconds of warming per worker pass before the other steps run again
# A page computes the views the worker does not keep (a date range, or one it has not
# reached), one at a time for each person (a lease every web process sees): eight ranges
# asked at once took eight threads of both cores and stalled every page for 25 s. Another
# view asked meanwhile answers "being computed" (`Busy`); a dead process's lease lapses.
ASKED_LEASE = 300  # seconds
# A person's date-ranged views are kept, newest first, up to this many (each ~30 KB).
ASKED_KEEP = 10


# A page computes a view itself only when that is about as quick as a page: measured on 2
# shared cores, the what-if of ~100 finished leads takes ~1 s and of 500 ~8 s, growing with
# the finished leads (2-3 min at 60,000 leads); 200 leads keeps a request to a couple of
# seconds. Bigger views come from the worker. INSIGHTS_INLINE_LEADS in settings overrides it.
INLINE_LEADS = 200
WANTED = "wanted-"  # key prefix of a view a page asked the worker for (view "": never shown)


class Pending(Exception):
    """Nothing is stored for this big view yet: the worker computes it, the page asks again."""


class Busy(Exception):
    """This person's other view is being computed: the page asks to refresh in a moment."""


def snapshot_key(scope: Scope, settings: dict, part: str = "main") -> str:
    """The key of this view's numbers as they would be computed now."""
    model_pk = (
        FittedModel.objects.order_by("-created_at", "-pk").values_list("pk", flat=True).first()
        if numbers.plans_today(scope) and part == "main"
        else None
    )
    # The what-if replays finished leads only: a click on an open lead leaves it as it is.
    token = scope.history_token(finished_only=part == "whatif")
    return scope.cache_key(part, numbers.VERSION, model_pk, token, settings)


def view_key(scope: Scope, settings: dict, part: str) -> str:
    """The key every snapshot of this view shares, whatever history, model or settings it was
    computed on (each snapshot's data says its settings under "settings_key")."""
    return scope.cache_key("view", part, numbers.VERSION)


def settings_key(settings: dict) -> str:
    return Scope().cache_key("settings", settings)


def inline_ok(scope: Scope) -> bool:
    """Whether this view is small enough to compute in a request (see INLINE_LEADS)."""
    limit = getattr(django_settings, "INSIGHTS_INLINE_LEADS", INLINE_LEADS)
    return scope.leads().count() <= limit


def cached(
    scope: Scope, settings: dict | None = None, part: str = "main", stale_ok: bool = False
) -> dict | None:
    """The stored numbers for this view if the history has not changed since, else None; with
    `stale_ok`, the view's latest numbers younger than STALE_OK[part] will do (their
    `generated_at` says when they were computed)."""
    settings = settings if settings is not None else planning.policy_settings()
    key = snapshot_key(scope, settings, part)
    data = cache.get(f"insights:{key}")
    if data is None:
        data = InsightsSnapshot.objects.filter(key=key).values_list("data", flat=True).first()
        if data is not None:
            cache.set(f"insights:{key}", data, 3600)
    if data is None and stale_ok:
        data = _latest(scope, settings, part)
    return data


def _latest(scope: Scope, settings: dict, part: str) -> dict | None:
    """The view's latest numbers, said to be stale: any for a big view; for a small one only
    those younger than STALE_OK under the same settings (else it is computed)."""
    row = (
        InsightsSnapshot.objects.filter(view=view_key(scope, settings, part))
        .order_by("-created_at", "-pk")
        .values_list("data", "created_at")
        .first()
    )
    if row is None:
        return None
    data, at = row
    recent = at >= timezone.now() - STALE_OK[part]
    if not (recent and data.get("settings_key") == settings_key(settings)) and inline_ok(scope):
        return None
    return {**data, "stale": True}


def insights_for(
    scope: Scope,
    settings: dict | None = None,
    part: str = "main",
    stale_ok: bool = False,
    asked_by=None,
) -> dict:
    """The view's numbers: from the cache when the history has not changed (or, with
    `stale_ok`, recent enough), else computed now; for a page (`asked_by` its visitor), only
    a small view while no other view of theirs is being computed (else `Busy`): a big one is
    asked of the worker (`Pending` when nothing is stored yet)."""
    settings = settings if settings is not None else planning.policy_settings()
    data = cached(scope, settings, part, stale_ok=stale_ok)
    if asked_by is None:
        return data if data is not None else _compute(scope, settings, part)
    if data is not None:
        if data.get("stale"):
            want(scope, settings, part, asked_by)
        return data
    if not inline_ok(scope):
        want(scope, settings, part, asked_by)
        raise Pending
    lease = f"insights-asked-{asked_by.pk}"
    if not claim_lease(lease, ASKED_LEASE):
        raise Busy
    try:
        return _compute(scope, settings, part, asked_by)
    finally:
        release_lease(lease)


def _compute(scope: Scope, settings: dict, part: str, asked_by=None) -> dict:
    # The key before computing: a change made meanwhile is seen next time.
    key = snapshot_key(scope, settings, part)
    data = {**PARTS[part](scope, settings), "settings_key": settings_key(settings)}
    data.setdefault("generated_at", timezone.now().isoformat())
    ranged = scope.date_from is not None or scope.date_to is not None
    _store(key, view_key(scope, settings, part), data, asked_by if ranged else None)
    cache.set(f"insights:{key}", data, 3600)
    return data


def _store(key: str, view: str, data: dict, asked_by=None) -> None:
    try:
        with transaction.atomic():
            row = InsightsSnapshot.objects.create(key=key, view=view, data=data, asked_by=asked_by)
    except IntegrityError:  # another process computed the same view meanwhile
        return
    if asked_by is not None:  # a person's date ranges beyond their newest ASKED_KEEP go
        older = InsightsSnapshot.objects.filter(asked_by=asked_by).order_by("-created_at", "-pk")
        InsightsSnapshot.objects.filter(
            pk__in=list(older.values_list("pk", flat=True)[ASKED_KEEP:])
        ).delete()
    # Older numbers of the same view are superseded; anything a week old goes too.
    InsightsSnapshot.objects.filter(view=view, created_at__lte=row.created_at).exclude(
        pk=row.pk
    ).delete()
    InsightsSnapshot.objects.filter(
        created_at__lt=timezone.now() - timedelta(days=KEEP_DAYS)
    ).delete()


def want(scope: Scope, settings: dict, part: str, asked_by) -> None:
    """Ask the worker for this view (one row however often it is asked; the worker computes it
    first if it is due, see `_due`)."""
    key = WANTED + view_key(scope, settings, part)
    if InsightsSnapshot.objects.filter(key=key).exists():
        return
    asked = {"owner": scope.owner_id, "part": part, "by": asked_by.pk if asked_by else None}
    for name, day in (("from", scope.date_from), ("to", scope.date_to)):
        asked[name] = day.isoformat() if day else None
    try:
        with transaction.atomic():
            InsightsSnapshot.objects.create(key=key, view="", data={"wanted": asked})
    except IntegrityError:  # asked by another page meanwhile
        pass


def _wanted() -> list[tuple[InsightsSnapshot, Scope, str, int | None]]:
    """The views pages asked for, oldest first."""
    out = []
    for row in InsightsSnapshot.objects.filter(key__startswith=WANTED).order_by("created_at"):
        w = row.data["wanted"]
        days = [date.fromisoformat(w[n]) if w[n] else None for n in ("from", "to")]
        out.append((row, Scope(w["owner"], *days), w["part"], w["by"]))
    return out


def warm_scopes() -> list[Scope]:
    """Every view a page opens without a date range: the whole business, then each active
    owner's own leads (a salesperson's Insights, and an admin's pick of one owner)."""
    owners = set(Lead.objects.values_list("owner_id", flat=True).distinct().order_by())
    users = (
        get_user_model()
        .objects.filter(is_active=True, pk__in=owners - {None})
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    return [Scope(), *(Scope(owner_id=pk) for pk in users)]


def _due(scope: Scope, settings: dict, part: str) -> bool:
    """Whether this view's numbers are out of date and not refreshed within REFRESH[part]
    (a refit makes every view that shows the model planning Today due at once)."""
    if InsightsSnapshot.objects.filter(key=snapshot_key(scope, settings, part)).exists():
        return False
    latest = (
        InsightsSnapshot.objects.filter(view=view_key(scope, settings, part))
        .order_by("-created_at", "-pk")
        .values_list("data__settings_key", flat=True)
        .first()
    )
    if latest != settings_key(settings):  # none yet, or computed under other settings
        return True
    since = timezone.now() - REFRESH[part]
    if numbers.plans_today(scope) and part == "main":
        fitted = (
            FittedModel.objects.order_by("-created_at", "-pk")
            .values_list("created_at", flat=True)
            .first()
        )
        since = max(since, fitted) if fitted else since
    return not InsightsSnapshot.objects.filter(
        view=view_key(scope, settings, part), created_at__gte=since
    ).exists()


def warm(budget: float = WARM_BUDGET, parts=tuple(PARTS)) -> int:
    """Worker step: recompute the views whose history, model or settings changed, one at a
    time until `budget` seconds are spent (the loop's other steps, sends first, run between
    passes). One worker at a time holds it. Returns how many views it computed."""
    if not claim_lease("insights_warm", WARM_LEASE):
        return 0
    started, done = time.monotonic(), 0
    try:
        settings = planning.policy_settings()
        # What pages asked for first (someone is waiting), then every view's page numbers
        # before any what-if replay.
        todo = [(row, scope, part, by) for row, scope, part, by in _wanted() if part in parts]
        todo += [(None, scope, part, None) for part in parts for scope in warm_scopes()]
        for row, scope, part, by in todo:
            if time.monotonic() - started > budget:
                return done
            if _due(scope, settings, part):
                t = time.monotonic()
                asker = get_user_model().objects.filter(pk=by).first() if by else None
                _compute(scope, settings, part, asker)
                log.info(
                    "insights: recomputed %s for %s in %.1f s", part, scope, time.monotonic() - t
                )
                done += 1
            if row is not None:
                row.delete()
        return done
    finally:
        release_lease("insights_warm")
