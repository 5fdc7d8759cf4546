"""What the insights app stores: the price of leads per source, and cached summaries."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class SourceCost(models.Model):
    """What one lead from a source costs the business (many contractors pay per lead)."""

    source = models.CharField(max_length=64, unique=True)
    cost_per_lead = models.DecimalField(max_digits=10, decimal_places=2, default=0)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["source"]

    def __str__(self) -> str:
        return f"{self.source}: {self.cost_per_lead}"


class InsightsSnapshot(models.Model):
    """Computed insights for one view (scope + model + history token), shared by every
    web process and the worker, so a page render is one indexed lookup once warm."""

    key = models.CharField(max_length=64, unique=True)
    # Shared by every snapshot of one view (scope, part, settings): its latest is shown
    # while the worker recomputes it after a change.
    view = models.CharField(max_length=64, default="", db_index=True)
    created_at = models.DateTimeField(default=timezone.now)
    data = models.JSONField()
    # Who had a date-ranged view computed on a page (None for a view the worker keeps):
    # each person's are kept up to `snapshot.ASKED_KEEP`.
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )

    def __str__(self) -> str:
        return f"{self.key} ({self.created_at:%Y-%m-%d %H:%M})"
