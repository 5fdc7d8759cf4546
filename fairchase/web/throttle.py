"""Login throttling, per account from one address, per address across accounts and per
account across addresses.

Every password check first takes a slot in three buckets, the account's from this address,
the caller's address's and the account's (`LoginBucket` rows). A slot is taken by a conditional UPDATE (`count < limit`),
one statement, so concurrent tries (threads, gunicorn workers, machines sharing the
database) never get more checks than the limit. A successful login gives its slots back;
a failure keeps them until the window (LOGIN_WINDOW_SECONDS, counted from the first try)
ends. When either bucket is full the password is not checked at all, so guessing gets no
feedback. Limits: LOGIN_MAX_FAILURES per account from one address,
LOGIN_MAX_FAILURES_PER_ADDRESS per address, LOGIN_MAX_FAILURES_PER_ACCOUNT per account.

The caller's address is REMOTE_ADDR, or, when REMOTE_ADDR is one of TRUSTED_PROXIES, the
nearest address in X-Forwarded-For that is not a trusted proxy (a client can put anything
at the left of that header; only what our own proxies appended is believed).
"""

from __future__ import annotations

import ipaddress
import math
from dataclasses import dataclass
from datetime import timedelta
from functools import lru_cache

from django.conf import settings
from django.db.models import F
from django.utils import timezone

from .models import LoginBucket, LoginFailure


@lru_cache(maxsize=8)
def _networks(proxies: tuple[str, ...]) -> tuple:
    return tuple(ipaddress.ip_network(p, strict=False) for p in proxies)


def _ip(text: str | None):
    try:
        return ipaddress.ip_address((text or "").strip())
    except ValueError:
        return None


def _is_proxy(addr, networks) -> bool:
    return addr is not None and any(addr in n for n in networks)


def client_ip(request) -> str | None:
    """The caller's address: REMOTE_ADDR unless that is a trusted proxy (see above)."""
    remote = request.META.get("REMOTE_ADDR") or None
    networks = _networks(tuple(settings.TRUSTED_PROXIES))
    if not networks or not _is_proxy(_ip(remote), networks):
        return remote
    hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if h.strip()]
    for hop in reversed(hops):
        addr = _ip(hop)
        if addr is None:
            return remote  # garbage our proxy would never have written
        if not _is_proxy(addr, networks):
            return str(addr)
    return remote


def _username(username: str) -> str:
    return (username or "").strip().lower()[:150]


def _window() -> timedelta:
    return timedelta(seconds=settings.LOGIN_WINDOW_SECONDS)


def _buckets(username: str, ip: str | None) -> list[tuple[str, int]]:
    """The account from this address first (a stranger's wrong guesses fill it and lock only
    themselves out: eval32 #5, five guesses from anywhere used to lock the owner out for
    15 minutes), then the address across accounts, then the account from every address, a
    higher limit against guessing spread over many addresses. A full bucket takes no slot
    of the later ones."""
    name, address = _username(username), ip or "unknown"
    return [
        (f"pair:{address}:{name}"[:200], settings.LOGIN_MAX_FAILURES),
        (f"address:{address}", settings.LOGIN_MAX_FAILURES_PER_ADDRESS),
        (f"account:{name}", settings.LOGIN_MAX_FAILURES_PER_ACCOUNT),
    ]


def take_slot(key: str, limit: int, window: timedelta, now=None) -> bool:
    """Take one slot in the bucket `key` (at most `limit` per `window`, counted from the
    window's first slot); False when it is full. One conditional UPDATE takes the slot, so
    concurrent callers in any process never take more than `limit`. The login throttle's
    buckets and the capture form's per-address limit both use it."""
    now = now or timezone.now()
    for _ in range(2):  # a second go when pruning removed the row meanwhile
        LoginBucket.objects.get_or_create(key=key, defaults={"window_start": now})
        # A window that has ended starts again (only one concurrent caller can match this).
        LoginBucket.objects.filter(key=key, window_start__lte=now - window).update(
            count=0, window_start=now
        )
        if LoginBucket.objects.filter(key=key, count__lt=limit).update(count=F("count") + 1) == 1:
            return True
        if LoginBucket.objects.filter(key=key).exists():
            return False
    return False


def seconds_left(key: str, window: timedelta, now) -> int:
    """Seconds until the bucket's window ends (a 429's Retry-After); 0 when it has."""
    bucket = LoginBucket.objects.filter(key=key).first()
    if bucket is None:
        return 0
    return max(0, math.ceil((bucket.window_start + window - now).total_seconds()))


def prune(prefixes: tuple[str, ...], window: timedelta, now) -> None:
    """Forget buckets of these kinds whose window ended long ago."""
    old = LoginBucket.objects.filter(window_start__lt=now - 2 * window)
    for prefix in prefixes:
        old.filter(key__startswith=prefix).delete()


def _give_back(key: str) -> None:
    LoginBucket.objects.filter(key=key, count__gt=0).update(count=F("count") - 1)


@dataclass
class Attempt:
    """One password check that holds a slot in each bucket."""

    username: str
    ip: str | None
    keys: list[str]

    def succeeded(self) -> None:
        for key in self.keys:
            _give_back(key)

    def failed(self) -> None:
        now = timezone.now()
        LoginFailure.objects.filter(at__lt=now - _window()).delete()
        prune(("pair:", "account:", "address:"), _window(), now)
        LoginFailure.objects.create(username=_username(self.username), ip=self.ip)


def begin(username: str, ip: str | None) -> Attempt | None:
    """Take the slots for one password check, or None (nothing taken) when locked."""
    now = timezone.now()
    taken = []
    for key, limit in _buckets(username, ip):
        if not take_slot(key, limit, _window(), now):
            for k in taken:
                _give_back(k)
            return None
        taken.append(key)
    return Attempt(username, ip, taken)


def minutes_left(username: str, ip: str | None) -> int:
    """How long until the fullest bucket's window ends (for the message)."""
    now = timezone.now()
    ends = [
        b.window_start + _window()
        for key, limit in _buckets(username, ip)
        for b in LoginBucket.objects.filter(
            key=key, count__gte=limit, window_start__gt=now - _window()
        )
    ]
    if not ends:
        return 0
    return max(1, int((max(ends) - now).total_seconds() // 60) + 1)
