"""Personal API tokens: a random secret shown once, stored only as its SHA-256."""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone as tz

TOKEN_PREFIX = "fc_"


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8", errors="replace")).hexdigest()


class ApiToken(models.Model):
    """A Bearer token for the REST API; it acts as its user (same ownership rules)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(max_length=100)
    hint = models.CharField(
        max_length=12, help_text="The first characters, to recognise the token."
    )
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=tz.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.hint}…)"

    @classmethod
    def issue(cls, user, name: str) -> tuple[ApiToken, str]:
        """A new token and its secret (the only time the secret exists in the clear)."""
        secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
        token = cls.objects.create(
            user=user, name=name[:100] or "API token", hint=secret[:10], digest=digest(secret)
        )
        return token, secret

    @classmethod
    def user_for(cls, secret: str):
        """The active user this secret belongs to, or None (revoked, unknown, inactive)."""
        if not secret or not secret.startswith(TOKEN_PREFIX) or len(secret) > 200:
            return None
        token = (
            cls.objects.select_related("user")
            .filter(digest=digest(secret), revoked_at__isnull=True)
            .first()
        )
        if token is None or not token.user.is_active:
            return None
        now = tz.now()
        # One write a minute at most: the lead list must stay fast.
        if token.last_used_at is None or now - token.last_used_at > tz.timedelta(minutes=1):
            cls.objects.filter(pk=token.pk).update(last_used_at=now)
        return token.user

    def revoke(self) -> None:
        if self.revoked_at is None:
            self.revoked_at = tz.now()
            self.save(update_fields=["revoked_at"])


class IdempotentRequest(models.Model):
    """A POST sent with an `Idempotency-Key` header and the answer it got: the same key again
    (a client's retry after a timeout) is answered with that answer instead of acting twice.
    Kept a day (`idempotency.KEPT`), pruned as new keys arrive."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    endpoint = models.CharField(max_length=200, help_text="Method and path, e.g. POST /api/...")
    key = models.CharField(max_length=200)
    body_hash = models.CharField(max_length=64, help_text="SHA-256 of the body as read.")
    status = models.PositiveSmallIntegerField()
    response = models.JSONField()
    created_at = models.DateTimeField(default=tz.now, db_index=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "endpoint", "key"], name="api_idempotent_once_per_key"
            )
        ]
