"""The web app's own rows: login buckets and failed logins, kept in the database so the
login throttle holds across every gunicorn worker and process."""

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
