"""Login throttling: after LOGIN_MAX_FAILURES failures for one username from one
address within LOGIN_WINDOW_SECONDS, further attempts are refused without
checking the password (so guessing gets no feedback)."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from .models import LoginFailure


def client_ip(request) -> str | None:
    """The caller's address as seen by Django (put a proxy's real-IP header into REMOTE_ADDR)."""
    return request.META.get("REMOTE_ADDR") or None


def _key(username: str) -> str:
    return (username or "").strip().lower()[:150]


def _window_start():
    return timezone.now() - timedelta(seconds=settings.LOGIN_WINDOW_SECONDS)


def is_locked(username: str, ip: str | None) -> bool:
    """True when this username+address has used up its failures in the window."""
    recent = LoginFailure.objects.filter(username=_key(username), ip=ip, at__gte=_window_start())
    return recent.count() >= settings.LOGIN_MAX_FAILURES


def record_failure(username: str, ip: str | None) -> None:
    """Remember one failure and drop rows that have left the window."""
    LoginFailure.objects.filter(at__lt=_window_start()).delete()
    LoginFailure.objects.create(username=_key(username), ip=ip)


def clear(username: str, ip: str | None) -> None:
    """A successful login forgets the earlier failures."""
    LoginFailure.objects.filter(username=_key(username), ip=ip).delete()


def minutes_left(username: str, ip: str | None) -> int:
    """How long until the oldest counted failure leaves the window (for the message)."""
    oldest = (LoginFailure.objects.filter(username=_key(username), ip=ip, at__gte=_window_start())
              .order_by("at").values_list("at", flat=True).first())
    if oldest is None:
        return 0
    left = oldest + timedelta(seconds=settings.LOGIN_WINDOW_SECONDS) - timezone.now()
    return max(1, int(left.total_seconds() // 60) + 1)
