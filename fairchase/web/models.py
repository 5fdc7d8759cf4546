"""The web app's own rows: failed logins, kept in the database so the login
throttle holds across every gunicorn worker."""

from django.db import models
from django.utils import timezone


class LoginFailure(models.Model):
    """One failed login for a username from an address (pruned after the window)."""

    username = models.CharField(max_length=150)
    ip = models.GenericIPAddressField(null=True, blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["username", "ip", "at"], name="loginfailure_key_at")]

    def __str__(self) -> str:
        return f"{self.username} from {self.ip} at {self.at:%Y-%m-%d %H:%M}"
