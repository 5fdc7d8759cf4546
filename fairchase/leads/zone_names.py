"""Time zones as tools outside the US write them, read as the IANA zone they mean.

Outlook, Exchange and Dynamics write Windows names ("W. Europe Standard Time") or their
labels ("(UTC+01:00) Amsterdam, Berlin, Bern, Rome, Stockholm, Vienna"); people write
"IST", "AEST", "CET" or "UTC+05:30". Each was refused as unknown and the lead's zone left
out. `read_zone_name` gives (zone, how it was read), or None for a name it cannot place;
`normalize.normalize_timezone` is the one rule every door uses, and asks here last.
"""

from __future__ import annotations

import re
from functools import cache

# Abbreviations outside the US, as people write them, -> the zone most who write them mean.
# (The US ones are `normalize.US_ABBREVIATIONS`.) A name with another common meaning says so.
ABBREVIATIONS: dict[str, tuple[str, str]] = {
    "IST": ("Asia/Kolkata", "India; IST is also Irish and Israel Standard Time"),
    "AEST": (
        "Australia/Sydney",
        "eastern Australia; Queensland, without summer time, is Australia/Brisbane",
    ),
    "AEDT": ("Australia/Sydney", "eastern Australia"),
    "ACST": ("Australia/Adelaide", "central Australia; the Northern Territory is Australia/Darwin"),
    "ACDT": ("Australia/Adelaide", "central Australia"),
    "AWST": ("Australia/Perth", "western Australia"),
    "NZST": ("Pacific/Auckland", "New Zealand"),
    "NZDT": ("Pacific/Auckland", "New Zealand"),
    "CET": ("Europe/Berlin", "central Europe"),
    "CEST": ("Europe/Berlin", "central Europe"),
    "MEZ": ("Europe/Berlin", "central Europe"),
    "MESZ": ("Europe/Berlin", "central Europe"),
    "MET": ("Europe/Berlin", "central Europe"),
    "WET": ("Europe/Lisbon", "western Europe"),
    "WEST": ("Europe/Lisbon", "western Europe"),
    "EET": ("Europe/Athens", "eastern Europe"),
    "EEST": ("Europe/Athens", "eastern Europe"),
    "BST": ("Europe/London", "British Summer Time"),
    "MSK": ("Europe/Moscow", "Moscow"),
    "JST": ("Asia/Tokyo", "Japan"),
    "KST": ("Asia/Seoul", "Korea"),
    "HKT": ("Asia/Hong_Kong", "Hong Kong"),
    "SGT": ("Asia/Singapore", "Singapore"),
    "PKT": ("Asia/Karachi", "Pakistan"),
    "WIB": ("Asia/Jakarta", "western Indonesia"),
    "SAST": ("Africa/Johannesburg", "South Africa"),
    "BRT": ("America/Sao_Paulo", "Brasília time"),
    "ART": ("America/Argentina/Buenos_Aires", "Argentina"),
}
# An offset only one populous zone keeps all year: "UTC+05:30" is India's clock. Another
# offset names no place (Berlin and Lagos are both UTC+01:00 in winter) and is refused.
ONLY_ZONE_AT = {
    "+05:30": "Asia/Kolkata",
    "+05:45": "Asia/Kathmandu",
    "+04:30": "Asia/Kabul",
    "+03:30": "Asia/Tehran",
    "+06:30": "Asia/Yangon",
}
# Windows' labels that name a region, not a city: "(UTC-05:00) Eastern Time (US & Canada)"
US_LABELS = {
    "eastern time": "America/New_York",
    "central time": "America/Chicago",
    "mountain time": "America/Denver",
    "pacific time": "America/Los_Angeles",
    "alaska": "America/Anchorage",
    "hawaii": "Pacific/Honolulu",
    "arizona": "America/Phoenix",
}
# "(GMT+05:30) Chennai, Kolkata, Mumbai, New Delhi", "(UTC-03:00) Brasilia"
_LABEL = re.compile(r"\(\s*(?:GMT|UTC)\s*(?:[+\-−]\s*\d{1,2}(?::?\d{2})?)?\s*\)\s*(.*)", re.I)
_OFFSET = re.compile(r"(?:GMT|UTC)\s*([+\-−])\s*(\d{1,2})(?::?(\d{2}))?", re.I)


@cache
def _windows_zones() -> dict[str, str]:
    """Windows zone name (CLDR windowsZones, as tzlocal carries it) -> IANA zone."""
    try:
        from tzlocal.windows_tz import win_tz
    except ImportError:  # dateparser brings tzlocal; without it, the most common names
        win_tz = {
            "W. Europe Standard Time": "Europe/Berlin",
            "Central Europe Standard Time": "Europe/Budapest",
            "Romance Standard Time": "Europe/Paris",
            "GMT Standard Time": "Europe/London",
            "India Standard Time": "Asia/Kolkata",
            "AUS Eastern Standard Time": "Australia/Sydney",
        }
    return {name.casefold(): zone for name, zone in win_tz.items()}


@cache
def _cities(zones: frozenset[str]) -> dict[str, str]:
    """A zone's city as people write it ("new delhi" is not one; "kolkata" is) -> the zone."""
    out: dict[str, str] = {}
    for zone in sorted(zones):
        if "/" in zone and not zone.startswith(("Etc/", "US/", "SystemV/")):
            out.setdefault(zone.rsplit("/", 1)[1].replace("_", " ").casefold(), zone)
    return out


def read_zone_name(raw: str, zones: frozenset[str], renamed: dict[str, str]):
    """(IANA zone, a line saying how `raw` was read) for a Windows name, a "(GMT+hh:mm)
    City, City" label (its first city that names a zone), an abbreviation outside the US,
    or an offset only one zone keeps; None for anything else."""
    text = " ".join(raw.split())
    if zone := _windows_zones().get(text.casefold()):
        zone = renamed.get(zone, zone)
        return zone, f"{raw!r} read as {zone}, the zone of this Windows time zone name."
    if found := ABBREVIATIONS.get(text.upper()):
        zone, where = found
        return zone, f"{raw!r} read as {zone} ({where}): check it."
    if label := _LABEL.fullmatch(text):
        if zone := US_LABELS.get(label.group(1).split(" (")[0].casefold()):
            return zone, f"{raw!r} read as {zone}, the region it names."
        for city in re.split(r"[,;:/]| and ", label.group(1)):
            key = " ".join(city.split()).casefold()
            key = {"calcutta": "kolkata", "kiev": "kyiv", "saigon": "ho chi minh"}.get(key, key)
            if zone := _cities(zones).get(key):
                return zone, f"{raw!r} read as {zone}, by its city {city.strip()}."
    if offset := _OFFSET.fullmatch(text):
        sign = "-" if offset.group(1) in "-−" else "+"
        at = f"{sign}{int(offset.group(2)):02d}:{offset.group(3) or '00'}"
        if zone := ONLY_ZONE_AT.get(at):
            return zone, f"{raw!r} read as {zone}, the one zone at UTC{at}: check it."
    return None
