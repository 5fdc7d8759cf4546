"""The web app's own rows: login buckets and failed logins, kept in the database so the
login throttle holds across every gunicorn worker and process."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class LoginFailure(models.Model):
    """One failed login for a username from an address (an audit trail; pruned after the window)."""

    username = models.CharField(max_length=150)
    ip = models.GenericIPAddressField(null=True, blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["username", "ip", "at"], name="loginfailure_key_at")]

    def __str__(self) -> str:
        return f"{self.username} from {self.ip} at {self.at:%Y-%m-%d %H:%M}"


class LoginBucket(models.Model):
    """Password checks used in the current window by one account ("account:alice") or one
    address ("address:203.0.113.5"). A check takes a slot with a conditional UPDATE
    (`count < limit`), so concurrent tries can never take more slots than the limit."""

    key = models.CharField(max_length=200, unique=True)
    window_start = models.DateTimeField(default=timezone.now)
    count = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.key}: {self.count} since {self.window_start:%H:%M:%S}"


class SentForm(models.Model):
    """A lead-page form's one-time key (`once.py`), claimed by the first POST that carries
    it, in the same transaction as what that POST wrote, and the answer it got: a second tap
    on a slow link, or a browser's retry, is answered the same and does nothing again. Kept
    a day (`once.KEPT`), pruned as new keys arrive."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)
    location = models.CharField(max_length=2000, default="")  # where the first POST went on
    said = models.JSONField(default=list)  # its messages: [[level, text], ...]

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="web_sentform_once_per_key")
        ]
        indexes = [models.Index(fields=["created_at"], name="web_sentform_created")]

    def __str__(self) -> str:
        return f"{self.key} at {self.created_at:%Y-%m-%d %H:%M:%S}"
