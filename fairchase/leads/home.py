"""Where the business is, as its Settings say: the country whose phone numbers people write
without +country (its phone region) and the currency its amounts are in. Read from the one
settings row at most once a second per process (an import parses 100,000 numbers), and
afresh as soon as this process saves the row; a page holds the row it read for the whole
request (`held`), however long it renders, so its queries do not depend on the machine's load."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

import phonenumbers
from django.conf import settings

from fairchase import currency

FALLBACK_REGION = "US"  # a zone of no single country (UTC) says nothing: the old default
_FRESH_FOR = 1.0  # seconds another process's saved Settings may take to be read here
_cache: tuple[float, Home] | None = None
_held: ContextVar[Home | None] = ContextVar("held_home", default=None)


@dataclass(frozen=True)
class Home:
    region: str  # "DE": national numbers ("030 1234567") are read as this country's
    region_from_env: bool  # PHONE_REGION set it, over Settings
    currency: str  # "EUR", ISO 4217

    @property
    def sign(self) -> str:
        """What is written before an amount: '$', '€'."""
        return currency.sign(self.currency)


def env_region() -> str:
    """PHONE_REGION when it names a country phonenumbers knows ("de" is DE), else ""."""
    region = settings.PHONE_REGION
    return region if known_region(region) else ""


def known_region(region: str) -> bool:
    return bool(region) and phonenumbers.country_code_for_region(region) != 0


def region_for_zone(zone: str) -> str:
    """The country of a time zone (zone.tab: Europe/Berlin -> DE, America/Chicago -> US), or
    "" for a zone of no single country (UTC, Etc/GMT+5)."""
    from fairchase.leads.normalize import zone_countries

    region = zone_countries().get(zone or "", "")
    return region if known_region(region) else ""


def home_of(zone: str, region: str = "", code: str = "") -> Home:
    """The home of a business in `zone` whose Settings chose `region` and `code` ("" for
    "follow the time zone" and "the home country's"): PHONE_REGION first, then the chosen
    region, the zone's country, else US; the chosen currency, else the home country's."""
    forced = env_region()
    region = forced or (region if known_region(region) else "") or region_for_zone(zone)
    region = region or FALLBACK_REGION
    code = code if code in currency.CURRENCIES else currency.for_country(region)
    return Home(region=region, region_from_env=bool(forced), currency=code)


def home() -> Home:
    """The business's home now (see the module's docstring)."""
    global _cache
    if (found := _held.get()) is not None:
        return found
    now = time.monotonic()
    if _cache is not None and now - _cache[0] < _FRESH_FOR:
        return _cache[1]
    found = _read()
    _cache = (now, found)
    return found


@contextmanager
def held(found: Home) -> Iterator[None]:
    """Take `found` as the home while inside: a page that has just read the settings row
    (`request.business`) writes its numbers and amounts by it, with no second query."""
    token = _held.set(found)
    try:
        yield
    finally:
        _held.reset(token)


def forget() -> None:
    """Read Settings afresh next time (they were just saved, or a test's database is gone)."""
    global _cache
    _cache = None
    _held.set(None)  # a page that saves the row writes by the saved one from then on


def _read() -> Home:
    from django.db import DatabaseError

    from fairchase.leads.models import BusinessSettings

    fields = ("business_timezone", "phone_region", "currency")
    try:
        row = BusinessSettings.objects.order_by("pk").values_list(*fields).first()
    except (DatabaseError, RuntimeError):  # not migrated yet, or no database here: the defaults
        row = None
    return home_of(*(row or ("UTC", "", "")))


def home_region() -> str:
    return home().region
