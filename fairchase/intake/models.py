"""Capture forms, their rate-limit hits, web import jobs and imported history ids."""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone as tz

from fairchase.leads.models import Lead


def new_form_key() -> str:
    return secrets.token_urlsafe(18)


class CaptureForm(models.Model):
    """A web form or webhook that turns submissions into leads for its owner."""

    name = models.CharField(max_length=100)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="capture_forms"
    )
    # the key of the public form (its page and snippet, so published on the website)
    key = models.CharField(max_length=40, unique=True, default=new_form_key)
    # the JSON webhook's own secret, never published: the form's key opens only the form
    # (eval32 #1: the webhook, limited per person and form, not per sender, is for servers)
    webhook_key = models.CharField(max_length=40, unique=True, default=new_form_key)
    source = models.CharField(max_length=64, default="web_form")
    acknowledge = models.BooleanField(
        default=False, help_text="Email the person a short 'we got it' note."
    )
    thanks_url = models.URLField(
        blank=True, help_text="Where the form sends people afterwards (optional)."
    )
    created_at = models.DateTimeField(default=tz.now)
    submissions = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name

    def rotate_key(self) -> None:
        self.key = new_form_key()
        self.save(update_fields=["key"])

    def rotate_webhook_key(self) -> None:
        self.webhook_key = new_form_key()
        self.save(update_fields=["webhook_key"])


class Superseded(Exception):
    """A background job's run was started again while it was still going: this run's claim
    is stale, so it stops at its next batch without writing (review27 #5)."""


class BackgroundJob(models.Model):
    """What an import and an export built in the background share: how far it is, and when it
    last moved. Its thread claims it, then moves it every batch of rows; one that has not moved
    for `STALLED_AFTER` lost its process (a restart, a crash) and may be started again."""

    STALLED_AFTER = timedelta(minutes=5)
    WAITING = ("queued", "running")

    processed = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(default=tz.now)
    moved_at = models.DateTimeField(default=tz.now, help_text="Queued, claimed or last progress.")
    finished_at = models.DateTimeField(null=True, blank=True)
    claims = models.PositiveIntegerField(
        default=0,
        help_text="Times a run claimed it: a run writes only while its claim is the last.",
    )

    class Meta:
        abstract = True
        ordering = ["-created_at", "-pk"]

    expected_rows = 0  # the rows it will have processed when done (for the progress bar)

    @property
    def percent(self) -> int:
        if self.state == "done":
            return 100
        expected = self.expected_rows
        return min(99, int(100 * self.processed / expected)) if expected else 0

    @property
    def interrupted(self) -> bool:
        """Queued or running, yet it has not moved for a while: its process is gone."""
        return self.state in self.WAITING and self.moved_at < tz.now() - self.STALLED_AFTER

    @property
    def working(self) -> bool:
        """Queued or running, and moving (its page keeps polling)."""
        return self.state in self.WAITING and not self.interrupted


class ImportJob(BackgroundJob):
    """A file uploaded in the web UI, mapped, previewed, then imported in the background."""

    class State(models.TextChoices):
        MAPPING = "mapping", "Choosing columns"
        QUEUED = "queued", "Queued"
        RUNNING = "running", "Importing"
        DONE = "done", "Done"
        FAILED = "failed", "Failed"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="import_jobs"
    )
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    filename = models.CharField(max_length=255)
    data = models.BinaryField(help_text="The uploaded file; emptied once imported.")
    size = models.PositiveIntegerField(default=0)
    estimated_rows = models.PositiveIntegerField(default=0)
    header = models.JSONField(default=list)
    mapping = models.JSONField(default=list)
    preset = models.CharField(max_length=20, blank=True)
    # A workbook with more than one sheet of cells: [title, data rows] of each, to choose
    # from, and the sheet read (the one the import picks until someone chooses another).
    sheets = models.JSONField(default=list, blank=True)
    sheet = models.CharField(max_length=100, blank=True)
    # What the mapping page shows of the sheet read (its header's width and words, its
    # first rows as read): kept at upload, so a view of the page parses no workbook.
    ahead = models.JSONField(default=dict, blank=True)
    state = models.CharField(max_length=10, choices=State.choices, default=State.MAPPING)
    report = models.JSONField(default=dict, blank=True)

    @property
    def expected_rows(self) -> int:
        return self.estimated_rows


class ExportJob(BackgroundJob):
    """An Excel export too big to build inside a request (a minute on 60,000 leads): built
    in the background (`export_jobs`), then downloaded from its page for a day."""

    class State(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "Being prepared"
        DONE = "done", "Ready"
        FAILED = "failed", "Failed"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="export_jobs"
    )
    kind = models.CharField(max_length=20)  # leads, attempts or commitments
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
    total = models.PositiveIntegerField(default=0)
    data = models.BinaryField(blank=True, default=b"", help_text="The workbook, once built.")

    @property
    def expected_rows(self) -> int:
        return self.total

    @property
    def filename(self) -> str:
        return f"fairchase-{self.kind}-{self.created_at:%Y%m%d}.xlsx"


class ImportedRecord(models.Model):
    """The id a past lead had in an imported history file, so re-importing it is a no-op."""

    external_id = models.CharField(max_length=200, unique=True)
    lead = models.OneToOneField(Lead, on_delete=models.CASCADE, related_name="imported_record")


class HeldWish(models.Model):
    """A wish not to be contacted that an import could not apply: its row named an address
    that a lead its user may not change holds (`said_no.hold_for_owners`). Until a person
    who may change the lead decides, the lead is held (`held_wishes.holds`: nothing sent,
    planned or offered); Today asks its owner to confirm or dismiss it."""

    class Decision(models.TextChoices):
        CONFIRMED = "confirmed", "Confirmed"
        DISMISSED = "dismissed", "Dismissed"

    lead = models.ForeignKey(Lead, on_delete=models.CASCADE, related_name="held_wishes")
    kind = models.CharField(max_length=10)  # Suppression.Kind: email or phone
    address = models.CharField(max_length=255)
    reason = models.CharField(max_length=40)  # the suppression's, were it applied
    opt_out = models.BooleanField(
        default=False, help_text="The row said the person opted out: confirming opts them out."
    )
    said = models.CharField(max_length=500, help_text="Which import's line, by whom.")
    at = models.DateTimeField(default=tz.now)
    decision = models.CharField(max_length=10, choices=Decision.choices, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [  # `held_wishes.waiting`: the undecided, few among all
            models.Index(
                fields=["lead"], name="intake_wish_waiting", condition=models.Q(decision="")
            )
        ]
        constraints = [  # one waiting wish per lead and address, even from two imports at once
            models.UniqueConstraint(
                fields=["lead", "address"],
                name="intake_wish_waiting_once",
                condition=models.Q(decision=""),
            )
        ]
